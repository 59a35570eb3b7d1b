/**
 * Zero-width, bidirectional-control and other invisible characters that can hide text from
 * people. Kept free of imports: the browser scripts use it too.
 */
export const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** JSON text with every invisible character written as a \u escape: it parses to the same value. */
export function escapeInvisibleJson(json: string): string {
  return json.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
