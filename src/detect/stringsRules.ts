// The rules for the printable strings of binary content (compiled code, databases, images).
//
// Only rules for a format: provider keys, private keys, connection strings, and the user's own rules
// (a company token has a format too). The generic rules (a `password`/`secret` name next to a
// high-entropy value) judge by a keyword and the randomness of what follows; binaries are full of
// symbol names next to random-looking bytes, so there they would mostly find noise.
//
// In binaries a key rarely stands between delimiters: a SQLite row stores `openai_key` and the key
// back to back, a .class or .pyc file puts a length byte before it that may be printable (`3` for 51
// characters). So each rule with leading or trailing boundary checks (`(?<![A-Za-z0-9_-])` before the
// key, `(?![A-Za-z0-9_-])` after it) also runs without them, after all the rules as they are: where
// the key has its boundaries the exact rule wins the overlap (engine.ts removeOverlaps keeps the
// earlier rule), and elsewhere the relaxed one still finds it (with a trailing character or two more
// when the next field starts with one the key may hold). The rest of a pattern, its checks and its
// keywords stay as they are.
import type { Rule } from '../types.js';
import { CLOSE_PAREN, groupEnd, OPEN_PAREN, PIPE, BACKSLASH, OPEN_BRACKET, classEnd } from './regexSyntax.js';

const cache = new WeakMap<readonly Rule[], Rule[]>();

/** The rules of `rules` that apply to printable strings, then those of them that have boundary checks without them. */
export function stringsRules(rules: readonly Rule[]): Rule[] {
  let found = cache.get(rules);
  if (!found) {
    const applying = rules.filter(appliesToStrings);
    const relaxed = applying.map(withoutBoundaries).filter((rule, i) => rule !== applying[i]);
    found = [...applying, ...relaxed];
    cache.set(rules, found);
  }
  return found;
}

function appliesToStrings(rule: Rule): boolean {
  return rule.category !== 'generic' || rule.provider === 'custom';
}

function withoutBoundaries(rule: Rule): Rule {
  const source = relaxedSource(rule.regex.source);
  return source === rule.regex.source ? rule : { ...rule, regex: new RegExp(source, rule.regex.flags) };
}

/** The source without a leading negative look-behind and a trailing negative look-ahead, when they bound the whole pattern. */
export function relaxedSource(source: string): string {
  if (hasTopLevelAlternation(source)) return source;
  let result = source;
  if (result.startsWith('(?<!')) {
    const end = groupEnd(result, 0);
    if (end !== -1) result = result.slice(end + 1);
  }
  const trailing = lastTopLevelGroup(result);
  if (trailing !== -1 && result.startsWith('(?!', trailing)) result = result.slice(0, trailing);
  return result.length > 0 ? result : source;
}

/** Where the group that ends the source starts, when the source ends with one at the top level; else -1. */
function lastTopLevelGroup(source: string): number {
  if (source.charCodeAt(source.length - 1) !== CLOSE_PAREN) return -1;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === OPEN_BRACKET) {
      i = classEnd(source, i);
      if (i === -1) return -1;
    } else if (c === OPEN_PAREN) {
      const end = groupEnd(source, i);
      if (end === -1) return -1;
      if (end === source.length - 1) return i;
      i = end;
    }
  }
  return -1;
}

function hasTopLevelAlternation(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === OPEN_BRACKET) {
      i = classEnd(source, i);
      if (i === -1) return true;
    } else if (c === OPEN_PAREN) {
      i = groupEnd(source, i);
      if (i === -1) return true;
    } else if (c === PIPE) return true;
  }
  return false;
}
