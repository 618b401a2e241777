// Bytes to text for scanning: UTF-8 by default, UTF-16 when a byte-order mark says so, nothing for
// binary content (a NUL byte in the first 8000 bytes, git's own heuristic).
const SNIFF_BYTES = 8000;

export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' };

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.indexOf(0) !== -1) return { kind: 'binary' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { kind: 'text', text: Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8') };
}
