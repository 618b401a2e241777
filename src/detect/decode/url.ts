// URL-encoding (`%2F`, `%3D`, `%2B`): a key in a query string or a connection string is often written
// with its `/`, `+` and `=` escaped. Each decoded character keeps the place of its escape, so a match
// keeps its exact place in the original text.
import { appendDecoded, type Replacement } from './view.js';

const NOTE = 'URL-encoded';

/** Every `%XX` escape of a printable ASCII character in `text`, decoded. */
export function percentReplacements(text: string): Replacement[] {
  const found: Replacement[] = [];
  for (let at = text.indexOf('%'); at !== -1; at = text.indexOf('%', at + 1)) {
    const high = hexValue(text.charCodeAt(at + 1));
    const low = hexValue(text.charCodeAt(at + 2));
    if (high < 0 || low < 0) continue;
    const code = high * 16 + low;
    if (code < 0x20 || code > 0x7e) continue;
    appendDecoded(found, at, at + 3, String.fromCharCode(code), NOTE);
    at += 2;
  }
  return found;
}

export function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
