/**
 * Filters for the servers index: a search over name, package and vendor, and vendor, highest
 * risk, transport and status (live, snapshot, not listed yet or one cause of it). Each row's
 * values are read from its data attributes once; a change of a filter compares those values and
 * touches only the rows whose visibility changes. At most PAGE_ROWS matching rows are shown at a
 * time, with a button for more: measured at 5,000 servers, laying out every row again took a
 * second, and the first rows are what a reader scans. The filters live in the address
 * (?q=&vendor=&risk=&transport=&status=), so a filtered list can be linked to, as the "not
 * listed yet" section does.
 */

/** How many matching rows are shown before "Show more". */
export const PAGE_ROWS = 200;

type Row = { el: HTMLTableRowElement; q: string; v: string; t: string; s: string; c: string; w: number };

/** The query keys, in the order the controls are read. */
const KEYS = ['q', 'vendor', 'risk', 'transport', 'status'] as const;
type Key = (typeof KEYS)[number];
export type Filters = Record<Key, string>;

/** Whether a row passes every filter; the status "unlisted:<cause>" picks one cause of not being listed. */
export function matches(row: Omit<Row, 'el'>, f: Filters, needle: string): boolean {
  if (needle && !row.q.includes(needle)) return false;
  if (f.vendor && row.v !== f.vendor) return false;
  if (f.risk && row.w < Number(f.risk)) return false;
  if (f.transport && row.t !== f.transport) return false;
  if (f.status) {
    const [status, cause] = f.status.split(':');
    if (row.s !== status || (cause !== undefined && row.c !== cause)) return false;
  }
  return true;
}

/**
 * Which rows to show: those that pass the filters, the first `limit` of them. Returns each row's
 * visibility and how many matched in all.
 */
export function selectRows(rows: readonly Omit<Row, 'el'>[], f: Filters, limit: number): { visible: boolean[]; matched: number } {
  const needle = f.q.trim().toLowerCase();
  let matched = 0;
  const visible = rows.map((row) => {
    if (!matches(row, f, needle)) return false;
    matched++;
    return matched <= limit;
  });
  return { visible, matched };
}

/** The count line: every match shown, or the first ones of how many. */
export function countText(shown: number, matched: number, total: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return shown === matched ? `Showing ${n(matched)} of ${n(total)} servers.` : `Showing the first ${n(shown)} of ${n(matched)} matching servers (${n(total)} in all).`;
}

export function enableServerFilters(): void {
  const controls = document.querySelector<HTMLElement>('[data-server-controls]');
  const table = document.getElementById('servers') as HTMLTableElement | null;
  if (!controls || !table) return;
  const fields = Object.fromEntries(KEYS.map((k) => [k, controls.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-filter="${k}"]`)!])) as Record<
    Key,
    HTMLInputElement | HTMLSelectElement
  >;
  const count = controls.querySelector<HTMLElement>('[data-server-count]')!;
  const rows: Row[] = [...table.tBodies[0]!.rows].map((el) => {
    const d = el.dataset;
    return { el, q: d['q'] ?? '', v: d['v'] ?? '', t: d['t'] ?? '', s: d['s'] ?? '', c: d['c'] ?? '', w: Number(d['w'] ?? -1) };
  });

  // The address sets the starting filters; a value no control offers leaves that control at "Any".
  const params = new URLSearchParams(location.search);
  for (const k of KEYS) {
    const value = params.get(k);
    if (value !== null) fields[k].value = value.slice(0, 200);
  }

  const more = document.querySelector<HTMLButtonElement>('[data-server-more]')!;
  let limit = PAGE_ROWS;

  const draw = () => {
    const f = Object.fromEntries(KEYS.map((k) => [k, fields[k].value])) as Filters;
    const { visible, matched } = selectRows(rows, f, limit);
    rows.forEach((row, i) => {
      if (row.el.hidden === visible[i]) row.el.hidden = !visible[i];
    });
    const shown = Math.min(matched, limit);
    count.textContent = countText(shown, matched, rows.length);
    more.hidden = shown === matched;
    more.textContent = `Show ${Math.min(PAGE_ROWS, matched - shown).toLocaleString('en-US')} more`;
    return f;
  };
  const apply = () => {
    limit = PAGE_ROWS;
    const f = draw();
    const query = new URLSearchParams();
    for (const k of KEYS) if (f[k]) query.set(k, f[k]);
    const text = query.toString();
    const search = text ? `?${text}` : '';
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
  };
  for (const k of KEYS) fields[k].addEventListener('input', apply);
  more.addEventListener('click', () => {
    limit += PAGE_ROWS;
    draw();
  });
  controls.hidden = false;
  table.dataset['filtering'] = '';
  apply();
}
