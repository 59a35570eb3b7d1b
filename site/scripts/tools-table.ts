/**
 * Sorting and filtering for tables marked data-sortable. Rows carry their values in data
 * attributes, so nothing is parsed back out of the cells' text.
 */
type Key = 'name' | 'effect' | 'risk' | 'confidence';

function value(row: HTMLTableRowElement, key: Key): string | number {
  const d = row.dataset;
  switch (key) {
    case 'name':
      return d['name'] ?? '';
    case 'effect':
      return Number(d['effectRank']);
    case 'risk':
      return Number(d['riskRank']);
    case 'confidence':
      return Number(d['confidence']);
  }
}

function enableSorting(table: HTMLTableElement): void {
  const body = table.tBodies[0]!;
  for (const th of table.querySelectorAll<HTMLTableCellElement>('th[data-sort]')) {
    const key = th.dataset['sort'] as Key;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of table.querySelectorAll('th[aria-sort]')) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const rows = [...body.rows].sort((a, b) => {
        const x = value(a, key);
        const y = value(b, key);
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  }
}

function enableFilters(table: HTMLTableElement, controls: HTMLElement): void {
  controls.hidden = false;
  const text = controls.querySelector<HTMLInputElement>('[data-filter="text"]');
  const effect = controls.querySelector<HTMLSelectElement>('[data-filter="effect"]');
  const risk = controls.querySelector<HTMLSelectElement>('[data-filter="risk"]');
  const count = controls.querySelector<HTMLElement>('[data-table-count]');
  const rows = [...table.tBodies[0]!.rows];
  const apply = () => {
    const needle = (text?.value ?? '').trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const visible =
        (!needle || (row.dataset['name'] ?? '').includes(needle)) &&
        (!effect?.value || row.dataset['effect'] === effect.value) &&
        (!risk?.value || row.dataset['risk'] === risk.value);
      row.hidden = !visible;
      if (visible) shown++;
    }
    if (count) count.textContent = `Showing ${shown} of ${rows.length} tools.`;
    table.dispatchEvent(new CustomEvent('filtered', { bubbles: true }));
  };
  for (const el of [text, effect, risk]) el?.addEventListener('input', apply);
  apply();
}

export function enableToolsTable(): void {
  for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    enableSorting(table);
    const controls = document.querySelector<HTMLElement>(`[data-table-controls="${CSS.escape(table.id)}"]`);
    if (controls) enableFilters(table, controls);
  }
}
