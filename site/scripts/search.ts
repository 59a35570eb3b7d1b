/**
 * The search page, on Pagefind's JavaScript API. The index holds one document per group of a
 * server's tools (site/lib/search-docs.ts): Pagefind ranks the groups, each matching tool comes
 * back as a sub-result, and the group's metadata gives every tool's risk and effect, so results
 * are drawn, filtered and badged tool by tool. Groups are loaded a few at a time, as results are
 * needed. Every result field is third-party text: names come exact from the group's metadata and
 * go in as text, hidden characters shown as marked escapes; excerpts are split at Pagefind's
 * <mark> tags and inserted as text nodes, never as HTML.
 *
 * The page says where it stands in `data-search-state` on the status line: "pending" while typing
 * waits to pause, "searching", then "done" once the results (or the reason for none) are drawn.
 */
import { revealParts } from '../../src/reveal.ts';
import { decodeField, decodeTools, type ToolEntry } from '../lib/search-tools.ts';
import { EFFECTS, RISKS, type Effect, type Risk } from '../../src/taxonomy.ts';

type SubResult = { title: string; url: string; excerpt: string; locations?: number[]; weighted_locations?: { balanced_score?: number }[] };
type Fragment = {
  meta: Record<string, string | undefined>;
  content?: string;
  sub_results: SubResult[];
  anchors?: { id?: string; text?: string; element?: string }[];
};
type Pagefind = {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  preload(term: string, o?: { filters?: Record<string, string> }): Promise<void>;
  search(term: string | null, o?: { filters?: Record<string, string> }): Promise<{ results: { id: string; data(): Promise<Fragment> }[] } | null>;
};

/** One tool found: what a result line shows. */
export type Hit = {
  server: string;
  serverName: string;
  slug: string;
  name: string;
  risk: Risk;
  effect: Effect;
  excerpt: string;
  /** How many of the query's words the tool's own text matched. */
  coverage: number;
  score: number;
};

const PAGE_SIZE = 20;
/** Groups loaded at once while a page of results fills up. */
const GROUPS_AT_ONCE = 6;
const SLUG = /^[a-z0-9_-]{1,80}$/;

/**
 * Pagefind builds excerpts from the page's text with only "<" and ">" escaped, so those two are
 * the only entities to undo; the result is inserted as text.
 */
function unescapeExcerpt(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** Splits an excerpt at <mark> and </mark> only; everything else becomes text. */
export function excerptNodes(excerpt: string): Node[] {
  const nodes: Node[] = [];
  let marked = false;
  for (const part of excerpt.split(/(<\/?mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) {
      const text = document.createTextNode(unescapeExcerpt(part));
      if (marked) {
        const mark = document.createElement('mark');
        mark.append(text);
        nodes.push(mark);
      } else nodes.push(text);
    }
  }
  return nodes;
}

/** The tool slug a sub-result points at (`/servers/<server>/#<tool>`), when it is one. */
function anchorSlug(url: string): string | null {
  const hash = url.lastIndexOf('#');
  const slug = hash >= 0 ? url.slice(hash + 1) : '';
  return SLUG.test(slug) ? slug : null;
}

/** The query's words as Pagefind reads them: lower case, punctuation dropped. */
export function queryWords(term: string): string[] {
  return term
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}_]/gu, ''))
    .filter(Boolean);
}

const bare = (word: string) => word.toLowerCase().replace(/<\/?mark>/g, '').replace(/[^\p{L}\p{N}_]/gu, '');

/** A found word stands for a query word when one begins the other or they share a stem. */
function sameWord(found: string, wanted: string): boolean {
  if (found.startsWith(wanted) || wanted.startsWith(found)) return found.length > 0;
  let common = 0;
  while (common < found.length && common < wanted.length && found[common] === wanted[common]) common++;
  return common >= Math.max(3, Math.min(found.length, wanted.length) - 2);
}

/**
 * How many query words a sub-result's own text holds. Pagefind matches a query against the whole
 * group, so a tool that has only one of two words is also returned; ranking by coverage first puts
 * the tools that match the whole query ahead of them.
 */
export function coverage(contentWords: readonly string[], locations: readonly number[], words: readonly string[]): number {
  const found = new Set(locations.map((l) => bare(contentWords[l] ?? '')));
  return words.filter((w) => [...found].some((f) => sameWord(f, w))).length;
}

/** Best first: the tools that match more of the query, then Pagefind's score. */
export function byRelevance(a: Hit, b: Hit): number {
  return b.coverage - a.coverage || b.score - a.score;
}

/**
 * The tools of one group that a search found and the filters allow, best first. With search
 * words they are the group's sub-results; with filters alone, every tool of the group.
 */
export function hitsOf(group: Fragment, words: readonly string[], filters: { risk?: string; effect?: string }): Hit[] {
  const term = words.length > 0;
  const contentWords = term ? (group.content ?? '').split(/[^\S\uFEFF]+/) : [];
  const server = group.meta['server'] ?? '';
  if (!SLUG.test(server)) return [];
  const serverName = decodeField(group.meta['server-name'] ?? '') ?? server;
  const tools = new Map<string, ToolEntry>(decodeTools(group.meta['tools'] ?? '').map((t) => [t.slug, t]));
  // Pagefind's titles and anchor texts are not used for names: it decodes their entities twice.
  const found: { slug: string; excerpt: string; coverage: number; score: number }[] = term
    ? group.sub_results.map((s) => ({
        slug: anchorSlug(s.url) ?? '',
        excerpt: s.excerpt,
        coverage: coverage(contentWords, s.locations ?? [], words),
        score: (s.weighted_locations ?? []).reduce((n, l) => n + (l.balanced_score ?? 0), 0),
      }))
    : (group.anchors ?? [])
        .filter((a) => /^h\d$/i.test(a.element ?? ''))
        .map((a) => ({ slug: a.id ?? '', excerpt: '', coverage: 0, score: 0 }));
  const hits: Hit[] = [];
  for (const f of found) {
    const tool = tools.get(f.slug);
    if (!tool || !(tool.risk in RISKS) || !(tool.effect in EFFECTS)) continue;
    if (filters.risk && tool.risk !== filters.risk) continue;
    if (filters.effect && tool.effect !== filters.effect) continue;
    hits.push({ server, serverName, slug: f.slug, name: tool.name, risk: tool.risk as Risk, effect: tool.effect as Effect, excerpt: f.excerpt, coverage: f.coverage, score: f.score });
  }
  return hits.sort(byRelevance);
}

function badge(className: string, label: string, title: string): HTMLElement {
  const span = document.createElement('span');
  span.className = `badge ${className}`;
  span.textContent = label;
  span.title = title;
  return span;
}

/** Third-party text as nodes: plain runs as text, hidden characters as marked escapes. */
export function revealedNodes(text: string): Node[] {
  return revealParts(text).map((part) => {
    if (!part.hidden) return document.createTextNode(part.text);
    const span = document.createElement('span');
    span.className = 'hidden-char';
    span.textContent = part.text;
    return span;
  });
}

function renderHit(hit: Hit): HTMLLIElement {
  const li = document.createElement('li');
  const heading = document.createElement('h2');
  heading.style.fontSize = '1.05rem';
  heading.style.margin = '0';
  heading.style.border = '0';
  const link = document.createElement('a');
  // Both parts are checked slugs, so the link is always one of our own tool pages.
  link.href = `/servers/${hit.server}/${hit.slug}/`;
  const code = document.createElement('code');
  code.append(...revealedNodes(hit.name));
  link.append(code);
  heading.append(link);
  const line = document.createElement('p');
  line.style.margin = '0.2rem 0';
  line.append(badge(`risk-${hit.risk}`, RISKS[hit.risk].label, RISKS[hit.risk].meaning), ' ');
  line.append(badge('effect', EFFECTS[hit.effect].label, EFFECTS[hit.effect].meaning), ' ');
  line.append(' on ', ...revealedNodes(hit.serverName));
  li.append(heading, line);
  if (hit.excerpt) {
    const excerpt = document.createElement('p');
    excerpt.style.margin = '0';
    excerpt.append(...excerptNodes(hit.excerpt));
    li.append(excerpt);
  }
  return li;
}

/** The server field takes a slug or a server's name; the list of servers is fetched when first needed. */
function serverField(input: HTMLInputElement, list: HTMLDataListElement) {
  let servers: Promise<[string, string][]> | null = null;
  const load = () =>
    (servers ??= fetch('/servers.json')
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : []))
      .then((json) => (Array.isArray(json) ? json.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') : []))
      .then((entries) => {
        list.replaceChildren(
          ...entries.map(([slug, name]) => {
            const option = document.createElement('option');
            option.value = slug;
            option.label = name;
            return option;
          }),
        );
        return entries;
      })
      .catch(() => []));
  input.addEventListener('focus', () => void load(), { once: true });
  /** The slug the field names, or null when it names no server; '' when it is empty. */
  return async (): Promise<string | null> => {
    const value = input.value.trim();
    if (!value) return '';
    if (SLUG.test(value) && !servers) return value;
    const entries = await load();
    const lower = value.toLowerCase();
    const match = entries.find(([slug]) => slug === value) ?? entries.find(([, name]) => name.toLowerCase() === lower);
    return match ? match[0] : SLUG.test(value) && !entries.length ? value : null;
  };
}

export function enableSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const filters = document.querySelector<HTMLElement>('[data-search-filters]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  const serverInput = filters?.querySelector<HTMLInputElement>('input[data-filter="server"]');
  const serverList = filters?.querySelector<HTMLDataListElement>('datalist');
  if (!form || !filters || !status || !list || !serverInput || !serverList) return;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const selects = [...filters.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const serverSlug = serverField(serverInput, serverList);
  filters.hidden = false;
  const more = document.createElement('button');
  more.type = 'button';
  more.textContent = 'Show more results';
  more.hidden = true;
  list.after(more);

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const s of selects) s.value = params.get(s.dataset['filter']!) ?? '';
  serverInput.value = params.get('server') ?? '';

  let pagefind: Promise<Pagefind> | null = null;
  const load = () => {
    // The index is written next to the built site, so the path is only known at run time.
    const path = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/pagefind/pagefind.js`;
    pagefind ??= (import(/* @vite-ignore */ path) as Promise<Pagefind>).then(async (pf) => {
      await pf.options({ excerptLength: 24 });
      // A large catalog is indexed in shards; the first one lists the others.
      const shards: { merge?: unknown } = await fetch(path.replace(/pagefind\.js$/, 'shards.json'))
        .then((r) => (r.ok ? (r.json() as Promise<{ merge?: unknown }>) : {}))
        .catch(() => ({}));
      const listed: unknown[] = Array.isArray(shards.merge) ? shards.merge : [];
      const merge = listed.filter((p): p is string => typeof p === 'string' && /^\/pagefind-\d+\/$/.test(p));
      await Promise.all(merge.map((bundle) => pf.mergeIndex(bundle)));
      // Starts fetching the WebAssembly and the metadata now, not at the first search.
      await pf.init();
      return pf;
    });
    return pagefind;
  };
  // The page exists to search: the index loads as soon as the page is idle, or when the box is
  // focused, whichever comes first, so a typed query does not wait for it.
  const warm = () => void load().catch(() => {});
  if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 1000 });
  else setTimeout(warm, 200);
  input.addEventListener('focus', warm, { once: true });

  /** The status line: what it says, and the state a test or a script can wait on. */
  const report = (state: 'pending' | 'searching' | 'done', text?: string) => {
    status.dataset['searchState'] = state;
    if (text !== undefined) status.textContent = text;
  };

  let run = 0;
  const search = async () => {
    const mine = ++run;
    report('searching');
    const term = input.value.trim();
    const chosen: Record<string, string> = {};
    for (const s of selects) if (s.value) chosen[s.dataset['filter']!] = s.value;
    const server = await serverSlug();
    if (mine !== run) return;
    if (server) chosen['server'] = server;
    const query = new URLSearchParams();
    if (term) query.set('q', term);
    for (const [k, v] of Object.entries(chosen)) query.set(k, v);
    history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
    more.hidden = true;
    if (server === null) {
      list.replaceChildren();
      report('done', `No server is called “${serverInput.value.trim()}”: pick one from the list.`);
      return;
    }
    if (!term && !Object.keys(chosen).length) {
      list.replaceChildren();
      report('done', 'Type a tool name or a word of what it does, or pick a filter.');
      return;
    }
    report('searching', 'Searching…');
    // Marks for the benchmark: where a search's time goes (loading, matching, fragments, drawing).
    performance.mark('search:start');
    try {
      const pf = await load();
      performance.mark('search:loaded');
      const found = await pf.search(term || null, { filters: chosen });
      performance.mark('search:matched');
      if (mine !== run) return;
      if (!found) {
        list.replaceChildren();
        report('done', 'No tools found.');
        return;
      }
      const groups = found.results;
      const words = queryWords(term);
      let next = 0;
      let drawn = 0;
      const queue: Hit[] = [];
      // Fills the queue from the next groups until a page of tools is ready or the groups run out.
      const page = async () => {
        report('searching');
        while (queue.length < PAGE_SIZE && next < groups.length) {
          // A group found by a search term holds at least one hit, so no more groups are fetched than hits are missing.
          const want = term && !chosen['risk'] && !chosen['effect'] ? Math.min(GROUPS_AT_ONCE, PAGE_SIZE - queue.length) : GROUPS_AT_ONCE;
          const batch = groups.slice(next, next + want);
          next += batch.length;
          const data = await Promise.all(batch.map((g) => g.data()));
          if (mine !== run) return;
          for (const group of data) queue.push(...hitsOf(group, words, chosen));
          // Pagefind ranks groups; within what is loaded, the tools that match best go first.
          queue.sort(byRelevance);
        }
        performance.mark('search:fragments');
        const shown = queue.splice(0, PAGE_SIZE);
        // The first page replaces the last search's results only once it is ready, so the list never flashes empty.
        if (drawn) list.append(...shown.map(renderHit));
        else list.replaceChildren(...shown.map(renderHit));
        performance.mark('search:drawn');
        drawn += shown.length;
        const done = next >= groups.length && !queue.length;
        more.hidden = done;
        report('done', !drawn ? 'No tools found.' : done ? `${drawn} ${drawn === 1 ? 'tool' : 'tools'} found.` : `${drawn}+ tools found, best matches first.`);
      };
      more.onclick = () => void page();
      await page();
    } catch {
      if (mine === run) report('done', 'The search index could not be loaded.');
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    report('pending');
    // The index chunks for what is typed so far are fetched while the search waits its turn.
    const term = input.value.trim();
    if (term) void load().then((pf) => pf.preload(term)).catch(() => {});
    timer = setTimeout(search, 200);
  });
  for (const s of selects) s.addEventListener('change', search);
  serverInput.addEventListener('change', search);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    // Enter runs the search now; the one still waiting for typing to pause would only repeat it.
    clearTimeout(timer);
    void search();
  });
  void search();
}
