// Reads blobs through one `git cat-file --batch` process, streaming: memory holds one blob at a time
// (plus what git has written ahead), never the whole commit. A small commit is read in one call.
import { gitFailed, gitMissing, runGitSync, spawnGit } from './exec.js';

export interface Blob {
  oid: string;
  /** Size in bytes as git reports it. */
  size: number;
  /** The content, or undefined when the blob was larger than the limit (it is read and dropped). */
  content: Buffer | undefined;
  missing: boolean;
}

/** Up to this many blobs, all are read at once (one synchronous git call) if they fit in SYNC_READ_BYTES. */
const SYNC_READ_BLOBS = 64;
const SYNC_READ_BYTES = 8 * 1024 * 1024;

/**
 * Yields the blobs for `oids` in order. Blobs larger than `maxBytes` are reported with no content so
 * that a huge generated file cannot exhaust memory.
 */
export async function* readBlobs(oids: readonly string[], options: { cwd: string; maxBytes: number }): AsyncGenerator<Blob> {
  if (oids.length === 0) return;
  const input = oids.map((oid) => `${oid}\n`).join('');
  // A usual commit: one synchronous call, no streams (a few milliseconds of every hook). A commit too
  // large for that is read again, streaming.
  if (oids.length <= SYNC_READ_BLOBS) {
    let output: Buffer | undefined;
    try {
      output = runGitSync(['cat-file', '--batch'], { cwd: options.cwd, input, maxBuffer: SYNC_READ_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOBUFS') throw error;
    }
    if (output) {
      const reader = new BatchReader(oids, options.maxBytes);
      yield* reader.push(output);
      return;
    }
  }
  const child = spawnGit(['cat-file', '--batch'], { cwd: options.cwd });
  let spawnError: unknown;
  child.on('error', (error) => {
    spawnError = error;
  });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.on('error', () => {});
  child.stdin.end(input);

  const reader = new BatchReader(oids, options.maxBytes);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield* reader.push(chunk);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (spawnError) throw gitMissing(spawnError);
  if (code !== 0 && reader.answered < oids.length) throw gitFailed(['cat-file', '--batch'], code, Buffer.concat(stderr).toString('utf8'));
}

/** Parses `git cat-file --batch` output, chunk by chunk, into blobs. */
class BatchReader {
  /** Headers read so far (one per requested oid). */
  answered = 0;
  private pending: Buffer = Buffer.alloc(0);
  /** The blob being read. */
  private header: { oid: string; size: number } | undefined;
  private parts: Buffer[] = [];
  private received = 0;

  constructor(
    private readonly oids: readonly string[],
    private readonly maxBytes: number,
  ) {}

  /** The blobs that `chunk` completes. */
  *push(chunk: Buffer): Generator<Blob> {
    let pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (pending.length > 0) {
      if (!this.header) {
        const newline = pending.indexOf(10);
        if (newline === -1) break;
        const line = pending.subarray(0, newline).toString('utf8');
        pending = pending.subarray(newline + 1);
        const requested = this.oids[this.answered++] ?? '';
        const fields = line.split(' ');
        if (fields[1] === 'missing' || fields.length < 3) {
          yield { oid: requested, size: 0, content: undefined, missing: true };
          continue;
        }
        this.header = { oid: fields[0] as string, size: Number(fields[2]) };
        this.parts = [];
        this.received = 0;
      }
      // Content is followed by one newline.
      const { size } = this.header;
      const take = Math.min(size + 1 - this.received, pending.length);
      if (size <= this.maxBytes) this.parts.push(pending.subarray(0, take));
      this.received += take;
      pending = pending.subarray(take);
      if (this.received === size + 1) {
        const content = size <= this.maxBytes ? Buffer.concat(this.parts).subarray(0, size) : undefined;
        const oid = this.header.oid;
        this.header = undefined;
        this.parts = [];
        yield { oid, size, content, missing: false };
      }
    }
    this.pending = pending;
  }
}
