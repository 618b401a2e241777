// Large scans use worker threads; the answer must be the same as in one thread, in the same order,
// and a worker that cannot start or dies must lose nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { runDetection } from '../../src/detect/engine.js';
import { detectFragment, detectFragments, type DetectedFragment } from '../../src/detect/parallel.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { readFileFragments } from '../../src/source/paths.js';
import { readLimits } from '../../src/source/content.js';
import type { FileToRead, Fragment, Skipped } from '../../src/types.js';
import { projectRoot } from '../support/repo.js';

const workerUrl = pathToFileURL(join(projectRoot, 'dist', 'detect-worker.js'));

function fragments(count: number): Fragment[] {
  return Array.from({ length: count }, (_, i) => ({
    file: `src/file${i}.ts`,
    // Every fifth key is allowed by a marker: the count comes back from workers too.
    text:
      `const a = ${i};\n`.repeat(i % 7) +
      (i % 3 === 0 ? `const key = "${fakeOpenAIKey('sk-proj-', 74)}";${i % 5 === 0 ? ' // keyfence:allow' : ''}\n` : 'const b = 1;\n'),
  }));
}

async function collect(source: Iterable<Fragment>, options: Parameters<typeof detectFragments>[1]): Promise<DetectedFragment[]> {
  const out: DetectedFragment[] = [];
  for await (const item of detectFragments(source, options)) out.push(item);
  return out;
}

const inOneThread = (input: Fragment[]): DetectedFragment[] =>
  input.map((fragment) => ({ fragment, ...runDetection(fragment.text, builtinRules, { file: fragment.file }) }));

/**
 * What a scan must agree on. A fragment without matches may come back without its text (a large scan
 * lets go of it while it waits for its turn); one with matches always has it.
 */
const same = (results: DetectedFragment[]) =>
  results.map(({ fragment, matches, allowedInline }) => ({
    file: fragment.file,
    text: matches.length > 0 ? fragment.text : undefined,
    matches,
    allowedInline,
  }));

describe('detectFragments', () => {
  it('gives the same matches in the same order with worker threads', async () => {
    const input = fragments(60);
    const stats = { inWorkers: 0, inThisThread: 0 };
    const result = await collect(input, { rules: builtinRules, config: defaultConfig, parallelAfter: 0, workers: 2, workerUrl, stats });
    expect(same(result)).toEqual(same(inOneThread(input)));
    expect(stats.inWorkers).toBeGreaterThan(0);
    expect(result.filter((r) => r.matches.length > 0)).toHaveLength(16);
    expect(result.reduce((sum, r) => sum + r.allowedInline, 0)).toBe(4);
  });

  it('stays in this thread for small scans and without a config', async () => {
    const input = fragments(10);
    const stats = { inWorkers: 0, inThisThread: 0 };
    expect(await collect(input, { rules: builtinRules, workerUrl, parallelAfter: 0, stats })).toEqual(inOneThread(input));
    expect(await collect(input, { rules: builtinRules, config: defaultConfig, workerUrl, stats })).toEqual(inOneThread(input));
    expect(stats).toEqual({ inWorkers: 0, inThisThread: 20 });
  });

  it('starts workers only for a scan expected to be large, when the source knows its size', async () => {
    const input = fragments(60);
    const run = async (expectedFragments: () => number | undefined) => {
      const stats = { inWorkers: 0, inThisThread: 0 };
      const result = await collect(input, {
        rules: builtinRules,
        config: defaultConfig,
        parallelAfter: 0,
        workers: 1,
        workerUrl,
        stats,
        expectedFragments,
      });
      expect(same(result)).toEqual(same(inOneThread(input)));
      return stats.inWorkers;
    };
    // 60 fragments of a few lines: a small scan, whatever parallelAfter says.
    expect(await run(() => input.length)).toBe(0);
    // The same average size over ten million fragments: hundreds of megabytes.
    expect(await run(() => 10_000_000)).toBeGreaterThan(0);
    // Size unknown (a source that cannot tell): parallelAfter alone decides, as before.
    expect(await run(() => undefined)).toBeGreaterThan(0);
  });

  it('detects in this thread when a worker cannot start', async () => {
    const input = fragments(30);
    const missing = pathToFileURL(join(projectRoot, 'dist', 'no-such-worker.js'));
    const stats = { inWorkers: 0, inThisThread: 0 };
    const result = await collect(input, { rules: builtinRules, config: defaultConfig, parallelAfter: 0, workerUrl: missing, stats });
    expect(same(result)).toEqual(same(inOneThread(input)));
    expect(stats.inThisThread).toBeGreaterThan(0);
  });
});

describe('detectFragments over files to read (a path scan)', () => {
  let dir: string;
  let files: FileToRead[];
  const maxFileBytes = 4000;
  const config = { ...defaultConfig, maxFileBytes };
  const readFile = (file: FileToRead) => readFileFragments(file, { limits: readLimits(maxFileBytes) });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyfence-parallel-'));
    files = [];
    for (let i = 0; i < 80; i++) {
      const name = `file${String(i).padStart(2, '0')}.txt`;
      const kind = i % 10;
      if (i === 41)
        writeFileSync(
          join(dir, name),
          Array.from({ length: 60_000 }, (_, n) =>
            n % 9000 === 4500
              ? `const k = "${fakeOpenAIKey('sk-proj-', 74)}";`
              : `const filler${n} = 'a line to make a file past the memory bound';`,
          ).join('\n'),
        ); // read in windows
      else if (kind === 3)
        writeFileSync(join(dir, name), Buffer.from([0, 1, 2, 3, 0, 9, 0, ...Buffer.from(`K=${fakeOpenAIKey('sk-proj-', 74)}`)])); // binary
      else if (kind === 5)
        writeFileSync(join(dir, name), Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2])); // xz: not fully searched
      else if (kind !== 7)
        writeFileSync(
          join(dir, name),
          `line ${i}\n`.repeat(i % 4) + (i % 3 === 0 ? `const key = "${fakeOpenAIKey('sk-proj-', 74)}";\n` : 'const b = 1;\n'),
        );
      // kind 7: listed, never written (deleted since the listing): unreadable.
      files.push({ file: name, absolute: join(dir, name) });
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What one thread finds: each readable file with its matches, and the skipped files in order. */
  function inOneThreadFromDisk(): { detected: Array<[string, number, string[]]>; skipped: Skipped[] } {
    const detected: Array<[string, number, string[]]> = [];
    const skipped: Skipped[] = [];
    for (const file of files) {
      for (const read of readFile(file)) {
        if ('text' in read) detected.push([read.file, read.text.length, detectFragment(read, builtinRules).matches.map((m) => m.secret)]);
        else skipped.push(read);
      }
    }
    return { detected, skipped };
  }

  async function run(options: Partial<Parameters<typeof detectFragments>[1]>) {
    const skipped: Skipped[] = [];
    const out: DetectedFragment[] = [];
    const stats = { inWorkers: 0, inThisThread: 0 };
    for await (const item of detectFragments(files, {
      rules: builtinRules,
      config,
      readFile,
      onSkip: (s) => skipped.push(s),
      stats,
      ...options,
    }))
      out.push(item);
    return { out, skipped, stats };
  }

  it('reads each file where it is detected; same matches, same order, skips in order', async () => {
    const expected = inOneThreadFromDisk();
    expect(expected.skipped.map((s) => s.reason)).toEqual([...Array(8)].flatMap(() => ['not-fully-searched', 'unreadable']));
    // The large file: in windows (a worker leaves it to this thread, which reads it in its turn).
    const windows = expected.detected.filter(([file]) => file === 'file41.txt');
    expect(windows.length).toBeGreaterThan(2);
    expect(new Set(windows.flatMap(([, , secrets]) => secrets)).size).toBe(7);
    expect(expected.detected.filter(([file]) => Number(file.slice(4, 6)) % 10 === 3).every(([, , secrets]) => secrets.length === 1)).toBe(
      true,
    );
    for (const options of [{ workers: 1, parallelAfter: 0, workerUrl }, { workers: 2, parallelAfter: 0, workerUrl }, {}]) {
      const { out, skipped, stats } = await run(options);
      expect(out.map((d) => [d.fragment.file, d.matches.map((m) => m.secret)])).toEqual(
        expected.detected.map(([file, , secrets]) => [file, secrets]),
      );
      expect(skipped).toEqual(expected.skipped);
      // The report reads around matches: a fragment with matches always carries its text.
      expect(out.map((d) => (d.matches.length > 0 ? d.fragment.text.length : undefined))).toEqual(
        expected.detected.map(([, length, secrets]) => (secrets.length > 0 ? length : undefined)),
      );
      if (options.workers) expect(stats.inWorkers).toBeGreaterThan(0);
      else expect(stats).toEqual({ inWorkers: 0, inThisThread: expected.detected.length });
    }
  });

  it('reads and detects in this thread what a worker that cannot start was given', async () => {
    const missing = pathToFileURL(join(projectRoot, 'dist', 'no-such-worker.js'));
    const expected = inOneThreadFromDisk();
    const { out, skipped } = await run({ workers: 1, parallelAfter: 0, workerUrl: missing });
    expect(out.map((d) => [d.fragment.file, d.matches.map((m) => m.secret)])).toEqual(
      expected.detected.map(([file, , secrets]) => [file, secrets]),
    );
    expect(skipped).toEqual(expected.skipped);
  });

  it('needs a reader for files to read', async () => {
    await expect(run({ readFile: undefined })).rejects.toThrow(/readFile/);
  });
});
