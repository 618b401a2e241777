// Fake values for the generic rules' examples, built at run time (no realistic literal in git).
import { join, randomString } from '../fake.js';

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** A fake HS256 JWT with a random subject and signature. */
export function fakeJwt(): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: randomString(12, 'an'), scope: 'api', iat: 1700000000 }));
  return join(header, '.', payload, '.', randomString(43, 'b64u'));
}

/** A fake password: mixed classes, as a password manager would make it. */
export function fakePassword(length = 18): string {
  return randomString(length - 3, 'b62') + randomString(1, '!#%^*-_') + randomString(1, 'dec') + randomString(1, 'lower');
}

export const fakeHex = (n: number) => randomString(n - 1, 'hex') + 'a';
export const fakeB64 = (n: number) => randomString(n - 1, 'b64') + '=';
