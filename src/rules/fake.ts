// Generators of format-valid fake secrets, for the rules' examples, the tests and the property tests.
// Keys are assembled at run time so that no realistic secret literal is ever committed.
import { randomBytes } from 'node:crypto';

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

/** `length` random characters of `alphabet` (a name from ALPHABETS or the characters themselves). */
export function randomString(length: number, alphabet: AlphabetName | string = 'b62', random: RandomSource = cryptoRandom): string {
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
