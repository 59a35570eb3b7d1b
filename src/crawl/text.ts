/**
 * Text that servers and installers print is untrusted: before it goes into an error message, a
 * warning or the terminal, colour codes and control characters are removed and the length capped.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(text: string, max = 2_000): string {
  const clean = text.replace(ANSI, '').replace(CONTROL, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** One line: newlines and runs of spaces become single spaces. */
export function oneLine(text: string, max = 500): string {
  return cleanText(text, max * 2).replace(/\s+/g, ' ').trim().slice(0, max);
}

export function errorMessage(e: unknown): string {
  return oneLine(e instanceof Error ? e.message : String(e), 1_500);
}
