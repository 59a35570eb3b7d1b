/**
 * The `tools` metadata of a search document: each tool's slug, risk, effect and exact name, which
 * the search page reads to draw, filter and badge results tool by tool. No imports: it ships to
 * the browser.
 *
 * The name is carried here rather than taken from Pagefind's headings: Pagefind decodes the
 * entities of a heading's text a second time, so a tool named `delete&#95;everything` came back as
 * `delete_everything` and `&#x202E;` as a live right-to-left override.
 */

/** One tool as the group's `tools` metadata carries it. */
export type ToolEntry = { slug: string; risk: string; effect: string; name: string };

/**
 * Any text as one metadata field: JSON (which escapes lone surrogates, so the text is well formed),
 * then percent-encoded, so no space, semicolon, comma, quote or ampersand is left in it for an
 * HTML attribute or Pagefind to read.
 */
export function encodeField(text: string): string {
  return encodeURIComponent(JSON.stringify(text));
}

/** The text of a field written by encodeField, or null when it is not one. */
export function decodeField(field: string): string | null {
  try {
    const value: unknown = JSON.parse(decodeURIComponent(field));
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * `slug risk effect name` per tool, separated by spaces and semicolons: slugs are [a-z0-9_-],
 * risks and effects are enum words and the name is encodeField's, so neither separator can occur
 * inside a field.
 */
export function encodeTools(tools: readonly { slug: string; name: string; classification: { risk: string; effect: string } }[]): string {
  return tools.map((t) => `${t.slug} ${t.classification.risk} ${t.classification.effect} ${encodeField(t.name)}`).join(';');
}

export function decodeTools(text: string): ToolEntry[] {
  const out: ToolEntry[] = [];
  for (const part of text.split(';')) {
    const [slug, risk, effect, field] = part.split(' ');
    const name = field === undefined ? null : decodeField(field);
    if (slug && risk && effect && name !== null) out.push({ slug, risk, effect, name });
  }
  return out;
}
