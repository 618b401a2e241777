// sha256, hex: of a secret, a file's bytes, a fingerprint's shape, a URL (node:crypto is loaded on the
// first call: see scripts/build.mjs).
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
