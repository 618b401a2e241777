// Bytes to text for scanning: UTF-8 by default, UTF-16 when a byte-order mark says so (or, without
// one, when every other byte is NUL: ASCII text saved as UTF-16, as some Windows tools do), nothing for
// binary content (a NUL byte in the first 8000 bytes, git's own heuristic).
/** How much of a file decides whether it is text: git reads as far for its own binary check. */
export const SNIFF_BYTES = 8000;

export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

/** How the bytes of a file are to be decoded, or 'binary'; decided by its first SNIFF_BYTES bytes. */
export type Encoding = 'utf-8' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'utf-16be' | 'binary';

export function decodeText(bytes: Uint8Array): Decoded {
  return decodeAs(sniffEncoding(bytes.subarray(0, SNIFF_BYTES)), bytes);
}

/** The encoding of a file from its first bytes (at most SNIFF_BYTES of them; all of a shorter file). */
export function sniffEncoding(sniff: Uint8Array): Encoding {
  if (sniff.length >= 2) {
    if (sniff[0] === 0xff && sniff[1] === 0xfe) return 'utf-16le-bom';
    if (sniff[0] === 0xfe && sniff[1] === 0xff) return 'utf-16be-bom';
  }
  if (sniff.indexOf(0) !== -1) return bomlessUtf16(sniff) ?? 'binary';
  return 'utf-8';
}

/** `bytes` (the whole file) decoded as `encoding` says. The text never shares memory with `bytes`. */
export function decodeAs(encoding: Encoding, bytes: Uint8Array): Decoded {
  switch (encoding) {
    case 'binary':
      return { kind: 'binary' };
    case 'utf-16le-bom':
      return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
    case 'utf-16be-bom':
      return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
    case 'utf-16le':
    case 'utf-16be':
      return { kind: 'text', text: new TextDecoder(encoding).decode(bytes) };
    case 'utf-8': {
      const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      return { kind: 'text', text: Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8') };
    }
  }
}

/** `utf-16le` / `utf-16be` when the high byte of every code unit sampled is NUL and no low byte is. */
function bomlessUtf16(sniff: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (sniff.length < 8 || sniff.length % 2 !== 0) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sniff.length; i += 2) {
    if (sniff[i] === 0) evenNul++;
    if (sniff[i + 1] === 0) oddNul++;
  }
  const units = sniff.length / 2;
  if (oddNul === units && evenNul === 0) return 'utf-16le';
  if (evenNul === units && oddNul === 0) return 'utf-16be';
  return undefined;
}
