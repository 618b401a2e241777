// A decoded view: a piece of the scanned text with some encoded values replaced by what they decode to,
// and a map from every character of the view back to the span of the original text it stands for. The
// rules run on the view; a match that touches a decoded value is reported at the original span, and a
// match elsewhere in the view is the plain scan's business.
import { codeAt } from '../charCodes.js';

/** One encoded value of the original text and what it decodes to. */
export interface Replacement {
  /** Offsets of the encoded value in the text the replacement was found in. */
  start: number;
  end: number;
  decoded: string;
  /** How it was encoded, for the report: `base64 in a Kubernetes Secret`. */
  note: string;
  /**
   * Nothing around the value says it is encoded (a bare base64 run that happens to decode to text): only
   * rules for a key format of their own count there, not the generic rules.
   */
  formatsOnly: boolean;
  /**
   * The encoded text means nothing as it is (base64): a rule's match on the decoded text is reported
   * rather than the same rule's match on the encoded text. A URL-encoded or escaped key reads as itself
   * in most places, and its plain match (which `keyfence fix` can rewrite) is kept instead.
   */
  preferred: boolean;
  /**
   * For a run of escapes decoded together: `pieces[k]` to `pieces[k + 1]` is the original span of decoded
   * character k (`pieces[0]` is `start`, the last is `end`). Without it every decoded character stands for
   * the whole value (base64, where no character maps to one of the original).
   */
  pieces?: number[];
}

/** A decoded value's place in a view. */
export interface DecodedRegion {
  /** Offsets in the view's text. */
  start: number;
  end: number;
  note: string;
  formatsOnly: boolean;
  preferred: boolean;
}

/**
 * Adds a decoded character to a list of replacements, joined to the last one when it directly follows
 * it (a run of escapes becomes one replacement, not one object per character).
 */
export function appendDecoded(list: Replacement[], start: number, end: number, decoded: string, note: string): void {
  const last = list[list.length - 1];
  if (last && last.end === start && last.pieces) {
    last.decoded += decoded;
    for (let k = 1; k < decoded.length; k++) last.pieces.push(start);
    last.pieces.push(end);
    last.end = end;
    return;
  }
  const pieces = [start];
  for (let k = 1; k < decoded.length; k++) pieces.push(start);
  pieces.push(end);
  list.push({ start, end, decoded, note, formatsOnly: false, preferred: false, pieces });
}

export interface DecodedView {
  text: string;
  /** `text[i]` stands for the original text's `[from[i], to[i])`. */
  from: number[];
  to: number[];
  /** Sorted by start, not overlapping. */
  regions: DecodedRegion[];
}

/**
 * Characters of the original line kept on each side of a decoded value: the name it is assigned to is
 * what the generic rules need. Bounded so that many values on one long line cost the line's length, not
 * its length for each value.
 */
export const CONTEXT = 256;

/**
 * Views of `text` for a list of replacements (sorted by start, not overlapping): each replacement with
 * up to CONTEXT characters of its own line on either side; replacements whose surroundings meet share a
 * view. Every character of `text` is kept in at most one view, so the views together are no longer than
 * `text` plus what the replacements decode to.
 */
export function viewsOf(text: string, replacements: readonly Replacement[]): DecodedView[] {
  const views: DecodedView[] = [];
  let keptUntil = 0;
  let i = 0;
  while (i < replacements.length) {
    const first = replacements[i] as Replacement;
    const builder = new ViewBuilder();
    let at = Math.max(lineStartWithin(text, first.start, CONTEXT), keptUntil);
    let j = i;
    for (;;) {
      const r = replacements[j] as Replacement;
      builder.keep(at, r.start, text);
      builder.put(r);
      at = r.end;
      const next = replacements[j + 1];
      const reach = lineEndWithin(text, r.end, CONTEXT);
      if (next && next.start - reach <= CONTEXT && !hasNewline(text, r.end, next.start)) {
        j++;
        continue;
      }
      keptUntil = Math.max(at, Math.min(reach, next ? next.start : text.length));
      builder.keep(at, keptUntil, text);
      break;
    }
    views.push(builder.view());
    i = j + 1;
  }
  return views;
}

class ViewBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly regions: DecodedRegion[] = [];

  keep(start: number, end: number, text: string): void {
    if (end <= start) return;
    this.parts.push(text.slice(start, end));
    for (let p = start; p < end; p++) {
      this.from.push(p);
      this.to.push(p + 1);
    }
    this.length += end - start;
  }

  put(r: Replacement): void {
    this.parts.push(r.decoded);
    const pieces = r.pieces;
    for (let k = 0; k < r.decoded.length; k++) {
      this.from.push(pieces ? (pieces[k] as number) : r.start);
      this.to.push(pieces ? (pieces[k + 1] as number) : r.end);
    }
    this.regions.push({
      start: this.length,
      end: this.length + r.decoded.length,
      note: r.note,
      formatsOnly: r.formatsOnly,
      preferred: r.preferred,
    });
    this.length += r.decoded.length;
  }

  view(): DecodedView {
    return { text: this.parts.join(''), from: this.from, to: this.to, regions: this.regions };
  }
}

/**
 * A view found inside another view, with its map taken back to the original text and its notes saying
 * both steps (`base64 in a Kubernetes Secret, then URL-encoded`).
 */
export function nested(outer: DecodedView, inner: DecodedView): DecodedView {
  const from = inner.from.map((p) => outer.from[p] as number);
  const to = inner.to.map((p) => outer.to[p - 1] as number);
  const speculative = outer.regions.some((r) => r.formatsOnly);
  // Inner regions come in order, so the outer region each was decoded from (the nearest at or before
  // it) is found by one walk.
  let k = 0;
  const regions = inner.regions.map((r) => {
    const at = inner.from[r.start] as number;
    while (k + 1 < outer.regions.length && (outer.regions[k + 1] as DecodedRegion).start <= at) k++;
    return { ...r, note: `${(outer.regions[k] as DecodedRegion).note}, then ${r.note}`, formatsOnly: r.formatsOnly || speculative };
  });
  return { text: inner.text, from, to, regions };
}

/** The first decoded region of `view` that overlaps `[start, end)` (binary search). */
export function regionAt(view: DecodedView, start: number, end: number): DecodedRegion | undefined {
  const { regions } = view;
  let lo = 0;
  let hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((regions[mid] as DecodedRegion).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const r = regions[lo];
  return r && r.start < end ? r : undefined;
}

/** The start of the line holding `at`, or `at - reach` when the line starts before that. */
function lineStartWithin(text: string, at: number, reach: number): number {
  const limit = Math.max(0, at - reach);
  let p = at;
  while (p > limit && codeAt(text, p - 1) !== 10) p--;
  return p;
}

/** The end of the line holding `at`, or `at + reach` when the line ends after that. */
function lineEndWithin(text: string, at: number, reach: number): number {
  const limit = Math.min(text.length, at + reach);
  let p = at;
  while (p < limit && codeAt(text, p) !== 10) p++;
  return p;
}

function hasNewline(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (codeAt(text, p) === 10) return true;
  return false;
}
