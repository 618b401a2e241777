// The printable strings of binary content, as `strings` finds them, in one pass that can be fed chunk
// by chunk: runs of printable ASCII (tab and newlines included, so a PEM block stays one run), and runs
// of printable ASCII in UTF-16, little- or big-endian (characters one byte apart with a NUL between
// each two: one rule finds both byte orders). Keys are ASCII, so other characters end a run.
//
// A run comes out as pieces (a long one in several, so that memory stays bounded) followed by its end;
// each piece says where its first character is in the content and how many bytes a character takes, so
// that an offset in the strings maps back to a byte offset (see StringsMap).
import type { StringsMap } from '../types.js';

/** Runs shorter than this are dropped: no key with its prefix is shorter. */
export const MIN_RUN = 8;
/** A run is handed over in pieces of at most this many characters. */
const PIECE = 64 * 1024;

const PRINTABLE = new Uint8Array(256);
for (let c = 0x20; c < 0x7f; c++) PRINTABLE[c] = 1;
PRINTABLE[0x09] = PRINTABLE[0x0a] = PRINTABLE[0x0d] = 1;

// Most bytes of an executable change nothing: short printable stretches and other bytes. A small
// automaton skips them with one well-predicted branch per byte (the stretch-by-stretch loop below
// mispredicts on nearly every stretch, which are two bytes long on average), stopping where the loop
// has work: a NUL after a printable character (a UTF-16 character may start there) or a stretch of
// MIN_RUN printable characters. Its state is the length of the printable stretch so far (0 to
// MIN_RUN - 1); the byte's class is 0 (other), 1 (printable) or 2 (NUL).
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) CLASS[c] = PRINTABLE[c] === 1 ? 1 : c === 0 ? 2 : 0;
/** The automaton stopped at a NUL after a printable character. */
const AT_LINK = MIN_RUN + 1;
/** The automaton stopped at the last of MIN_RUN printable characters. */
const AT_RUN = MIN_RUN;
const NEXT = new Uint8Array(MIN_RUN * 4);
for (let length = 0; length < MIN_RUN; length++) {
  NEXT[length * 4 + 1] = length + 1;
  NEXT[length * 4 + 2] = length > 0 ? AT_LINK : 0;
}

/**
 * Where the push loop must look again, from `from` on: a NUL after a printable character, the start of
 * a stretch of MIN_RUN printable characters, or the start of a stretch that reaches the chunk's end
 * (it may go on in the next chunk). `n` when there is none. `afterPrintable`: the byte before `from`
 * is printable (and `from` is not, or is the chunk's first byte).
 */
function nextWork(bytes: Uint8Array, from: number, n: number, afterPrintable: boolean): number {
  let state = afterPrintable ? 1 : 0;
  for (let i = from; i < n; i++) {
    state = NEXT[(state << 2) | (CLASS[bytes[i] as number] as number)] as number;
    if (state >= AT_RUN) return state === AT_LINK ? i : i + 1 - MIN_RUN;
  }
  return n - state;
}

export interface StringsSink {
  /** Characters of a run: `byte` is the offset of the first in the content, `stride` the bytes per character. */
  piece(text: string, byte: number, stride: 1 | 2): void;
  /** The run whose pieces came last has ended. */
  end(): void;
}

/**
 * Finds the runs in one pass over the bytes. Printable stretches are taken whole (one latin1 slice
 * each); UTF-16 characters are linked at the NULs between them, so bytes far from a NUL cost only the
 * stretch scan. A UTF-16 run is handed over when the next NUL shows it cannot continue (or at the end),
 * and before any ASCII run: the two kinds never overlap, so the pieces of one run are never split by
 * another's.
 */
export class StringsExtractor {
  /** The last byte pushed, and whether it was printable. */
  private previous = -1;
  // The ASCII run being read: its text not handed over yet, where that starts, how long the run is.
  private ascii: string[] = [];
  private asciiHeld = 0;
  private asciiFrom = 0;
  private asciiLength = 0;
  // The UTF-16 run being read: characters not handed over yet, where they start, its last character.
  private wide: Uint8Array | undefined;
  private wideHeld = 0;
  private wideFrom = 0;
  private wideLength = 0;
  private wideLast = -4;
  /** Where the character before the last NUL is, when that NUL may link it to the next one. */
  private linkFrom = -4;

  /** `offset`: where in the content the first byte pushed is. */
  constructor(
    private readonly sink: StringsSink,
    private offset = 0,
  ) {}

  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const n = bytes.length;
    const base = this.offset;
    let previous = this.previous;
    let i = 0;
    while (i < n) {
      // Nothing pending that the next bytes could continue: skip to where there is work.
      if (this.asciiLength === 0 && this.linkFrom === -4) {
        const next = nextWork(bytes, i, n, previous !== -1 && PRINTABLE[previous] === 1);
        if (next > i) {
          previous = bytes[next - 1] as number;
          i = next;
          if (i === n) break;
        }
      }
      const code = bytes[i] as number;
      if (PRINTABLE[code] === 1) {
        let j = i + 1;
        while (j < n && PRINTABLE[bytes[j] as number] === 1) j++;
        // Only a stretch's first character can follow a NUL that links it to a UTF-16 run.
        if (previous === 0 && this.linkFrom === base + i - 2) this.addWide(code, base + i);
        this.linkFrom = -4;
        // A short stretch that ends here and continues no run is no run: nothing to keep (most of them,
        // in compressed or random data).
        if (j < n && j - i < MIN_RUN && this.asciiLength === 0) {
          previous = bytes[j - 1] as number;
          i = j;
          continue;
        }
        this.addAscii(bytes, i, j, base);
        if (j < n) this.closeAscii();
        previous = bytes[j - 1] as number;
        i = j;
        continue;
      }
      if (this.asciiLength > 0) this.closeAscii();
      if (code === 0 && previous !== -1 && PRINTABLE[previous] === 1) {
        const before = base + i - 1;
        if (this.wideLast !== before) {
          this.closeWide();
          this.addWide(previous, before);
        }
        this.linkFrom = before;
      } else {
        this.linkFrom = -4;
      }
      previous = code;
      i++;
    }
    this.previous = previous;
    this.offset += n;
  }

  end(): void {
    this.closeAscii();
    this.closeWide();
  }

  private addAscii(bytes: Buffer, from: number, to: number, base: number): void {
    if (this.asciiHeld === 0) this.asciiFrom = base + from;
    this.ascii.push(bytes.toString('latin1', from, to));
    this.asciiHeld += to - from;
    this.asciiLength += to - from;
    if (this.asciiHeld >= PIECE) this.flushAscii();
  }

  private flushAscii(): void {
    if (this.asciiHeld === 0) return;
    // A UTF-16 run cannot go on past a stretch this long: it goes first.
    this.closeWide();
    this.sink.piece(this.ascii.length === 1 ? (this.ascii[0] as string) : this.ascii.join(''), this.asciiFrom, 1);
    this.ascii = [];
    this.asciiHeld = 0;
  }

  private closeAscii(): void {
    if (this.asciiLength >= MIN_RUN) {
      this.flushAscii();
      this.sink.end();
    }
    this.ascii = [];
    this.asciiHeld = 0;
    this.asciiLength = 0;
  }

  private addWide(code: number, at: number): void {
    if (this.wideHeld === 0) this.wideFrom = at;
    this.wide ??= new Uint8Array(PIECE);
    this.wide[this.wideHeld++] = code;
    this.wideLength++;
    this.wideLast = at;
    if (this.wideHeld === PIECE) this.flushWide();
  }

  private flushWide(): void {
    if (this.wideHeld === 0) return;
    this.sink.piece(Buffer.from((this.wide as Uint8Array).buffer, 0, this.wideHeld).toString('latin1'), this.wideFrom, 2);
    this.wideHeld = 0;
  }

  private closeWide(): void {
    if (this.wideLength >= MIN_RUN) {
      this.flushWide();
      this.sink.end();
    }
    this.wideHeld = 0;
    this.wideLength = 0;
    this.wideLast = -4;
  }
}

/** The byte offset in the content of the character at `offset` of the strings text. */
export function byteOffsetOf(map: StringsMap, offset: number): number {
  let lo = 0;
  let hi = map.text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map.text[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  if (map.text.length === 0) return offset;
  return (map.byte[lo] as number) + (offset - (map.text[lo] as number)) * (map.stride[lo] as number);
}
