// A text too large to hold, fed in chunks, handed on as overlapping windows: memory holds one window,
// whatever the size of the whole.
//
// Consecutive windows overlap by `overlap` characters, cut at a line start when one is near. Each window
// answers for the matches that start in [keepFrom, keepTo): keepTo lies half an overlap into the next
// window, so a match it keeps has at least half an overlap of text after its start in this window, and
// one it leaves has as much before it in the next. Half an overlap (128 KiB) is more than any rule
// reaches (a multi-line rule reaches 64 KiB past its keyword): every match is found whole in the window
// that keeps it, and by no other.
//
// Each window carries its first character's line and column in the whole text, and, when the version
// before this change is known, which of its lines are new: a line is new unless the previous version
// has an equal line left (LineMultiset). A line longer than a window is decided only once it ends, so
// the windows that cut it count it as new.
import type { Fragment, StringsMap } from '../types.js';
import { LineHasher, type LineMultiset } from './lineHashes.js';

export interface WindowOptions {
  /** What every fragment carries besides its text (file, entry, reading, commit...). */
  base: Omit<Fragment, 'text'>;
  windowChars: number;
  overlap: number;
  /**
   * Whether lines are told new or old (staged, history): against `previous`. Without tracking or
   * without a previous version, fragments carry no addedLines (every line counts as new).
   */
  tracksAdded: boolean;
  previous?: LineMultiset;
  /** The text is printable strings: pushes carry where their characters are (StringsMap). */
  strings?: boolean;
}

export class WindowedText {
  private parts: string[] = [];
  private length = 0;
  /** Line and column of the held text's first character. */
  private line = 1;
  private column = 1;
  private keepFrom = 0;
  private emitted = false;
  /** For each complete line from `line` on: 1 when it is new. */
  private decisions: number[] = [];
  private readonly hasher: LineHasher | undefined;
  private map: StringsMap | undefined;

  constructor(private readonly options: WindowOptions) {
    const previous = options.previous;
    if (options.tracksAdded && previous) this.hasher = new LineHasher((hash) => this.decisions.push(previous.take(hash) ? 0 : 1));
    if (options.strings) this.map = { text: [], byte: [], stride: [] };
  }

  /** Appends text; for strings, `from` is where its first character is in the content. */
  *push(text: string, from?: { byte: number; stride: 1 | 2 }): Generator<Fragment> {
    if (text.length === 0) return;
    if (from && this.map) {
      this.map.text.push(this.length);
      this.map.byte.push(from.byte);
      this.map.stride.push(from.stride);
    }
    this.parts.push(text);
    this.length += text.length;
    this.hasher?.push(text);
    if (this.length >= this.options.windowChars) yield this.window(false);
  }

  *end(): Generator<Fragment> {
    this.hasher?.end();
    if (this.length > 0 || !this.emitted) yield this.window(true);
  }

  private window(last: boolean): Fragment {
    const { overlap } = this.options;
    const held = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    let end = held.length;
    let next = end;
    if (!last) {
      // Whole lines when the last newline is in the second half; else the window cuts a long line.
      const newline = held.lastIndexOf('\n');
      if (newline + 1 >= held.length / 2) end = newline + 1;
      const target = end - overlap;
      const lineStart = held.lastIndexOf('\n', target - 1) + 1;
      next = lineStart > 0 && lineStart >= target - overlap / 2 ? lineStart : target;
    }
    const keepTo = last ? Number.POSITIVE_INFINITY : next + overlap / 2;
    const text = end === held.length ? held : held.slice(0, end);
    const fragment: Fragment = { ...this.options.base, text };
    const added = this.addedLines(text);
    if (added) fragment.addedLines = added;
    if (this.map) fragment.strings = this.mapUpTo(end);
    if (!last || this.emitted) fragment.window = { line: this.line, column: this.column, keepFrom: this.keepFrom, keepTo };
    this.emitted = true;
    if (!last) this.moveTo(held, next, keepTo);
    else this.parts = [];
    return fragment;
  }

  private addedLines(text: string): Set<number> | undefined {
    // Without a previous version every line is new: no set says it more cheaply than none.
    if (!this.options.tracksAdded || !this.hasher) return undefined;
    const lines = countNewlines(text, text.length) + 1;
    const added = new Set<number>();
    for (let i = 0; i < lines; i++) if (i >= this.decisions.length || this.decisions[i] === 1) added.add(i + 1);
    return added;
  }

  private mapUpTo(end: number): StringsMap {
    const map = this.map as StringsMap;
    let count = map.text.length;
    while (count > 0 && (map.text[count - 1] as number) >= end) count--;
    return { text: map.text.slice(0, count), byte: map.byte.slice(0, count), stride: map.stride.slice(0, count) };
  }

  /** Drops the text before `next`, which the next window starts at. */
  private moveTo(held: string, next: number, keepTo: number): void {
    const newlines = countNewlines(held, next);
    if (newlines > 0) {
      this.line += newlines;
      this.column = next - held.lastIndexOf('\n', next - 1);
      this.decisions.splice(0, newlines);
    } else {
      this.column += next;
    }
    this.keepFrom = keepTo - next;
    const rest = held.slice(next);
    this.parts = [rest];
    this.length = rest.length;
    const map = this.map;
    if (map) {
      // The run holding `next` now starts the map, at its place.
      let first = 0;
      while (first + 1 < map.text.length && (map.text[first + 1] as number) <= next) first++;
      const text = map.text.slice(first).map((t) => Math.max(0, t - next));
      const byte = map.byte.slice(first);
      const stride = map.stride.slice(first);
      if (text.length > 0 && (map.text[first] as number) < next)
        byte[0] = (byte[0] as number) + (next - (map.text[first] as number)) * (stride[0] as number);
      this.map = { text, byte, stride };
    }
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
