// The number of worker threads a large scan uses: every core by default, KEYFENCE_WORKERS when set.
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { scanWorkers } from '../../src/process/threads.js';

const saved = process.env.KEYFENCE_WORKERS;
afterEach(() => {
  if (saved === undefined) delete process.env.KEYFENCE_WORKERS;
  else process.env.KEYFENCE_WORKERS = saved;
});

describe('scanWorkers', () => {
  it('follows KEYFENCE_WORKERS, 0 included', () => {
    for (const n of [0, 1, 5, 12]) {
      process.env.KEYFENCE_WORKERS = String(n);
      expect(scanWorkers()).toBe(n);
    }
  });

  it('uses one worker per core besides the main thread by default, at least one', () => {
    delete process.env.KEYFENCE_WORKERS;
    expect(scanWorkers()).toBeGreaterThanOrEqual(1);
    expect(scanWorkers()).toBeLessThanOrEqual(Math.max(1, availableParallelism() - 1));
  });

  it('ignores a value that is not a count', () => {
    process.env.KEYFENCE_WORKERS = 'many';
    expect(scanWorkers()).toBeGreaterThanOrEqual(1);
  });
});
