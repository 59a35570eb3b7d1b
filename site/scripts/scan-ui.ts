/**
 * The `/scan/` page: the scan command's own modules over a pasted config and the published scan
 * catalog. Third-party names and the user's text reach the page as text nodes only.
 */
import { ScanCatalogSchema, type ScanCatalog } from '../../src/scan/catalog.ts';
import { readConfig, CONFIG_CLIENTS, type ConfigClient } from '../../src/scan/configs.ts';
import { serverDecisions } from '../../src/scan/decide.ts';
import { matchServer } from '../../src/scan/match.ts';
import { buildReport } from '../../src/scan/report.ts';
import { checkWritten } from '../../src/scan/rules.ts';
import { WRITE_CLIENT_VALUES, writeFor, type WriteClient } from '../../src/scan/writers.ts';

const isConfigClient = (v: string): v is ConfigClient => Object.hasOwn(CONFIG_CLIENTS, v);
const isWriteClient = (v: string): v is WriteClient => (WRITE_CLIENT_VALUES as string[]).includes(v);

function cell(row: HTMLTableRowElement, text: string): void {
  row.insertCell().textContent = text;
}

export function enableScan(): void {
  const root = document.querySelector<HTMLElement>('[data-scan]');
  if (!root) return;
  const input = root.querySelector<HTMLTextAreaElement>('[data-scan-input]')!;
  const from = root.querySelector<HTMLSelectElement>('[data-scan-from]')!;
  const write = root.querySelector<HTMLSelectElement>('[data-scan-write]')!;
  const status = root.querySelector<HTMLElement>('[data-scan-status]')!;
  const errors = root.querySelector<HTMLUListElement>('[data-scan-errors]')!;
  const table = root.querySelector<HTMLTableElement>('[data-scan-table]')!;
  const output = document.querySelector<HTMLElement>('#scan-permissions code')!;
  let catalog: ScanCatalog | null = null;

  const update = () => {
    errors.replaceChildren();
    table.tBodies[0]!.replaceChildren();
    output.textContent = '';
    if (!catalog || !input.value.trim()) {
      table.hidden = true;
      status.textContent = catalog ? 'Paste a config above.' : status.textContent;
      return;
    }
    const client = isConfigClient(from.value) && from.value !== 'generic' ? from.value : null;
    const read = readConfig(client === 'codex' ? 'config.toml' : 'config.json', input.value, client);
    for (const e of read.errors) {
      const li = document.createElement('li');
      li.textContent = `${e.line ? `line ${e.line}: ` : ''}${e.message}`;
      errors.append(li);
    }
    const matches = read.servers.filter((s) => !s.disabled).map((s) => matchServer(s, catalog!));
    const report = buildReport(matches, [], read.errors, catalog.generatedAt);
    for (const s of report.servers) {
      const row = table.tBodies[0]!.insertRow();
      cell(row, s.name);
      cell(row, s.catalog ?? '—');
      cell(row, s.risk ?? '?');
      cell(row, `${s.counts.allow} / ${s.counts.ask} / ${s.counts.deny}`);
      cell(row, s.tools.length ? s.tools.slice(0, 3).map((t) => `${t.name} (${t.risk} ${t.effect}, ${t.decision})`).join(', ') : (s.note ?? ''));
    }
    table.hidden = report.servers.length === 0;
    status.textContent = `${report.servers.length} server(s), ${report.servers.filter((s) => s.catalog).length} in the catalog.`;
    const target = isWriteClient(write.value) ? write.value : 'claude-code';
    const decisions = matches.filter((m) => m.entry).map((m) => serverDecisions(m.server.name, m.entry!.tools));
    const written = writeFor(target, decisions);
    const problems = checkWritten(target, written);
    output.textContent = problems.length ? problems.join('\n') : written.map((w) => (written.length > 1 ? `# ${w.path}\n${w.text}` : w.text)).join('\n');
  };

  root.hidden = false;
  status.textContent = 'Loading the catalog…';
  fetch('/scan-catalog.json')
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then((json: unknown) => {
      catalog = ScanCatalogSchema.parse(json);
      status.textContent = 'Paste a config above.';
      update();
    })
    .catch((e: Error) => {
      status.textContent = `The catalog could not be loaded (${e.message}).`;
    });
  for (const el of [input, from, write]) el.addEventListener('input', update);
  for (const el of [from, write]) el.addEventListener('change', update);
}
