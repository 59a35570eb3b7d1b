/**
 * The search page, on Pagefind's JavaScript API. Every result field is third-party text: titles
 * and server names go in with textContent, and excerpts are split at Pagefind's <mark> tags and
 * inserted as text nodes, never as HTML.
 */
import { RISKS, EFFECTS, type Effect, type Risk } from '../../src/taxonomy.ts';

type PagefindResult = {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
};
type Pagefind = {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
  search(term: string | null, o?: { filters?: Record<string, string> }): Promise<{ results: { id: string; data(): Promise<PagefindResult> }[] } | null>;
};

const PAGE_SIZE = 20;

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

function badge(className: string, label: string, title: string): HTMLElement {
  const span = document.createElement('span');
  span.className = `badge ${className}`;
  span.textContent = label;
  span.title = title;
  return span;
}

function renderResult(r: PagefindResult, serverNames: Map<string, string>): HTMLLIElement {
  const li = document.createElement('li');
  const heading = document.createElement('h2');
  heading.style.fontSize = '1.05rem';
  heading.style.margin = '0';
  heading.style.border = '0';
  const link = document.createElement('a');
  // Result URLs come from our own index; only same-site paths are followed.
  link.href = r.url.startsWith('/') && !r.url.startsWith('//') ? r.url : '#';
  const code = document.createElement('code');
  code.textContent = r.meta['title'] ?? r.url;
  link.append(code);
  heading.append(link);
  const line = document.createElement('p');
  line.style.margin = '0.2rem 0';
  const risk = r.meta['risk'] as Risk | undefined;
  const effect = r.meta['effect'] as Effect | undefined;
  if (risk && risk in RISKS) line.append(badge(`risk-${risk}`, RISKS[risk].label, RISKS[risk].meaning), ' ');
  if (effect && effect in EFFECTS) line.append(badge('effect', EFFECTS[effect].label, EFFECTS[effect].meaning), ' ');
  const server = r.meta['server'];
  if (server) line.append(` on ${serverNames.get(server) ?? server}`);
  const excerpt = document.createElement('p');
  excerpt.style.margin = '0';
  excerpt.append(...excerptNodes(r.excerpt));
  li.append(heading, line, excerpt);
  return li;
}

export function enableSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const filters = document.querySelector<HTMLElement>('[data-search-filters]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  if (!form || !filters || !status || !list) return;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const selects = [...filters.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const serverNames = new Map(
    [...filters.querySelectorAll<HTMLOptionElement>('select[data-filter="server"] option')].filter((o) => o.value).map((o) => [o.value, o.text]),
  );
  filters.hidden = false;
  const more = document.createElement('button');
  more.type = 'button';
  more.textContent = 'Show more results';
  more.hidden = true;
  list.after(more);

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const s of selects) s.value = params.get(s.dataset['filter']!) ?? '';

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
      for (const bundle of merge) await pf.mergeIndex(bundle);
      return pf;
    });
    return pagefind;
  };

  let run = 0;
  const search = async () => {
    const mine = ++run;
    const term = input.value.trim();
    const chosen: Record<string, string> = {};
    for (const s of selects) if (s.value) chosen[s.dataset['filter']!] = s.value;
    const query = new URLSearchParams();
    if (term) query.set('q', term);
    for (const [k, v] of Object.entries(chosen)) query.set(k, v);
    history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
    more.hidden = true;
    if (!term && !Object.keys(chosen).length) {
      list.replaceChildren();
      status.textContent = 'Type a tool name or a word of what it does, or pick a filter.';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const pf = await load();
      const found = await pf.search(term || null, { filters: chosen });
      if (mine !== run || !found) return;
      list.replaceChildren();
      const n = found.results.length;
      let drawn = 0;
      const page = async () => {
        const data = await Promise.all(found.results.slice(drawn, drawn + PAGE_SIZE).map((r) => r.data()));
        if (mine !== run) return;
        list.append(...data.map((d) => renderResult(d, serverNames)));
        drawn += data.length;
        more.hidden = drawn >= n;
        status.textContent = n ? `${n} ${n === 1 ? 'tool' : 'tools'} found${drawn < n ? `, showing ${drawn}` : ''}.` : 'No tools found.';
      };
      more.onclick = () => void page();
      await page();
    } catch {
      if (mine === run) status.textContent = 'The search index could not be loaded.';
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  for (const s of selects) s.addEventListener('change', search);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void search();
  });
  void search();
}
