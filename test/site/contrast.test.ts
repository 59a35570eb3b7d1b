/**
 * Colour contrast of the site's text, read from the stylesheet: every text/background pair meets
 * WCAG AA for normal text (4.5:1), in the light and the dark scheme.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../../site/styles/global.css'), 'utf8');

function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const light = variables(css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...variables(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'), css.indexOf('*, *::before'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const PAIRS = [
  ['fg', 'bg'],
  ['fg', 'bg-soft'],
  ['fg', 'code-bg'],
  ['muted', 'bg'],
  ['muted', 'bg-soft'],
  ['link', 'bg'],
  ['link', 'bg-soft'],
  ['low-fg', 'low-bg'],
  ['medium-fg', 'medium-bg'],
  ['high-fg', 'high-bg'],
  ['critical-fg', 'critical-bg'],
  // Search results highlight matches with the medium background.
  ['fg', 'medium-bg'],
] as const;

describe('colour contrast', () => {
  test('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [scheme, vars] of [['light', light], ['dark', dark]] as const) {
    test.each(PAIRS)(`${scheme}: --%s on --%s is at least 4.5:1`, (fg, bg) => {
      expect(vars[fg], fg).toBeDefined();
      expect(vars[bg], bg).toBeDefined();
      expect(contrast(vars[fg]!, vars[bg]!)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
