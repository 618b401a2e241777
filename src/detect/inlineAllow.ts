// `keyfence:allow` in a comment on the same line (in any comment syntax) suppresses findings on that
// line; `keyfence:allow-next-line` on the line before does the same for the next line.
//
// The marker's positions are found once per text and looked up by binary search: checking each match
// by searching its line would be quadratic on a megabyte line with thousands of matches.
import type { LineIndex } from './lines.js';

const ALLOW = 'keyfence:allow';
const NEXT_LINE = `${ALLOW}-next-line`;

let cached: { text: string; positions: number[] } | undefined;

function markerPositions(text: string): number[] {
  if (cached && cached.text === text) return cached.positions;
  const positions: number[] = [];
  for (let at = text.indexOf(ALLOW); at !== -1; at = text.indexOf(ALLOW, at + ALLOW.length)) positions.push(at);
  cached = { text, positions };
  return positions;
}

/** Index of the first position >= `from`. */
function firstAtOrAfter(positions: readonly number[], from: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((positions[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function isAllowedInline(text: string, lines: LineIndex, start: number, end: number): boolean {
  const positions = markerPositions(text);
  if (positions.length === 0) return false;
  const from = lines.startOfLineAt(start);
  const to = lines.endOfLineAt(Math.max(start, end - 1));
  for (let i = firstAtOrAfter(positions, from); i < positions.length && (positions[i] as number) < to; i++) {
    if (!text.startsWith(NEXT_LINE, positions[i])) return true;
  }
  if (from === 0) return false;
  const previousStart = lines.startOfLineAt(from - 1);
  for (let i = firstAtOrAfter(positions, previousStart); i < positions.length && (positions[i] as number) < from; i++) {
    if (text.startsWith(NEXT_LINE, positions[i])) return true;
  }
  return false;
}
