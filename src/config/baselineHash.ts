// How a baseline turns a secret into the value it stores. Version 2 (what `keyfence baseline` writes):
// scrypt with a salt of the baseline's own and the cost parameters stored next to it, so that each
// guess at a short secret costs an attacker as much as it costs keyfence, and no table computed once
// serves every repository. Version 1 (still read, with a notice): sha256 of the secret, unsalted.
//
// Checking a finding against a version 2 baseline costs one scrypt per distinct secret (tens of
// milliseconds): it is done only when the baseline has entries, once per secret per run, in parallel
// on libuv's thread pool.
import { randomBytes, scrypt, scryptSync } from 'node:crypto';
import { sha256Hex } from '../sha256.js';
import type { BaselineHashing, ScryptParams } from '../types.js';

export type { BaselineHashing, ScryptParams };

export const SALT_BYTES = 16;
export const DIGEST_BYTES = 32;
/** The defaults `keyfence baseline` writes: 16 MiB of memory per hash, tens of milliseconds. */
export const DEFAULT_SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;
/** The weakest parameters a baseline may use, and the most work one may ask of every commit. */
export const MIN_N = DEFAULT_SCRYPT.N;
export const MIN_R = DEFAULT_SCRYPT.r;
export const MAX_WORK = 8 * 128 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r;

export function workOf(params: Pick<ScryptParams, 'N' | 'r' | 'p'>): number {
  return 128 * params.N * params.r * params.p;
}

/** Fresh version 2 hashing with a new random salt. */
export function newHashing(): Extract<BaselineHashing, { version: 2 }> {
  return { version: 2, scrypt: { salt: randomBytes(SALT_BYTES).toString('hex'), ...DEFAULT_SCRYPT } };
}

/** sha256 of the secret alone, hex: the version 1 baseline value. */
export { sha256Hex };

function scryptOptions(params: ScryptParams) {
  return { N: params.N, r: params.r, p: params.p, maxmem: 2 * 128 * params.N * params.r + 1024 * 1024 };
}

/** The value a baseline with this hashing stores for `secret` (synchronous: tests and single checks). */
export function digestSync(hashing: BaselineHashing, secret: string): string {
  if (hashing.version === 1) return sha256Hex(secret);
  const { scrypt: params } = hashing;
  return scryptSync(secret, Buffer.from(params.salt, 'hex'), DIGEST_BYTES, scryptOptions(params)).toString('hex');
}

/** Digests of secrets under one hashing, each computed once; `digestAll` runs them in parallel. */
export class SecretDigests {
  private readonly done = new Map<string, string>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(readonly hashing: BaselineHashing) {}

  /** Computes the digests of `secrets` not known yet (in parallel on the thread pool). */
  async digestAll(secrets: Iterable<string>): Promise<void> {
    const waits: Array<Promise<string>> = [];
    for (const secret of secrets) {
      if (this.done.has(secret)) continue;
      let pending = this.pending.get(secret);
      if (!pending) {
        pending = this.compute(secret).then((digest) => {
          this.done.set(secret, digest);
          this.pending.delete(secret);
          return digest;
        });
        this.pending.set(secret, pending);
      }
      waits.push(pending);
    }
    await Promise.all(waits);
  }

  /** The digest of `secret`: from digestAll when it ran, else computed now. */
  get(secret: string): string {
    let digest = this.done.get(secret);
    if (digest === undefined) {
      digest = digestSync(this.hashing, secret);
      this.done.set(secret, digest);
    }
    return digest;
  }

  private compute(secret: string): Promise<string> {
    const { hashing } = this;
    if (hashing.version === 1) return Promise.resolve(sha256Hex(secret));
    const params = hashing.scrypt;
    return new Promise((resolve, reject) => {
      scrypt(secret, Buffer.from(params.salt, 'hex'), DIGEST_BYTES, scryptOptions(params), (error, key) =>
        error ? reject(error) : resolve(key.toString('hex')),
      );
    });
  }
}
