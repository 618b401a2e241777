// Reads blobs through one `git cat-file --batch` process, streaming: memory holds one blob at a time
// (plus what git has written ahead), never the whole commit; a blob larger than the caller's bound is
// handed over in chunks as git writes it. A small commit is read in one call.
import { gitFailed, gitMissing, runGitSync, spawnGit } from './exec.js';

export interface Blob {
  oid: string;
  /** Size in bytes as git reports it. */
  size: number;
  /** The content, when the blob is at most `maxBytes`. */
  content: Buffer | undefined;
  /**
   * The content of a larger blob, in chunks. Read it before asking for the next blob: whatever is left
   * unread then is skipped.
   */
  chunks?: AsyncIterable<Buffer>;
  missing: boolean;
}

/** Up to this many blobs, all are read at once (one synchronous git call) if they fit in SYNC_READ_BYTES. */
const SYNC_READ_BLOBS = 64;
const SYNC_READ_BYTES = 8 * 1024 * 1024;

/** Yields the blobs for `oids` in order; one larger than `maxBytes` comes in chunks (Blob.chunks). */
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
      yield* new BatchReader(oids, options.maxBytes, singleChunk(output)).blobs();
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

  const reader = new BatchReader(oids, options.maxBytes, (child.stdout as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
  try {
    yield* reader.blobs();
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (spawnError) throw gitMissing(spawnError);
  if (code !== 0 && reader.answered < oids.length) throw gitFailed(['cat-file', '--batch'], code, Buffer.concat(stderr).toString('utf8'));
}

/** A blob's content, whole or in chunks. */
export async function* blobContent(blob: Blob): AsyncGenerator<Buffer> {
  if (blob.content) yield blob.content;
  else if (blob.chunks) yield* blob.chunks;
}

async function* singleChunkGenerator(chunk: Buffer): AsyncGenerator<Buffer> {
  yield chunk;
}

function singleChunk(chunk: Buffer): AsyncIterator<Buffer> {
  return singleChunkGenerator(chunk);
}

/** Parses `git cat-file --batch` output, read from `source` as the blobs are asked for. */
class BatchReader {
  /** Headers read so far (one per requested oid). */
  answered = 0;
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(
    private readonly oids: readonly string[],
    private readonly maxBytes: number,
    private readonly source: AsyncIterator<Buffer>,
  ) {}

  async *blobs(): AsyncGenerator<Blob> {
    while (this.answered < this.oids.length) {
      let newline = this.pending.indexOf(10);
      while (newline === -1) {
        if (!(await this.fill())) return;
        newline = this.pending.indexOf(10);
      }
      const line = this.pending.subarray(0, newline).toString('utf8');
      this.pending = this.pending.subarray(newline + 1);
      const requested = this.oids[this.answered++] ?? '';
      const fields = line.split(' ');
      if (fields[1] === 'missing' || fields.length < 3) {
        yield { oid: requested, size: 0, content: undefined, missing: true };
        continue;
      }
      const oid = fields[0] as string;
      const size = Number(fields[2]);
      if (size <= this.maxBytes) {
        // Content is followed by one newline.
        if (!(await this.need(size + 1))) return;
        const content = this.pending.subarray(0, size);
        this.pending = this.pending.subarray(size + 1);
        yield { oid, size, content, missing: false };
        continue;
      }
      const left = { bytes: size };
      yield { oid, size, content: undefined, chunks: this.chunks(left), missing: false };
      for await (const _ of this.chunks(left));
      while (this.pending.length < 1) if (!(await this.fill())) return;
      this.pending = this.pending.subarray(1);
    }
  }

  /** The next `left.bytes` bytes of output, as they come. */
  private async *chunks(left: { bytes: number }): AsyncGenerator<Buffer> {
    while (left.bytes > 0) {
      if (this.pending.length === 0 && !(await this.fill())) return;
      const take = Math.min(left.bytes, this.pending.length);
      const piece = this.pending.subarray(0, take);
      this.pending = this.pending.subarray(take);
      left.bytes -= take;
      yield piece;
    }
  }

  /** Reads until `bytes` bytes are pending (joined once); false when the output ends first. */
  private async need(bytes: number): Promise<boolean> {
    if (this.pending.length >= bytes) return true;
    const parts = [this.pending];
    let have = this.pending.length;
    while (have < bytes && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else {
        parts.push(next.value);
        have += next.value.length;
      }
    }
    this.pending = Buffer.concat(parts);
    return have >= bytes;
  }

  /** Reads more output; false at its end. */
  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, next.value]) : next.value;
    return true;
  }
}
