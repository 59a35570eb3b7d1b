/**
 * The server page's policy builder. It starts from the recommended policy shown on the page
 * (parsed from that element's text) and rewrites the output document on every change.
 */
import { actionFence } from '../../src/policy/actions.ts';
import type { Policy, ToolRule } from '../../src/schema.ts';
import { buildPolicy, decodeName, isChoice, policyText, type BuilderRow } from '../lib/builder.ts';
import { builderDecisions, clientText, isWriteClient } from '../lib/formats.ts';

export function enableBuilder(): void {
  const section = document.querySelector<HTMLElement>('[data-builder]');
  if (!section) return;
  const source = document.getElementById(section.dataset['builder']!);
  const output = document.getElementById('builder-json');
  if (!source || !output) return;
  const recommended = (JSON.parse(source.textContent ?? '{}') as Policy).tools;
  const selects = [...section.querySelectorAll<HTMLSelectElement>('select[data-tool]')];
  const limit = section.querySelector<HTMLInputElement>('[data-builder-limit]');
  const all = section.querySelector<HTMLSelectElement>('[data-builder-all]');
  const client = section.querySelector<HTMLSelectElement>('[data-builder-client]');
  const serverName = section.querySelector<HTMLInputElement>('[data-builder-server]');
  const clientOutput = document.querySelector<HTMLElement>('#builder-client-text code');

  const update = () => {
    const rows: BuilderRow[] = selects.map((s) => {
      // The name travels JSON-encoded, so NUL, CR and hidden characters reach the document exactly.
      const name = decodeName(s.dataset['tool'] ?? '') ?? '';
      // Own properties only: a tool may be called "__proto__" or "constructor".
      const rule: ToolRule = Object.hasOwn(recommended, name) ? recommended[name]! : { action: 'deny' };
      return { name, choice: isChoice(s.value) ? s.value : 'deny', recommended: rule };
    });
    const perMinute = Math.trunc(Number(limit?.value));
    const document = buildPolicy(rows, perMinute);
    output.querySelector('code')!.textContent = policyText(document);
    if (client && serverName && clientOutput) {
      // Each tool keeps the cap its rule has in the policy.json above, so the two documents agree.
      const chosen = rows.map((r, i) => ({
        name: r.name,
        choice: r.choice,
        perMinute: (Object.hasOwn(document.tools, r.name) ? document.tools[r.name]!.limits : undefined)?.find((l) => l.window === 'minute')?.max ?? null,
        read: selects[i]!.dataset['read'] === 'true',
        readOnlyAgreed: selects[i]!.dataset['readOnlyAgreed'] === 'true',
        fence: Object.hasOwn(document.tools, r.name) ? actionFence(document.tools[r.name]!) : null,
      }));
      const target = isWriteClient(client.value) ? client.value : 'claude-code';
      clientOutput.textContent = clientText(target, [builderDecisions(serverName.value.trim() || serverName.defaultValue, chosen, target)]);
    }
  };

  all?.addEventListener('change', () => {
    if (!all.value) return;
    for (const s of selects) {
      // "Every tool shown" respects the tools table's filters when the rows are hidden there.
      if (s.closest('tr')?.hidden) continue;
      s.value = all.value === 'recommended' ? (s.dataset['recommended'] ?? 'deny') : all.value;
    }
    all.value = '';
    update();
  });
  // Mirror the tools table's filters, so "every tool shown" means the same tools in both tables.
  document.addEventListener('filtered', (event) => {
    const table = event.target as HTMLTableElement;
    for (const row of table.tBodies[0]?.rows ?? []) {
      const mine = section.querySelector<HTMLTableRowElement>(`tr[data-index="${CSS.escape(row.dataset['index'] ?? '')}"]`);
      if (mine) mine.hidden = row.hidden;
    }
  });
  for (const s of selects) s.addEventListener('change', update);
  limit?.addEventListener('input', update);
  client?.addEventListener('change', update);
  serverName?.addEventListener('input', update);
  section.hidden = false;
  update();
}
