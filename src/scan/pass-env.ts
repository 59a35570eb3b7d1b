/**
 * `scan --crawl --pass-env A,B`: the environment variables a crawled server is given (see
 * crawl.ts). Apart from the crawler, so the scan reads its arguments without loading the crawler.
 */
import { RESERVED_ENV } from '../schema.ts';

/** The names given, each once; or why one cannot be passed (not a name, or one the crawler owns). */
export function parsePassEnv(values: readonly string[]): string[] | string {
  const names = [...new Set(values.flatMap((v) => v.split(',')).map((n) => n.trim()).filter(Boolean))];
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `--pass-env ${name}: not an environment variable name`;
    if (RESERVED_ENV.test(name)) return `--pass-env ${name}: set by the crawler or changes what code loads, never passed`;
  }
  return names;
}
