// Reads blobs through one `git cat-file --batch` process, streaming: memory holds one blob at a time
// (plus what git has written ahead), never the whole commit.
import { gitFailed, gitMissing, spawnGit } from './exec.js';

export interface Blob {
  oid: string;
  /** Size in bytes as git reports it. */
  size: number;
  /** The content, or undefined when the blob was larger than the limit (it is read and dropped). */
  content: Buffer | undefined;
  missing: boolean;
}

/**
 * Yields the blobs for `oids` in order. Blobs larger than `maxBytes` are reported with no content so
 * that a huge generated file cannot exhaust memory.
 */
export async function* readBlobs(oids: readonly string[], options: { cwd: string; maxBytes: number }): AsyncGenerator<Blob> {
  if (oids.length === 0) return;
  const child = spawnGit(['cat-file', '--batch'], { cwd: options.cwd });
  let spawnError: unknown;
  child.on('error', (error) => {
    spawnError = error;
  });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.on('error', () => {});
  child.stdin.end(oids.map((oid) => `${oid}\n`).join(''));

  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  // State of the blob being read.
  let header: { oid: string; size: number } | undefined;
  let parts: Buffer[] = [];
  let received = 0;

  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length > 0) {
        if (!header) {
          const newline = pending.indexOf(10);
          if (newline === -1) break;
          const line = pending.subarray(0, newline).toString('utf8');
          pending = pending.subarray(newline + 1);
          const requested = oids[index++] ?? '';
          const fields = line.split(' ');
          if (fields[1] === 'missing' || fields.length < 3) {
            yield { oid: requested, size: 0, content: undefined, missing: true };
            continue;
          }
          header = { oid: fields[0] as string, size: Number(fields[2]) };
          parts = [];
          received = 0;
        }
        // Content is followed by one newline.
        const wanted = header.size + 1 - received;
        const take = Math.min(wanted, pending.length);
        if (header.size <= options.maxBytes) parts.push(pending.subarray(0, take));
        received += take;
        pending = pending.subarray(take);
        if (received === header.size + 1) {
          const content = header.size <= options.maxBytes ? Buffer.concat(parts).subarray(0, header.size) : undefined;
          yield { oid: header.oid, size: header.size, content, missing: false };
          header = undefined;
          parts = [];
        }
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (spawnError) throw gitMissing(spawnError);
  if (code !== 0 && index < oids.length) throw gitFailed(['cat-file', '--batch'], code, Buffer.concat(stderr).toString('utf8'));
}
