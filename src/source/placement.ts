// Where a match in a fragment is in the file: fragments that are not simply a whole text (a window of a
// large content, the printable strings of a binary, an archive entry) carry what it takes to say so.
import type { Fragment, Match } from '../types.js';
import { byteOffsetOf } from './strings.js';

/** False for a match a neighbouring window answers for (it starts in the overlap outside this window's share). */
export function ownsMatch(fragment: Fragment, match: Match): boolean {
  const window = fragment.window;
  return !window || (match.start >= window.keepFrom && match.start < window.keepTo);
}

export interface Placement {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  entry?: string;
  byteOffset?: number;
}

/** The match's position in the whole file (or archive entry), and its byte offset in binary content. */
export function placeMatch(fragment: Fragment, match: Match): Placement {
  const place: Placement = { line: match.line, column: match.column, endLine: match.endLine, endColumn: match.endColumn };
  const window = fragment.window;
  if (window) {
    // Only the window's first line can start mid-line.
    if (match.line === 1) place.column += window.column - 1;
    if (match.endLine === 1) place.endColumn += window.column - 1;
    place.line += window.line - 1;
    place.endLine += window.line - 1;
  }
  if (fragment.entry !== undefined) place.entry = fragment.entry;
  if (fragment.strings) place.byteOffset = byteOffsetOf(fragment.strings, match.start);
  return place;
}
