// Generators of format-valid fake secrets, for the rules' examples, the tests and the property tests.
// Keys are assembled at run time so that no realistic secret literal is ever committed.
import { randomBytes } from 'node:crypto';
import {
  atlassianChecksum,
  base36,
  bech32Checksum,
  BECH32_ALPHABET,
  fineGrainedChecksum,
  githubChecksum,
  gitlabChecksum,
} from './checksum.js';

export const ALPHABETS = {
  b62: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  b64u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  dec: '0123456789',
  B32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  AN: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  an: 'abcdefghijklmnopqrstuvwxyz0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  lower: 'abcdefghijklmnopqrstuvwxyz',
} as const;

export type AlphabetName = keyof typeof ALPHABETS;

/** A source of randomness; tests pass a seeded one to get reproducible keys. */
export type RandomSource = (n: number) => Uint8Array;

const cryptoRandom: RandomSource = (n) => randomBytes(n);
let defaultRandom: RandomSource = cryptoRandom;

/**
 * Makes every generator here draw from `random` (a seeded source: reproducible examples, e.g. for a
 * test whose inputs are built from them); without an argument, back to crypto randomness.
 */
export function useRandomSource(random?: RandomSource): void {
  defaultRandom = random ?? cryptoRandom;
}

/** A random number in [0, 1), from the current source. */
export function randomUnit(): number {
  return Buffer.from(defaultRandom(4)).readUInt32BE(0) / 2 ** 32;
}

/** `length` random characters of `alphabet` (a name from ALPHABETS or the characters themselves). */
export function randomString(length: number, alphabet: AlphabetName | string = 'b62', random: RandomSource = defaultRandom): string {
  const chars = alphabet in ALPHABETS ? ALPHABETS[alphabet as AlphabetName] : alphabet;
  const bytes = random(length * 2);
  let out = '';
  for (let i = 0; i < length; i++) {
    const value = ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number);
    out += chars[value % chars.length];
  }
  return out;
}

/** Joins parts at run time; `join('sk', '-proj-')` reads better than a literal scanners would flag. */
export const join = (...parts: string[]): string => parts.join('');

// ---- generators with checksums and structure -------------------------------------------------------

/** A GitHub classic-style token (`ghp`, `gho`, `ghu`, `ghr`) or npm token with a valid checksum. */
export function fakeGithubToken(prefix: 'ghp' | 'gho' | 'ghu' | 'ghr' | 'npm'): string {
  const random = randomString(prefix === 'ghr' ? 70 : 30, 'b62');
  return join(prefix, '_', random, githubChecksum(random));
}

/** A GitHub fine-grained PAT with a valid checksum. */
export function fakeFineGrainedPat(): string {
  const head = join('github', '_pat_', '11', randomString(20, 'AN'), '_', randomString(43, 'b62'));
  return head + fineGrainedChecksum(head) + randomString(8, 'b62');
}

/** A GitLab routable token (`glpat-` by default) with valid length field and CRC. */
export function fakeGitlabRoutable(prefix = 'glpat-', versioned = true, payloadLength = 27): string {
  const payload = randomString(payloadLength, 'b64u');
  const signed = join(prefix, payload, versioned ? '.01.' : '.', base36(payloadLength, 2));
  return signed + gitlabChecksum(signed);
}

/** An Atlassian API token (`ATATT3…`) with a valid CRC. */
export function fakeAtlassianToken(prefix = 'ATATT3'): string {
  const head = join(prefix, 'xFfGF0', randomString(171, 'b64u'), '=');
  return head + atlassianChecksum(head);
}

/** An age secret key with a valid Bech32 checksum. */
export function fakeAgeSecretKey(): string {
  const data: number[] = [];
  const bytes = defaultRandom(52);
  for (const b of bytes) data.push(b & 31);
  const body = data.map((v) => BECH32_ALPHABET[v]).join('');
  return join('AGE-SECRET-KEY-', '1', body, bech32Checksum('age-secret-key-', data)).toUpperCase();
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** A JWT with the given payload, signed (shape only) with a random HS256-length signature. */
export function fakeJwt(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  return [base64url(JSON.stringify(header)), base64url(JSON.stringify(payload)), randomString(43, 'b64u')].join('.');
}

/** A Discord bot token: base64 of a snowflake id, a timestamp segment and an HMAC segment. */
export function fakeDiscordToken(): string {
  const id = '1' + randomString(18, 'dec');
  return [Buffer.from(id).toString('base64').replace(/=+$/, ''), randomString(6, 'b64u'), randomString(38, 'b64u')].join('.');
}

/** Base64 of `n` random bytes. */
export function randomBase64(n: number): string {
  return Buffer.from(defaultRandom(n)).toString('base64');
}

export type PemKind = 'RSA' | 'EC' | 'DSA' | 'OPENSSH' | 'PKCS8' | 'ENCRYPTED' | 'PGP';

const PEM_BODY_START: Record<PemKind, string> = {
  RSA: 'MIIEpAIBAAKCAQEA',
  EC: 'MHcCAQEEI',
  DSA: 'MIIBuwIBAAKBgQ',
  OPENSSH: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
  PKCS8: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
  ENCRYPTED: 'MIIFLTBXBgkqhkiG9w0BBQ0w',
  PGP: 'lQOYBF',
};

const PEM_LABEL: Record<PemKind, string> = {
  RSA: 'RSA PRIVATE KEY',
  EC: 'EC PRIVATE KEY',
  DSA: 'DSA PRIVATE KEY',
  OPENSSH: 'OPENSSH PRIVATE KEY',
  PKCS8: 'PRIVATE KEY',
  ENCRYPTED: 'ENCRYPTED PRIVATE KEY',
  PGP: 'PGP PRIVATE KEY BLOCK',
};

/** Lines of a fake PEM private key of `kind` (random body after the kind's real leading bytes). */
export function fakePemLines(kind: PemKind, bodyBytes = 300): string[] {
  const width = kind === 'OPENSSH' ? 70 : 64;
  const body = PEM_BODY_START[kind] + randomBase64(bodyBytes).replace(/=+$/, '');
  const lines = [join('-----', 'BEGIN ', PEM_LABEL[kind], '-----')];
  if (kind === 'PGP') lines.push('');
  for (let i = 0; i < body.length; i += width) lines.push(body.slice(i, i + width));
  if (kind === 'PGP') lines.push('=' + randomString(4, 'b64'));
  lines.push(join('-----', 'END ', PEM_LABEL[kind], '-----'));
  return lines;
}

/** A fake PEM private key as a multi-line block. */
export function fakePem(kind: PemKind, bodyBytes?: number): string {
  return fakePemLines(kind, bodyBytes).join('\n');
}
