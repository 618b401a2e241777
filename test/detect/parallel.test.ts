// Large scans use worker threads; the answer must be the same as in one thread, in the same order,
// and a worker that cannot start or dies must lose nothing.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { detect } from '../../src/detect/engine.js';
import { detectFragments, type DetectedFragment } from '../../src/detect/parallel.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import type { Fragment } from '../../src/types.js';
import { projectRoot } from '../support/repo.js';

const workerUrl = pathToFileURL(join(projectRoot, 'dist', 'detect-worker.js'));

function fragments(count: number): Fragment[] {
  return Array.from({ length: count }, (_, i) => ({
    file: `src/file${i}.ts`,
    text: `const a = ${i};\n`.repeat(i % 7) + (i % 3 === 0 ? `const key = "${fakeOpenAIKey('sk-proj-', 74)}";\n` : 'const b = 1;\n'),
  }));
}

async function collect(source: Iterable<Fragment>, options: Parameters<typeof detectFragments>[1]): Promise<DetectedFragment[]> {
  const out: DetectedFragment[] = [];
  for await (const item of detectFragments(source, options)) out.push(item);
  return out;
}

const inOneThread = (input: Fragment[]) => input.map((fragment) => ({ fragment, matches: detect(fragment.text, builtinRules, { file: fragment.file }) }));

describe('detectFragments', () => {
  it('gives the same matches in the same order with worker threads', async () => {
    const input = fragments(60);
    const stats = { inWorkers: 0, inThisThread: 0 };
    const result = await collect(input, { rules: builtinRules, config: defaultConfig, parallelAfter: 0, workers: 2, workerUrl, stats });
    expect(result).toEqual(inOneThread(input));
    expect(stats.inWorkers).toBeGreaterThan(0);
    expect(result.filter((r) => r.matches.length > 0)).toHaveLength(20);
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
      const result = await collect(input, { rules: builtinRules, config: defaultConfig, parallelAfter: 0, workers: 1, workerUrl, stats, expectedFragments });
      expect(result).toEqual(inOneThread(input));
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
    expect(result).toEqual(inOneThread(input));
    expect(stats.inThisThread).toBeGreaterThan(0);
  });
});
