/**
 * Reads the hand-curated sources: `catalog/sources/<slug>.md`, front matter for how to reach the
 * server, Markdown body for the "about" text. A bad file is reported with its name and the field,
 * and the other sources still load.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import matter from 'gray-matter';
import { formatIssues, SourceSchema, type Source } from '../schema.ts';
import { isSafeSlug } from './slug.ts';

export type LoadedSource = { slug: string; file: string; source: Source; about: string };
export type SourceError = { file: string; message: string };

export function parseSource(file: string, text: string): LoadedSource {
  const slug = basename(file, '.md');
  if (!isSafeSlug(slug)) {
    throw new Error(`${file}: file name: "${slug}" is not a safe slug (a-z, 0-9, "_", "-"; at most 80)`);
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object keeps gray-matter from caching by content, which would share objects.
    parsed = matter(text, {});
  } catch (e) {
    throw new Error(`${file}: front matter is not valid YAML: ${(e as Error).message}`);
  }
  const result = SourceSchema.safeParse(parsed.data);
  if (!result.success) throw new Error(`${file}: ${formatIssues(result.error)}`);
  return { slug, file, source: result.data, about: parsed.content.trim() };
}

export function loadSources(dir: string): { sources: LoadedSource[]; errors: SourceError[] } {
  const sources: LoadedSource[] = [];
  const errors: SourceError[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  for (const name of files) {
    const file = join(dir, name);
    try {
      // No link is followed in the catalog: a linked source could read any file on the machine.
      if (!lstatSync(file).isFile()) throw new Error(`${file}: not a plain file (a link or a folder); a source must be a file of its own`);
      sources.push(parseSource(file, readFileSync(file, 'utf8')));
    } catch (e) {
      errors.push({ file, message: (e as Error).message });
    }
  }
  return { sources, errors };
}
