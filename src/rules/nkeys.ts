// NATS nkey seeds (nats-io/nkeys): base32 (RFC 4648, no padding) of two prefix bytes, a 32-byte
// Ed25519 seed and a CRC-16/XMODEM of those 34 bytes (little-endian). The prefix bytes spell `S` and
// the key type: U(ser), A(ccount), O(perator), N (server), C(luster), X (curve), P(rivate).
import { randomBase64 } from './fake.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Seed prefix byte (18 << 3) and the type prefixes nkeys defines. */
const SEED = 18 << 3;
const TYPES: Record<string, number> = { U: 20 << 3, A: 0, O: 14 << 3, N: 13 << 3, C: 2 << 3, X: 23 << 3, P: 15 << 3 };

/** CRC-16/XMODEM (polynomial 0x1021, initial value 0), as nkeys computes it. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function base32Decode(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BASE32.indexOf(char);
    if (value < 0) return undefined;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** True for a 58-character seed whose CRC matches. */
export function isValidNkeySeed(seed: string): boolean {
  const raw = base32Decode(seed);
  if (raw?.length !== 36) return false;
  const expected = crc16(raw.subarray(0, 34));
  return (raw[34] as number) === (expected & 0xff) && (raw[35] as number) === expected >> 8;
}

/** A random seed of `type` (`U` by default) with a valid CRC. */
export function fakeNkeySeed(type: keyof typeof TYPES = 'U'): string {
  const prefix = TYPES[type] as number;
  const raw = new Uint8Array(36);
  raw[0] = SEED | (prefix >> 5);
  raw[1] = (prefix & 31) << 3;
  raw.set(Buffer.from(randomBase64(32), 'base64'), 2);
  const crc = crc16(raw.subarray(0, 34));
  raw[34] = crc & 0xff;
  raw[35] = crc >> 8;
  return base32Encode(raw);
}
