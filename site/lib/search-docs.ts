/**
 * What the search index holds: one document per group of a server's tools, not one per tool page.
 * Pagefind's metadata file lists every indexed page, and a browser downloads all of it before its
 * first search: at 100,000 tool pages that file alone was 745 KB. Grouping up to GROUP_SIZE tools
 * of one server into a document cuts it about thirtyfold. Each tool is a heading with the tool's
 * slug as its id, so Pagefind returns it as a sub-result with its own excerpt, and the group's
 * metadata says each tool's risk and effect, so the search page can filter and badge tools one by
 * one. Every third-party string goes in as escaped, well-formed text.
 */
import type { ServerRecord, ToolRecord } from '../../src/schema.ts';
import { wellFormed } from '../../src/text.ts';
import { encodeField, encodeTools } from './search-tools.ts';
import { clip, esc, parameterRows, revealHidden, shown } from './view.ts';

export { esc };

/** Tools per search document: small enough that a result's fragment stays a few kilobytes. */
export const GROUP_SIZE = 32;
/**
 * How much of a tool's own text is indexed: what people search by (its name, the opening of its
 * description, its parameters), not the whole page. Nine in ten descriptions are shorter than 650
 * characters; the long tail beyond 1,000 is usage detail that would mostly weigh on every
 * download of the tool's group. Our own summary is left out: its stock phrases ("only reads")
 * would match every tool of a kind.
 */
const DESCRIPTION_INDEXED = 1000;
const PARAMETERS_INDEXED = 20;
const PARAMETER_TEXT_INDEXED = 160;

/** `tools`: the names of the tools it holds, so an indexing error can name them. */
export type SearchDocument = { url: string; html: string; tools: string[] };

function toolSection(tool: ToolRecord): string {
  const params = parameterRows(tool.inputSchema, PARAMETERS_INDEXED)
    .rows.map((r) => `${esc(shown(r.name, 80))}${r.description ? `: ${esc(shown(r.description, PARAMETER_TEXT_INDEXED))}` : ''}`)
    .join('; ');
  const description = shown(tool.description, DESCRIPTION_INDEXED);
  // The name is weighted well above the text, so a search by name finds the tool first.
  return (
    `<section><h2 id="${tool.slug}" data-pagefind-weight="10">${esc(revealHidden(tool.name))}</h2>` +
    (description ? `<p>${esc(description)}</p>` : '') +
    (params ? `<p>${params}</p>` : '') +
    '</section>'
  );
}

const RISK_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const EFFECT_ORDER: Record<string, number> = { execute: 0, delete: 1, write: 2, read: 3 };

/**
 * A server's search documents: its tools GROUP_SIZE at a time, ordered by risk and effect first,
 * so a group holds tools of one or two risk levels and a filtered search finds most of a group's
 * tools wanted (each group is a page to Pagefind, so its filters are those of the group).
 */
export function searchDocuments(record: ServerRecord): SearchDocument[] {
  const docs: SearchDocument[] = [];
  const ordered = record.tools
    .map((tool, i) => ({ tool, i }))
    .sort(
      (a, b) =>
        (RISK_ORDER[a.tool.classification.risk] ?? 9) - (RISK_ORDER[b.tool.classification.risk] ?? 9) ||
        (EFFECT_ORDER[a.tool.classification.effect] ?? 9) - (EFFECT_ORDER[b.tool.classification.effect] ?? 9) ||
        a.i - b.i,
    )
    .map((x) => x.tool);
  for (let start = 0, part = 1; start < ordered.length; start += GROUP_SIZE, part++) {
    const tools = ordered.slice(start, start + GROUP_SIZE);
    const values = (pick: (t: ToolRecord) => string) => [...new Set(tools.map(pick))].sort();
    const filters = [
      `<span data-pagefind-filter="server:${record.slug}"></span>`,
      ...values((t) => t.classification.risk).map((r) => `<span data-pagefind-filter="risk:${r}"></span>`),
      ...values((t) => t.classification.effect).map((e) => `<span data-pagefind-filter="effect:${e}"></span>`),
    ].join('');
    // The name goes in as element text (an attribute value would be split at commas); the
    // ignored wrapper keeps it out of the indexed words while Pagefind still reads the metadata.
    const meta =
      `<div data-pagefind-ignore><span data-pagefind-meta="title">${esc(shown(record.name, 200))}</span></div>` +
      `<span data-pagefind-meta="url:/servers/${record.slug}/"></span>` +
      `<span data-pagefind-meta="server:${record.slug}"></span>` +
      // The exact name, for the result lines: the page reveals its hidden characters itself.
      `<span data-pagefind-meta="server-name:${encodeField(clip(record.name, 200))}"></span>` +
      `<span data-pagefind-meta="tools:${encodeTools(tools)}"></span>`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(shown(record.name, 200))}</title></head><body><main data-pagefind-body>${meta}${filters}${tools.map(toolSection).join('')}</main></body></html>`;
    // Each document needs a URL of its own; results link to the tool pages, never to this. The
    // crawler makes text well-formed, but a record may come from elsewhere: one lone surrogate
    // reaching Pagefind fails the whole index, so the document is made well-formed here too.
    docs.push({ url: `/servers/${record.slug}/?part=${part}`, html: wellFormed(html), tools: tools.map((t) => t.name) });
  }
  return docs;
}
