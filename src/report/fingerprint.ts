import { createHash } from 'node:crypto';

/** sha256 of the secret alone, hex: the key of allow-lists and baselines (survives moved lines). */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Stable id of a finding: rule and secret, not file:line. Short enough to read, long enough not to collide. */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex').slice(0, 16);
}
