// Checksums that some token formats carry. A token whose checksum is wrong is a typo, a placeholder or a
// hand-edited example, not a key: the rules drop it. The fake-key generators use the same functions so
// that every generated example is valid.
import { createHash } from 'node:crypto';

let crcTable: Uint32Array | undefined;

/** CRC-32/IEEE (zlib, Go crc32.ChecksumIEEE) of the ASCII bytes of `input`. */
export function crc32(input: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < input.length; i++) {
    crc = (crcTable[(crc ^ input.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `value` in base62 (digits, then A-Z, then a-z), left-padded with `0` to `width`. */
export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/** `value` in lowercase base36, left-padded with `0` to `width`. */
export function base36(value: number, width: number): string {
  return value.toString(36).padStart(width, '0');
}

/** Checksum of GitHub classic tokens (ghp_, gho_, ghu_, ghr_) and npm tokens: base62 CRC32 of the body. */
export function githubChecksum(random: string): string {
  return base62(crc32(random), 6);
}

/** True when `token` (`prefix_` + random + 6-char checksum) carries a valid checksum. */
export function hasValidGithubChecksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length < 7) return false;
  return githubChecksum(body.slice(0, -6)) === body.slice(-6);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (uppercase, no padding) of `bytes`. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Checksum of a GitHub fine-grained PAT: base32(SHA-256 of the first 77 characters)[0..8]. */
export function fineGrainedChecksum(head: string): string {
  return base32(createHash('sha256').update(head, 'ascii').digest()).slice(0, 8);
}

/** `github_pat_` + 22 + `_` + 43 (77 characters), then 8 checksum, then 8 more. */
export function hasValidFineGrainedChecksum(token: string): boolean {
  if (token.length !== 93) return false;
  return fineGrainedChecksum(token.slice(0, 77)) === token.slice(77, 85);
}

/** CRC of a GitLab routable token: lowercase base36 CRC32 of everything before it, 7 characters. */
export function gitlabChecksum(signed: string): string {
  return base36(crc32(signed), 7);
}

/**
 * GitLab routable token: `prefix` + payload + `.` [+ `01.`] + base36(len(payload), 2) + CRC (7). True when
 * both the length field and the CRC agree.
 */
export function hasValidGitlabRoutableChecksum(token: string, prefix: string): boolean {
  if (!token.startsWith(prefix) || token.length < prefix.length + 27 + 10) return false;
  const crc = token.slice(-7);
  const signed = token.slice(0, -7);
  if (gitlabChecksum(signed) !== crc) return false;
  const lengthField = signed.slice(-2);
  const rest = signed.slice(prefix.length, -2);
  const payload = rest.endsWith('.01.') ? rest.slice(0, -4) : rest.endsWith('.') ? rest.slice(0, -1) : undefined;
  return payload !== undefined && base36(payload.length, 2) === lengthField;
}

/** Atlassian API token (`ATATT3…`): last 8 = uppercase hex CRC32 of the preceding characters. */
export function atlassianChecksum(head: string): string {
  return crc32(head).toString(16).toUpperCase().padStart(8, '0');
}

export function hasValidAtlassianChecksum(token: string): boolean {
  if (token.length < 16) return false;
  return atlassianChecksum(token.slice(0, -8)) === token.slice(-8);
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: number[]): number {
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= generators[i] as number;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

/** True when `value` (`hrp` + `1` + data + 6 checksum characters, any case) is valid Bech32 (BIP-173). */
export function isValidBech32(value: string): boolean {
  const lower = value.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length - sep - 1 < 6) return false;
  const data: number[] = [];
  for (const c of lower.slice(sep + 1)) {
    const v = BECH32.indexOf(c);
    if (v === -1) return false;
    data.push(v);
  }
  return bech32Polymod([...hrpExpand(lower.slice(0, sep)), ...data]) === 1;
}

/** The 6 Bech32 checksum characters for `hrp` and 5-bit `data` values. */
export function bech32Checksum(hrp: string, data: number[]): string {
  const mod = bech32Polymod([...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  let out = '';
  for (let i = 0; i < 6; i++) out += BECH32[(mod >>> (5 * (5 - i))) & 31];
  return out;
}

export const BECH32_ALPHABET = BECH32;

/**
 * True when `value` has the shape of a checksummed provider token (GitHub classic or fine-grained,
 * npm, GitLab routable, Atlassian) but its checksum is wrong: a near miss, a placeholder or a
 * hand-edited example. Rules that report arbitrary values (passwords, generic assignments) use this so
 * that a broken token is not reported under another name.
 */
export function failsKnownChecksum(value: string): boolean {
  if (/^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$|^ghr_[A-Za-z0-9]{76}$/.test(value)) {
    return !value.startsWith('ghs_') && !hasValidGithubChecksum(value);
  }
  if (/^github_pat_[0-9][A-Za-z0-9]{21}_[A-Za-z0-9]{59}$/.test(value)) return !hasValidFineGrainedChecksum(value);
  if (/^glpat-[A-Za-z0-9_-]{27,300}\.(?:01\.)?[0-9a-z]{9}$/.test(value)) return !hasValidGitlabRoutableChecksum(value, 'glpat-');
  if (/^AT[AC]TT3[A-Za-z0-9_=-]{178}[A-F0-9]{8}$/.test(value)) return !hasValidAtlassianChecksum(value);
  return false;
}
