/**
 * The `tools` metadata of a search document: each tool's slug, risk and effect, which the search
 * page reads to draw, filter and badge results tool by tool. No imports: it ships to the browser.
 */

/** One tool as the group's `tools` metadata carries it. */
export type ToolEntry = { slug: string; risk: string; effect: string };

/**
 * `slug risk effect` per tool, separated by spaces and semicolons: slugs are [a-z0-9_-], risks and
 * effects are enum words, so neither separator can occur inside a field.
 */
export function encodeTools(tools: readonly { slug: string; classification: { risk: string; effect: string } }[]): string {
  return tools.map((t) => `${t.slug} ${t.classification.risk} ${t.classification.effect}`).join(';');
}

export function decodeTools(text: string): ToolEntry[] {
  const out: ToolEntry[] = [];
  for (const part of text.split(';')) {
    const [slug, risk, effect] = part.split(' ');
    if (slug && risk && effect) out.push({ slug, risk, effect });
  }
  return out;
}
