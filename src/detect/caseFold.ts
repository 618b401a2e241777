// Rewrites a case-insensitive regex as an equivalent case-sensitive one: every ASCII letter outside a
// class becomes `[xX]`, and a class gains the other case of the letters it holds.
//
// Why: V8 compiles a case-insensitive regex to native code several times slower than the same regex
// spelled out. The context rules (a provider name, an assignment or a YAML group, then the key) compile
// in about 10 ms each with the `i` flag and 2 ms without; a large scan compiles nearly all of them, in
// every thread, and a commit that mentions `secret` compiles a few in the hook.
//
// Without the `u` flag, `i` folds ASCII letters only to ASCII letters (a non-ASCII character never
// canonicalizes to ASCII), and `\w`, `\d`, `\s`, `\b` mean the same with or without it, so the
// rewrite is exact for sources in ASCII. Anything whose meaning the rewrite would have to reason
// about (a backreference, which compares ignoring case; `\x`, `\u`, `\c` escapes; property escapes;
// non-ASCII characters) makes it give up: the caller keeps the `i` flag.
import { BACKSLASH, CARET, classEnd, DASH, OPEN_BRACKET, OPEN_PAREN } from './regexSyntax.js';

/** The same regex without the `i` flag, or undefined when the source is not one this rewrite handles. */
export function withoutIgnoreCase(source: string): string | undefined {
  let out = '';
  const length = source.length;
  for (let i = 0; i < length; i++) {
    const c = source.charCodeAt(i);
    if (c > 0x7f) return undefined;
    if (c === BACKSLASH) {
      const escaped = source.charCodeAt(i + 1);
      if (!isPlainEscape(escaped)) return undefined;
      out += source.slice(i, i + 2);
      i++;
    } else if (c === OPEN_PAREN && source.startsWith('?<', i + 1) && isLetter(source.charCodeAt(i + 3))) {
      // A group name, copied as it is: `(?<secret>`.
      const close = source.indexOf('>', i);
      if (close === -1) return undefined;
      out += source.slice(i, close + 1);
      i = close;
    } else if (c === OPEN_BRACKET) {
      const end = classEnd(source, i);
      if (end === -1) return undefined;
      const folded = foldClass(source.slice(i, end + 1));
      if (folded === undefined) return undefined;
      out += folded;
      i = end;
    } else if (isLetter(c)) {
      out += `[${String.fromCharCode(c | 0x20)}${String.fromCharCode(c & ~0x20)}]`;
    } else {
      out += source[i];
    }
  }
  return out;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Escapes that mean the same with and without `i` and are one character long: `\w`, `\n`, `\.`... */
function isPlainEscape(c: number): boolean {
  if (Number.isNaN(c) || c > 0x7f) return false;
  // Backreferences (\1-\9, \k<name>), \x.., \u...., \cX and \p{...} are left to the `i` flag.
  if (c >= 49 && c <= 57) return false;
  return !'xucpPk'.includes(String.fromCharCode(c));
}

/**
 * A class with the letters of the other case added at its front (after `^` and a leading `-`): for a negated class this
 * excludes both cases, as `i` does. Returns undefined for escapes other than plain ones.
 */
function foldClass(klass: string): string | undefined {
  const negated = klass.charCodeAt(1) === CARET;
  const bodyStart = negated ? 2 : 1;
  const body = klass.slice(bodyStart, -1);
  const present = new Uint8Array(128);
  let previous = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c > 0x7f) return undefined;
    if (c === BACKSLASH) {
      const escaped = body.charCodeAt(i + 1);
      if (!isPlainEscape(escaped)) return undefined;
      i++;
      // A range from `\n` or `\t` would need its letters folded too: rare enough to leave to the flag.
      if (isLetter(escaped) && body.charCodeAt(i + 1) === DASH && i + 2 < body.length) return undefined;
      // `\w` already holds both cases, `\d` and `\s` no letters; other escapes are the character itself.
      previous = isLetter(escaped) ? -1 : escaped;
      continue;
    }
    if (c === DASH && previous !== -1 && i + 1 < body.length) {
      let high = body.charCodeAt(i + 1);
      i++;
      if (high === BACKSLASH) {
        const escaped = body.charCodeAt(i + 1);
        if (!isPlainEscape(escaped) || isLetter(escaped)) return undefined;
        high = escaped;
        i++;
      }
      for (let code = previous; code <= high && code < 128; code++) present[code] = 1;
      previous = -1;
      continue;
    }
    present[c] = 1;
    previous = c;
  }
  let added = '';
  for (let c = 97; c <= 122; c++) {
    if (present[c] && !present[c - 32]) added += String.fromCharCode(c - 32);
    if (present[c - 32] && !present[c]) added += String.fromCharCode(c);
  }
  if (added === '') return klass;
  // After a leading `-`, which would otherwise join the added letters into a range.
  const dash = body.charCodeAt(0) === DASH ? '-' : '';
  return `[${negated ? '^' : ''}${dash}${added}${body.slice(dash.length)}]`;
}
