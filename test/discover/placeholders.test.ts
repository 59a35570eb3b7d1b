import { describe, expect, test } from 'vitest';
import { dummyFor, valueFor, type InputFacts } from '../../src/discover/placeholders.ts';

describe('valueFor', () => {
  test.each<[InputFacts, string]>([
    // A listing's value, default or first choice is kept when nothing says it is a secret.
    [{ name: 'REGION', default: 'eu-west-1' }, 'eu-west-1'],
    [{ name: '--port', value: '8080' }, '8080'],
    [{ name: 'MODE', choices: ['read', 'write'] }, 'read'],
    [{ name: 'MODE', value: 'fixed', default: 'other' }, 'fixed'],
    // Marked secret, or named or formatted like one: a placeholder instead.
    [{ name: 'REGION', default: 'eu-west-1', isSecret: true }, 'placeholder'],
    [{ name: 'OPENAI_API_KEY', default: 'not-even-secret-looking' }, 'placeholder'],
    [{ name: 'GITHUB_TOKEN', value: 'x' }, 'placeholder'],
    [{ name: 'DB_PASSWORD', default: 'hunter2' }, 'placeholder'],
    [{ name: 'client_secret', default: 'x' }, 'placeholder'],
    // A value of a known token shape, whatever its name.
    [{ name: 'VALUE', default: 'ghp_0123456789abcdef' }, 'placeholder'],
    [{ name: 'VALUE', default: 'sk-live-0123' }, 'placeholder'],
    [{ name: 'DATABASE', default: 'postgres://user:pw@db/prod' }, 'placeholder'],
    // The listing's own placeholder, unless it looks like a credential itself.
    [{ name: 'API_TOKEN', placeholder: 'your-token-here' }, 'your-token-here'],
    [{ name: 'API_TOKEN', placeholder: 'sk-1234' }, 'placeholder'],
    // Without a value, a dummy of the right shape.
    [{ name: 'WORKERS', format: 'number' }, '1'],
    [{ name: 'VERBOSE', format: 'boolean' }, 'true'],
    [{ name: 'config_path', format: 'filepath' }, '$HOME/placeholder'],
    [{ name: 'SERVICE_URL' }, 'https://example.com'],
    [{ name: 'SECRET_URL', default: 'https://real.example/with-token' }, 'https://example.com'],
    // A multi-line or very long value is not copied.
    [{ name: 'BANNER', default: 'a\nb' }, 'placeholder'],
    [{ name: 'BANNER', default: 'x'.repeat(501) }, 'placeholder'],
  ])('%j → %s', (input, expected) => {
    expect(valueFor(input)).toBe(expected);
  });
});

describe('dummyFor', () => {
  test.each([
    [undefined, 'DATA_DIR', '$HOME/placeholder'],
    [undefined, 'LOG_FILE', '$HOME/placeholder'],
    [undefined, 'API_BASE', 'https://example.com'],
    [undefined, 'REDIS_HOST', 'example.com'],
    [undefined, 'HTTP_PORT', '1'],
    [undefined, 'ANYTHING', 'placeholder'],
    ['number', 'ANYTHING', '1'],
  ])('%s %s → %s', (format, name, expected) => {
    expect(dummyFor(format, name)).toBe(expected);
  });
});
