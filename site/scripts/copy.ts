/**
 * Copy and download buttons for the documents shown on a page. The buttons ship hidden and are
 * shown here, so a page without JavaScript shows no buttons that do nothing.
 */
function status(id: string, text: string): void {
  const el = document.querySelector(`[data-copy-status="${CSS.escape(id)}"]`);
  if (el) el.textContent = text;
}

function source(id: string | undefined): HTMLElement | null {
  return id ? document.getElementById(id) : null;
}

export function enableCopyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const id = button.dataset['copy']!;
      const text = source(id)?.textContent ?? '';
      try {
        await navigator.clipboard.writeText(text);
        status(id, 'Copied.');
      } catch {
        status(id, 'Copy failed: select the text and copy it by hand.');
      }
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-download]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const id = button.dataset['download']!;
      const blob = new Blob([source(id)?.textContent ?? ''], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = button.dataset['filename'] ?? 'policy.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      status(id, 'Downloaded.');
    });
  }
}
