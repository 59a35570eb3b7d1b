import { describe, expect, test } from 'vitest';
import { expand } from '../../src/crawl/crawl-source.ts';
import { SourceSchema } from '../../src/schema.ts';

describe('expand', () => {
  const vars = { HOME: '/home/mcp', CACHE: '/opt/mcp/server', CATALOG: '/srv/catalog' };
  test.each([
    ['$HOME/.config', '/home/mcp/.config'],
    ['${HOME}/.config', '/home/mcp/.config'],
    ['--root=$CACHE', '--root=/opt/mcp/server'],
    ['$CATALOG/data:$HOME', '/srv/catalog/data:/home/mcp'],
    // A longer name is another variable, not $HOME followed by text.
    ['$HOME_DIR/x', '$HOME_DIR/x'],
    ['$CACHEDIR', '$CACHEDIR'],
    ['${HOME_DIR}', '${HOME_DIR}'],
    ['$$HOME', '$/home/mcp'],
    ['no variables', 'no variables'],
  ])('turns %j into %j', (text, expected) => {
    expect(expand(text, vars)).toBe(expected);
  });

  test('leaves $CACHE as it is where there is no install folder', () => {
    expect(expand('$CACHE/x', { ...vars, CACHE: null })).toBe('$CACHE/x');
  });
});

describe('a source\'s env', () => {
  const parse = (env: Record<string, string>) => SourceSchema.safeParse({ name: 'x', transport: 'command', command: 'x', env });

  test.each(['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS', 'NODE_PATH', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'BASH_ENV'])('may not set %s', (name) => {
    const result = parse({ [name]: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/a source may not set it/);
  });

  test.each(['API_KEY', 'PATHFINDER_TOKEN', 'HOMEPAGE_URL', 'NODE_ENV'])('may set %s', (name) => {
    expect(parse({ [name]: 'placeholder' }).success).toBe(true);
  });
});
