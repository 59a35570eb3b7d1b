/** Filters for the servers list: name, crawl method, and the worst risk among a server's tools. */
export function enableServerFilters(): void {
  const controls = document.querySelector<HTMLElement>('[data-server-controls]');
  const table = document.getElementById('servers') as HTMLTableElement | null;
  if (!controls || !table) return;
  controls.hidden = false;
  const text = controls.querySelector<HTMLInputElement>('[data-filter="text"]')!;
  const method = controls.querySelector<HTMLSelectElement>('[data-filter="method"]')!;
  const risk = controls.querySelector<HTMLSelectElement>('[data-filter="risk"]')!;
  const count = controls.querySelector<HTMLElement>('[data-server-count]')!;
  const rows = [...table.tBodies[0]!.rows];
  const apply = () => {
    const needle = text.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const visible =
        (!needle || (row.dataset['name'] ?? '').includes(needle)) &&
        (!method.value || row.dataset['method'] === method.value) &&
        (!risk.value || Number(row.dataset['worst']) >= Number(risk.value));
      row.hidden = !visible;
      if (visible) shown++;
    }
    count.textContent = `Showing ${shown} of ${rows.length} servers.`;
  };
  for (const el of [text, method, risk]) el.addEventListener('input', apply);
  apply();
}
