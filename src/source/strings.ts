// The printable strings of binary content, as `strings` finds them, in one pass that can be fed chunk
// by chunk: runs of printable ASCII (tab and newlines included, so a PEM block stays one run), and runs
// of printable ASCII in UTF-16, little- or big-endian (each character followed or preceded by a NUL:
// one scan of both byte parities finds both). Keys are ASCII, so other characters end a run.
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

export interface StringsSink {
  /** Characters of a run: `byte` is the offset of the first in the content, `stride` the bytes per character. */
  piece(text: string, byte: number, stride: 1 | 2): void;
  /** The run whose pieces came last has ended. */
  end(): void;
}

class Run {
  /** Offset in the content of the first character not handed over yet, and of the last character. */
  private start = 0;
  last = -4;
  /** Characters of the run so far (handed over: `flushed`; held: `held`). */
  private flushed = 0;
  private held = 0;
  private readonly chars = new Uint8Array(PIECE);

  constructor(
    private readonly stride: 1 | 2,
    private readonly sink: StringsSink,
  ) {}

  get length(): number {
    return this.flushed + this.held;
  }

  add(code: number, at: number): void {
    if (this.held === 0) this.start = at;
    this.chars[this.held++] = code;
    this.last = at;
    if (this.held === PIECE) this.flush();
  }

  /** Ends the run: handed over when long enough, else forgotten. */
  close(): void {
    if (this.length >= MIN_RUN) {
      this.flush();
      this.sink.end();
    }
    this.flushed = 0;
    this.held = 0;
    this.last = -4;
  }

  private flush(): void {
    if (this.held === 0) return;
    this.sink.piece(Buffer.from(this.chars.buffer, 0, this.held).toString('latin1'), this.start, this.stride);
    this.flushed += this.held;
    this.held = 0;
  }
}

export class StringsExtractor {
  private previous = -1;
  private readonly ascii: Run;
  /** UTF-16 runs with their characters at even and at odd offsets. */
  private readonly wide: [Run, Run];

  /** `offset`: where in the content the first byte pushed is. */
  constructor(
    sink: StringsSink,
    private offset = 0,
  ) {
    this.ascii = new Run(1, sink);
    this.wide = [new Run(2, sink), new Run(2, sink)];
  }

  push(bytes: Uint8Array): void {
    const { ascii, wide } = this;
    let previous = this.previous;
    for (let i = 0; i < bytes.length; i++) {
      const code = bytes[i] as number;
      const at = this.offset + i;
      const run = wide[at & 1] as Run;
      if (PRINTABLE[code] === 1) {
        ascii.add(code, at);
        // A UTF-16 run continues when the byte between its last character and this one is a NUL.
        if (run.last !== at - 2 || previous !== 0) run.close();
        run.add(code, at);
      } else {
        if (ascii.length > 0) ascii.close();
        if (run.length > 0) run.close();
      }
      previous = code;
    }
    this.previous = previous;
    this.offset += bytes.length;
  }

  end(): void {
    this.ascii.close();
    this.wide[0].close();
    this.wide[1].close();
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
