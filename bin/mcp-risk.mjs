#!/usr/bin/env node
// `mcp-risk scan …`: the package's command. The scan and the crawler are TypeScript; Node 22.18 and
// later run them as they are, and older Node runs them through tsx when it is installed.
const [command, ...rest] = process.argv.slice(2);
if (command !== 'scan') {
  process.stderr.write(`usage: mcp-risk scan [CONFIG...] [--auto] [--format table|json|markdown|sarif] [--write CLIENT] [--out FILE] [--fail-on RISK|drift] [--lock FILE] [--crawl [--pass-env NAME[,NAME]] [--timeout MS]]\n`);
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
// Node 22.18 and later strip the types of the scan and of the crawler (`--crawl`) as they load: the
// code keeps to the TypeScript that stripping can run (no enums, namespaces or constructor parameter
// properties; test/scan/strip-types.test.ts holds it to that). Older Node needs tsx's loader.
if (!process.features?.typescript) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write('mcp-risk needs Node 22.18 or later (or tsx installed beside it)\n');
    process.exit(2);
  }
}
const { run } = await import('../scripts/scan.ts');
process.exitCode = await run(rest);
