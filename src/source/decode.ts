// Bytes to text for scanning: UTF-8 by default, UTF-16 when a byte-order mark says so (or, without
// one, when every other byte is NUL: ASCII text saved as UTF-16, as some Windows tools do), nothing for
// binary content (a NUL byte in the first 8000 bytes, git's own heuristic).
const SNIFF_BYTES = 8000;

export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.indexOf(0) !== -1) {
    const utf16 = bomlessUtf16(sniff);
    return utf16 ? { kind: 'text', text: new TextDecoder(utf16).decode(bytes) } : { kind: 'binary' };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { kind: 'text', text: Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8') };
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
