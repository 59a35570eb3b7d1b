/**
 * Filters for the servers index: a search over name, package and vendor, and vendor, highest
 * risk, transport and status (live, snapshot, not listed yet or one cause of it). Each row's
 * values are read from its data attributes once; a change of a filter compares those values and
 * touches only the rows whose visibility changes, which keeps a filter on thousands of rows
 * within a frame. The filters live in the address (?q=&vendor=&risk=&transport=&status=), so a
 * filtered list can be linked to, as the "not listed yet" section does.
 */

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

  const apply = () => {
    const f = Object.fromEntries(KEYS.map((k) => [k, fields[k].value])) as Filters;
    const needle = f.q.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const visible = matches(row, f, needle);
      if (row.el.hidden === visible) row.el.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = `Showing ${shown.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} servers.`;
    const query = new URLSearchParams();
    for (const k of KEYS) if (f[k]) query.set(k, f[k]);
    const text = query.toString();
    const search = text ? `?${text}` : '';
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
  };
  for (const k of KEYS) fields[k].addEventListener('input', apply);
  controls.hidden = false;
  apply();
}
