// Where the secret of a rule's match is, without running the regex again with match indices (`d`).
import { BACKSLASH, classEnd, CLOSE_PAREN, groupEnd, OPEN_BRACKET, OPEN_PAREN, PIPE } from './regexSyntax.js';

/**
 * True when the group named `secret` always ends where the whole match ends: it is a top-level part
 * of a regex without top-level alternatives, and only assertions (look-arounds, `$`, `\b`) follow it.
 * Then the secret's offsets follow from the match and its text, without running the regex again
 * with match indices (a second compilation of every rule that matches).
 */
export function secretEndsMatch(source: string): boolean {
  const open = source.indexOf('(?<secret>');
  if (open === -1) return false;
  let depth = 0;
  let close = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
    } else if (c === OPEN_BRACKET) {
      i = classEnd(source, i);
      if (i === -1) return false;
    } else if (c === OPEN_PAREN) {
      if (i === open && depth !== 0) return false;
      depth++;
    } else if (c === CLOSE_PAREN) {
      depth--;
      if (depth === 0 && close === -1 && i > open) close = i;
    } else if (c === PIPE && depth === 0) {
      return false;
    }
  }
  return close !== -1 && onlyAssertions(source, close + 1);
}

function onlyAssertions(source: string, from: number): boolean {
  let i = from;
  while (i < source.length) {
    if (source.startsWith('$', i)) i += 1;
    else if (source.startsWith('\\b', i) || source.startsWith('\\B', i)) i += 2;
    else if (/^\(\?(?:=|!|<=|<!)/.test(source.slice(i, i + 4))) {
      const end = groupEnd(source, i);
      if (end === -1) return false;
      i = end + 1;
    } else return false;
  }
  return true;
}
