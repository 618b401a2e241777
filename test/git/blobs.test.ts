// Blobs come out of `git cat-file --batch` whole and in order, whichever way they are read: a small
// commit in one synchronous call, many blobs streaming, and a small number of blobs too large to hold
// at once streaming again after the synchronous call gives up.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBlobs, type Blob } from '../../src/git/blobs.js';
import { runGit } from '../../src/git/exec.js';
import { TestRepo } from '../support/repo.js';

let repo: TestRepo;

beforeAll(async () => {
  repo = await TestRepo.create();
});
afterAll(async () => repo.cleanup());

/** Writes each content as a blob; returns the ids in the same order. */
async function store(contents: string[]): Promise<string[]> {
  const oids: string[] = [];
  for (const [i, content] of contents.entries()) {
    await repo.write(`blob-${i}`, content);
    oids.push((await repo.gitOk(['hash-object', '-w', `blob-${i}`])).trim());
  }
  return oids;
}

async function readAll(oids: string[], maxBytes = 1024 * 1024 * 1024): Promise<Blob[]> {
  const blobs: Blob[] = [];
  for await (const blob of readBlobs(oids, { cwd: repo.dir, maxBytes })) blobs.push(blob);
  return blobs;
}

describe('readBlobs', () => {
  it('reads a few blobs, including an empty one and one without a final newline', async () => {
    const contents = ['one\n', '', 'no newline at the end', 'line\n'.repeat(1000)];
    const blobs = await readAll(await store(contents));
    expect(blobs.map((b) => b.content?.toString('utf8'))).toEqual(contents);
    expect(blobs.map((b) => b.size)).toEqual(contents.map((c) => Buffer.byteLength(c)));
  });

  it('reads more blobs than one synchronous call takes, in order', async () => {
    const contents = Array.from({ length: 150 }, (_, i) => `file ${i}\n${'x'.repeat(i * 37)}\n`);
    const blobs = await readAll(await store(contents));
    expect(blobs.map((b) => b.content?.toString('utf8'))).toEqual(contents);
  });

  it('reads blobs larger together than one synchronous call holds (9 MB in three)', async () => {
    const contents = ['a', 'b', 'c'].map((c) => `${c.repeat(3 * 1024 * 1024)}\n`);
    const blobs = await readAll(await store(contents));
    expect(blobs.map((b) => b.content?.length)).toEqual(contents.map((c) => c.length));
    expect(blobs.map((b) => b.content?.subarray(0, 1).toString())).toEqual(['a', 'b', 'c']);
  });

  it('reports a missing object and drops the content of a blob over the limit, in place', async () => {
    const [small, big] = await store(['small\n', 'B'.repeat(5000)]);
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const blobs = await readAll([small as string, missing, big as string], 4096);
    expect(blobs.map((b) => ({ missing: b.missing, size: b.size, content: b.content?.toString() }))).toEqual([
      { missing: false, size: 6, content: 'small\n' },
      { missing: true, size: 0, content: undefined },
      { missing: false, size: 5000, content: undefined },
    ]);
  });

  it('says clearly when there is no repository', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'keyfence-no-repo-'));
    try {
      const reading = (async () => {
        for await (const _ of readBlobs(['0123456789abcdef0123456789abcdef01234567'], { cwd: outside, maxBytes: 10 }));
      })();
      await expect(reading).rejects.toThrow(/not a git repository/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('runGit', () => {
  it('reports what git says when it exits before reading all its input', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'keyfence-no-repo-'));
    try {
      // 4 MB of input: git stops at once outside a repository, and writing the rest fails (EPIPE).
      const input = '0123456789abcdef0123456789abcdef01234567\n'.repeat(100_000);
      for (let i = 0; i < 3; i++) {
        await expect(runGit(['cat-file', '--batch'], { cwd: outside, input })).rejects.toThrow(/not a git repository/);
      }
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
