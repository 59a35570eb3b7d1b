#!/usr/bin/env node
// `mcp-risk scan …`: the package's command. The scan is TypeScript; Node 22.18 and later run it
// as is, and older Node runs it through tsx when it is installed.
const [command, ...rest] = process.argv.slice(2);
if (command !== 'scan') {
  process.stderr.write(`usage: mcp-risk scan [CONFIG...] [--auto] [--format table|json|markdown|sarif] [--write CLIENT] [--out FILE] [--fail-on RISK|drift] [--lock FILE] [--crawl [--pass-env NAME[,NAME]] [--timeout MS]]\n`);
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
// The crawler (`--crawl`) uses TypeScript that Node's own type stripping cannot run (constructor
// parameter properties), so it goes through tsx on every Node.
const crawl = rest.includes('--crawl');
if (!process.features?.typescript || crawl) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write(crawl ? 'mcp-risk scan --crawl needs tsx installed beside it (npm install tsx)\n' : 'mcp-risk needs Node 22.18 or later (or tsx installed beside it)\n');
    process.exit(2);
  }
}
const { run } = await import('../scripts/scan.ts');
process.exitCode = await run(rest);
