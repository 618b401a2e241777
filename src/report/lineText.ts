// The line shown for each match (Finding.lineText), built once per scanned text:
// - other matches' secrets on that line are marked here, in place and at the same length (so columns
//   still hold), because a reporter masks only a finding's own secret (two keys on one line must not
//   show each other); the reporter collapses each marked run into a fixed-width mask (report/mask.ts);
// - a very long line (a minified bundle) is cut to a window around the secret, marked with `…`, so
//   that thousands of matches on a megabyte line cost linear time, not a copy of the line each.
import type { Match } from '../types.js';
import { markSecretPiece } from './mask.js';

/** Characters of context kept before and after the secret when a line is longer. */
const BEFORE = 500;
const AFTER = 1000;
export const CUT = '…';

/**
 * Where a 1-based column of the line falls in its lineText: the same place, unless the line was cut
 * before the secret (only ever when the secret starts more than BEFORE characters in), in which case
 * the window starts BEFORE characters before it, after the `…`.
 */
export function offsetInLineText(column: number): number {
  return column - 1 > BEFORE ? BEFORE + CUT.length : Math.max(0, column - 1);
}

/** `lineText` for each match (same order). `matches` must be sorted by start and not overlap. */
export function lineTexts(text: string, matches: readonly Match[]): string[] {
  return matches.map((match, i) => {
    const lineStart = match.start - (match.column - 1);
    const from = match.start - lineStart <= BEFORE ? lineStart : match.start - BEFORE;
    const firstLineEnd = secretFirstLineEnd(text, match);
    const ahead = text.slice(firstLineEnd, firstLineEnd + AFTER + 1);
    const newline = ahead.indexOf('\n');
    const to = newline === -1 ? Math.min(text.length, firstLineEnd + AFTER) : firstLineEnd + newline;
    const cutAfter = newline === -1 && to < text.length;

    let line = text.slice(from, to);
    for (const other of neighbours(matches, i, from, to)) {
      const a = Math.max(other.start, from) - from;
      const b = Math.min(other.end, to) - from;
      line = line.slice(0, a) + markSecretPiece(line.slice(a, b)) + line.slice(b);
    }
    if (!cutAfter && line.endsWith('\r')) line = line.slice(0, -1);
    return `${from > lineStart ? CUT : ''}${line}${cutAfter ? CUT : ''}`;
  });
}

function secretFirstLineEnd(text: string, match: Match): number {
  const newline = text.indexOf('\n', match.start);
  return newline === -1 || newline > match.end ? match.end : newline;
}

/** The other matches that overlap [from, to): contiguous around index `i` since matches are sorted. */
function neighbours(matches: readonly Match[], i: number, from: number, to: number): Match[] {
  const found: Match[] = [];
  // Not overlapping and sorted by start, so also sorted by end: stop at the first that ends before.
  for (let j = i - 1; j >= 0 && (matches[j] as Match).end > from; j--) found.push(matches[j] as Match);
  for (let j = i + 1; j < matches.length && (matches[j] as Match).start < to; j++) found.push(matches[j] as Match);
  return found;
}
