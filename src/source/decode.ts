// How the bytes of a file are read for scanning, decided by validity rather than by one marker:
// - a byte-order mark names the encoding (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) when what follows it is
//   valid in that encoding;
// - without a NUL byte in the first SNIFF_BYTES, UTF-8 (the usual case, decided by one memchr);
// - with NULs: UTF-16 without a mark when every NUL sits in the high byte of a code unit and the units
//   decode to text (any characters, `// €` included, an odd byte count too); else the printable strings
//   of binary content (strings.ts), plus a UTF-8 reading when the bytes are UTF-8 text with a few stray
//   control bytes.
// When two readings are plausible (FF FE followed by valid UTF-8, UTF-16 with few NULs), both are
// searched; the pipeline reports a key that both find once.

/** How much of a file decides how it is read: git reads as far for its own binary check. */
export const SNIFF_BYTES = 8000;

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export type Reading =
  /** Text in `encoding`, after `skip` leading bytes (a byte-order mark, or two stray bytes). */
  | { kind: 'text'; encoding: TextEncoding; skip: number }
  /** The printable strings of binary content. */
  | { kind: 'strings' };

export type TextReading = Extract<Reading, { kind: 'text' }>;

const UTF8: TextReading = { kind: 'text', encoding: 'utf-8', skip: 0 };
export const STRINGS: Reading = { kind: 'strings' };
const text = (encoding: TextEncoding, skip: number): TextReading => ({ kind: 'text', encoding, skip });

/** A UTF-16 text with at least this share of NUL high bytes is read as UTF-16 only; with fewer, also otherwise. */
const SURE_UTF16_NULS = 0.25;
/** At most this share of control bytes (NUL included) in text with stray NULs. */
const STRAY_CONTROL_SHARE = 0.05;

/**
 * The readings of a content, from its first bytes (`sniff`, at most SNIFF_BYTES); `complete` when the
 * sniff is the whole content (a multi-byte character may then not be cut at its end).
 */
export function readingsOf(sniff: Uint8Array, complete: boolean): Reading[] {
  const b = sniff;
  if (b[0] === 0xff && b[1] === 0xfe) {
    if (b[2] === 0 && b[3] === 0 && b.length >= 4 && validUtf32(b.subarray(4), 'le', complete)) return [text('utf-32le', 4)];
    return withUtf16Mark('utf-16le', b.subarray(2), complete);
  }
  if (b[0] === 0xfe && b[1] === 0xff) return withUtf16Mark('utf-16be', b.subarray(2), complete);
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff && validUtf32(b.subarray(4), 'be', complete)) return [text('utf-32be', 4)];
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return [text('utf-8', 3)];
  if (b.indexOf(0) === -1) return [UTF8];
  const readings: Reading[] = [];
  const utf16 = bomlessUtf16(b);
  if (utf16) {
    readings.push(text(utf16.encoding, 0));
    if (utf16.nulShare >= SURE_UTF16_NULS) return readings;
  }
  if (strayNuls(b, complete)) readings.push(UTF8);
  readings.push(STRINGS);
  return readings;
}

/** After FF FE or FE FF: UTF-16, unless the rest has no NUL and is valid UTF-8 (then UTF-8 too, first). */
function withUtf16Mark(encoding: 'utf-16le' | 'utf-16be', rest: Uint8Array, complete: boolean): Reading[] {
  const marked = text(encoding, 2);
  if (rest.indexOf(0) !== -1 || !validUtf8(rest, complete)) return [marked];
  return [text('utf-8', 2), marked];
}

/** UTF-16 without a mark: every NUL byte in a high byte of one endianness, and the units are text. */
function bomlessUtf16(b: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; nulShare: number } | undefined {
  const units = b.length >> 1;
  if (units < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < b.length; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  // An odd trailing byte is ignored here (the decoder makes it one replacement character).
  const encoding = evenNul === 0 && oddNul > 0 ? 'utf-16le' : oddNul === 0 && evenNul > 0 ? 'utf-16be' : undefined;
  if (!encoding || !validUtf16(b, encoding)) return undefined;
  return { encoding, nulShare: (evenNul + oddNul) / units };
}

/** Code units that are text: no unpaired surrogate, no control character but tab, newlines, form feed and escape. */
function validUtf16(b: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): boolean {
  const high = encoding === 'utf-16le' ? 1 : 0;
  let pendingHigh = false;
  for (let i = 0; i + 1 < b.length; i += 2) {
    const unit = ((b[i + high] as number) << 8) | (b[i + 1 - high] as number);
    if (pendingHigh) {
      if (unit < 0xdc00 || unit > 0xdfff) return false;
      pendingHigh = false;
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdbff) pendingHigh = true;
    else if ((unit >= 0xdc00 && unit <= 0xdfff) || isControl(unit) || unit === 0xfffe || unit === 0xffff) return false;
  }
  return true;
}

function validUtf32(b: Uint8Array, endian: 'le' | 'be', complete: boolean): boolean {
  if (complete && b.length % 4 !== 0) return false;
  for (let i = 0; i + 3 < b.length; i += 4) {
    const point =
      endian === 'le'
        ? ((b[i + 3] as number) << 24) | ((b[i + 2] as number) << 16) | ((b[i + 1] as number) << 8) | (b[i] as number)
        : ((b[i] as number) << 24) | ((b[i + 1] as number) << 16) | ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    if (point < 0 || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff) || isControl(point)) return false;
  }
  return true;
}

/** Valid UTF-8 (a character cut at the end of an incomplete sniff is fine). */
function validUtf8(b: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** UTF-8 text with a few control bytes (NULs) in it: a source file with a stray NUL is still source. */
function strayNuls(b: Uint8Array, complete: boolean): boolean {
  let controls = 0;
  for (let i = 0; i < b.length; i++) if (isControl(b[i] as number)) controls++;
  return controls <= Math.max(4, b.length * STRAY_CONTROL_SHARE) && validUtf8(b, complete);
}

/** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape; DEL. */
function isControl(code: number): boolean {
  return (code < 0x20 && (code < 0x09 || code > 0x0d) && code !== 0x1b) || code === 0x7f;
}

/** `bytes` (the whole content) read as `reading` says. The text never shares memory with `bytes`. */
export function decodeWhole(reading: TextReading, bytes: Uint8Array): string {
  const body = bytes.subarray(Math.min(reading.skip, bytes.length));
  if (reading.encoding === 'utf-8') return Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
  return new TextStreamDecoder(reading.encoding).decode(body, true);
}

type StringDecoder = import('node:string_decoder').StringDecoder;

/**
 * Decodes a content chunk by chunk: a character cut between two chunks comes out whole. UTF-8 and
 * UTF-16LE go through node:string_decoder (Buffer's own decoders: several times faster than a
 * streaming TextDecoder); UTF-16BE is swapped to LE first.
 */
export class TextStreamDecoder {
  private readonly decoder: StringDecoder | undefined;
  /** UTF-16BE: a byte left over from the previous chunk. UTF-32: the bytes of a cut code point. */
  private carry: Uint8Array = new Uint8Array(0);

  constructor(private readonly encoding: TextEncoding) {
    if (encoding === 'utf-8' || encoding.startsWith('utf-16')) {
      const { StringDecoder } = process.getBuiltinModule('node:string_decoder') as typeof import('node:string_decoder');
      this.decoder = new StringDecoder(encoding === 'utf-8' ? 'utf8' : 'utf16le');
    }
  }

  decode(chunk: Uint8Array, last: boolean): string {
    const decoder = this.decoder;
    if (decoder) {
      let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      if (this.encoding === 'utf-16be') bytes = this.swapped(bytes);
      return last ? decoder.write(bytes) + decoder.end() : decoder.write(bytes);
    }
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
    }
    const whole = bytes.length - (bytes.length % 4);
    this.carry = bytes.slice(whole);
    const parts: string[] = [];
    const points: number[] = [];
    const le = this.encoding === 'utf-32le';
    for (let i = 0; i < whole; i += 4) {
      const point = le
        ? (((bytes[i + 3] as number) << 24) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i] as number)) >>>
          0
        : (((bytes[i] as number) << 24) | ((bytes[i + 1] as number) << 16) | ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number)) >>>
          0;
      points.push(point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff) ? 0xfffd : point);
      if (points.length === 8192) parts.push(String.fromCodePoint(...points.splice(0)));
    }
    if (points.length > 0) parts.push(String.fromCodePoint(...points));
    if (last && this.carry.length > 0) {
      parts.push('\ufffd');
      this.carry = new Uint8Array(0);
    }
    return parts.join('');
  }

  /** Big-endian units as little-endian ones (a copy: the content is not changed), an odd byte carried. */
  private swapped(bytes: Buffer): Buffer {
    const joined = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : Buffer.from(bytes);
    const even = joined.length - (joined.length % 2);
    this.carry = joined.subarray(even);
    return joined.subarray(0, even).swap16();
  }
}
