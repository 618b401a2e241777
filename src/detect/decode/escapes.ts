// Escapes in string literals: `\uXXXX`, `\u{XXXXX}` and `\xNN` (JavaScript, JSON, Python, C#, Java...).
// A key written character by character as escapes is still the key. An escaped backslash (`\\u0041`)
// is not an escape of the `u`.
import { hexValue } from './url.js';
import { appendDecoded, type Replacement } from './view.js';

const NOTE = 'written with \\u or \\x escapes';

/** Every `\u`/`\x` escape of a printable character in `text`, decoded. */
export function escapeReplacements(text: string): Replacement[] {
  const found: Replacement[] = [];
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', at + 1)) {
    const kind = text.charCodeAt(at + 1);
    if (kind === 92 /* \\ */) {
      at++;
      continue;
    }
    const escape = kind === 117 /* u */ ? unicodeEscape(text, at) : kind === 120 /* x */ ? hexEscape(text, at) : undefined;
    if (!escape) continue;
    appendDecoded(found, at, escape.end, escape.decoded, NOTE);
    at = escape.end - 1;
  }
  return found;
}

function unicodeEscape(text: string, at: number): { end: number; decoded: string } | undefined {
  let code = 0;
  let end: number;
  if (text.charCodeAt(at + 2) === 123 /* { */) {
    end = at + 3;
    while (end < at + 10 && hexValue(text.charCodeAt(end)) >= 0) code = code * 16 + hexValue(text.charCodeAt(end++));
    if (end === at + 3 || text.charCodeAt(end) !== 125 /* } */ || code > 0x10ffff) return undefined;
    end++;
  } else {
    for (end = at + 2; end < at + 6; end++) {
      const digit = hexValue(text.charCodeAt(end));
      if (digit < 0) return undefined;
      code = code * 16 + digit;
    }
  }
  return printableCode(code) ? { end, decoded: String.fromCodePoint(code) } : undefined;
}

function hexEscape(text: string, at: number): { end: number; decoded: string } | undefined {
  const high = hexValue(text.charCodeAt(at + 2));
  const low = hexValue(text.charCodeAt(at + 3));
  if (high < 0 || low < 0) return undefined;
  const code = high * 16 + low;
  return code >= 0x20 && code <= 0x7e ? { end: at + 4, decoded: String.fromCharCode(code) } : undefined;
}

/** Not a control character and not half of a surrogate pair. */
function printableCode(code: number): boolean {
  return code >= 0x20 && !(code >= 0x7f && code <= 0x9f) && !(code >= 0xd800 && code <= 0xdfff);
}
