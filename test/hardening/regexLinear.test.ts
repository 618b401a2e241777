// No catastrophic regex: every built-in rule's regex, run as the engine runs it, takes time linear in
// the input on inputs built to make it backtrack. Measured as scaling, not as an absolute time: an 8x
// longer input may take at most 20x longer (linear: ~8x, quadratic: ~64x), plus a noise floor from a
// plainly linear scan on this machine. Time is CPU time of the process doing the work, which a loaded
// 2-core CI machine does not inflate the way it inflates wall time (a run preempted half way); a case
// that fails is measured again before it counts. Runaway regexes are stopped by a watchdog on the child.
import { fork, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/index.js';
import { adversarialInputs } from './adversarial.js';

const SMALL = 128 * 1024;
const LARGE = 1024 * 1024; // 8x: a linear regex takes ~8x as long, a quadratic one ~64x.
const ALLOWED_RATIO = 20;
/** A case that makes no progress for this long is a runaway regex, whatever the machine. */
const STALL_MS = 20_000;

let worker: ChildProcess;
/** Settles when the current worker can take work: after a stall the old one is replaced first. */
let workerReady: Promise<void> = Promise.resolve();
let nextId = 0;
const timings: string[] = [];

function startWorker(): void {
  worker = fork(new URL('./regexTiming.child.mjs', import.meta.url), { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function stopWorker(): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (worker.exitCode !== null || worker.signalCode !== null) resolve();
    else worker.once('exit', () => resolve());
  });
  worker.kill('SIGKILL');
  return exited;
}

async function timeRegex(regex: RegExp, small: string, large: string, runs: number, stallMs = STALL_MS): Promise<{ smallMs: number; largeMs: number }> {
  // As the engine runs it, minus match indices: those only allocate (linearly in the matches), and
  // the garbage they make is timing noise, not backtracking.
  const flags = [...new Set([...regex.flags.replace(/[yd]/g, ''), 'g'])].join('');
  const id = nextId++;
  await workerReady;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Later cases must not be posted to the worker being stopped: they wait for its successor.
      workerReady = stopWorker().then(startWorker);
      reject(new Error(`no result after ${stallMs} ms: the regex did not finish (catastrophic backtracking)`));
    }, stallMs);
    const onMessage = (message: { id: number; smallMs: number; largeMs: number }) => {
      if (message.id !== id) return;
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve(message);
    };
    worker.on('message', onMessage);
    worker.send({ id, source: regex.source, flags, small, large, runs });
  });
}

/** CPU time of this process spent in `work`, in ms. */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Time of a plainly linear pass over the same text: the noise floor of this machine right now. */
function baselineMs(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const re = /[=:"']/g;
    let n = 0;
    best = Math.min(best, cpuMs(() => {
      while (re.exec(text)) n++;
    }));
    if (n < 0) throw new Error('unreachable');
  }
  return best;
}

afterAll(() => {
  console.log(`[regex-linear] ${timings.length} cases (rule x input at 128 KiB vs 1 MiB single lines, then the engine):\n${timings.join('\n')}`);
});

describe('rule regexes are linear on adversarial input', () => {
  beforeAll(startWorker);
  afterAll(async () => {
    await workerReady;
    await stopWorker();
  });

  /** True when `regex` scales linearly from `small` to `large` (8x), re-measuring twice before saying no. */
  let floorMs: number | undefined;
  /** Noise floor: a few ms of scheduling jitter, plus a multiple of a plainly linear scan of 1 MiB. */
  function noiseFloor(): number {
    floorMs ??= 20 * baselineMs('abcdefghijklmnop'.repeat(LARGE / 16)) + 10;
    return floorMs;
  }

  async function scalesLinearly(regex: RegExp, small: string, large: string, retries = 2) {
    const floor = noiseFloor();
    let measured = await timeRegex(regex, small, large, retries > 0 ? 2 : 3);
    for (let attempt = 0; attempt < retries && measured.largeMs > ALLOWED_RATIO * measured.smallMs + floor; attempt++) {
      measured = await timeRegex(regex, small, large, 3);
    }
    return { ...measured, ok: measured.largeMs <= ALLOWED_RATIO * measured.smallMs + floor };
  }

  for (const rule of builtinRules) {
    it(`${rule.id}`, async () => {
      for (const [name, build] of Object.entries(adversarialInputs(rule))) {
        const measured = await scalesLinearly(rule.regex, build(SMALL), build(LARGE));
        const line = `${rule.id} / ${name}: ${measured.smallMs.toFixed(1)} ms for 128 KiB, ${measured.largeMs.toFixed(1)} ms for 1 MiB`;
        timings.push(`  ${line}`);
        expect(measured.ok, line).toBe(true);
      }
    });
  }

  it('builds the same inputs on every run (examples drawn from a seeded source)', () => {
    for (const rule of builtinRules.filter((_, i) => i % 20 === 0)) {
      const once = Object.values(adversarialInputs(rule)).map((build) => build(4096));
      const again = Object.values(adversarialInputs(rule)).map((build) => build(4096));
      expect(again, rule.id).toEqual(once);
    }
  });

  // The method must be able to fail: a quadratic regex and an exponential one are caught.
  it('catches a quadratic regex (canary)', async () => {
    const text = (n: number) => 'abcdefghij'.repeat(n / 10);
    // One careful measurement (best of 3 each): retries exist to let linear regexes pass, not this one.
    const measured = await scalesLinearly(/[a-z]*=x/, text(2_000), text(16_000), 0);
    console.log(`[regex-linear] canary: ${measured.smallMs.toFixed(1)} ms -> ${measured.largeMs.toFixed(1)} ms`);
    expect(measured.ok, `${measured.smallMs} -> ${measured.largeMs}`).toBe(false);
  });

  it('stops an exponential regex instead of hanging (canary)', async () => {
    const text = `${'a'.repeat(40)}!`;
    await expect(timeRegex(/^(a|a?)+$/, text, text, 1, 1_000)).rejects.toThrow(/did not finish/);
  });
});

describe('the engine on huge single lines (all rules at once)', () => {
  // A short piece of every rule's inputs, as one period well under the small size: both sizes then
  // hold the same mix, so that their times compare.
  const periods = new Map<boolean, string>();
  const bundle = (size: number, withKeys: boolean) => {
    let period = periods.get(withKeys);
    if (period === undefined) {
      // Each rule's share shrinks as the catalogue grows, so that one period still fits the small size.
      const scale = Math.min(1, (0.9 * SMALL) / (builtinRules.length * (96 + 64 + 128 + 3)));
      const size = (n: number) => Math.floor(n * scale);
      const parts = builtinRules.flatMap((rule) => {
        const inputs = adversarialInputs(rule);
        return [
          inputs['minified bundle']!(size(96)),
          inputs['near-miss keys']!(size(64)),
          ...(withKeys ? [inputs['examples on one line']!(size(128))] : []),
        ];
      });
      period = parts.join(';');
      periods.set(withKeys, period);
    }
    expect(period.length).toBeLessThan(SMALL);
    return period.repeat(Math.ceil(size / period.length)).slice(0, size);
  };

  for (const withKeys of [false, true]) {
    it(`detect() time grows linearly from 128 KiB to 1 MiB (${withKeys ? 'thousands of real keys' : 'keywords and near misses only'})`, async () => {
      const { detect } = await import('../../src/detect/engine.js');
      const small = bundle(128 * 1024, withKeys);
      const large = bundle(1024 * 1024, withKeys);
      const time = (text: string) => {
        let found = 0;
        const ms = cpuMs(() => {
          found = detect(text, builtinRules).length;
        });
        return { ms, found };
      };
      let a = time(small);
      let b = time(large);
      const floor = 20 * baselineMs(large) + 10;
      for (let attempt = 0; attempt < 2 && b.ms > ALLOWED_RATIO * a.ms + floor; attempt++) {
        a = time(small);
        b = time(large);
      }
      timings.push(`  engine (${withKeys ? 'keys' : 'no keys'}): ${a.ms.toFixed(0)} ms for 128 KiB (${a.found} found), ${b.ms.toFixed(0)} ms for 1 MiB (${b.found} found)`);
      expect(b.ms, `${a.ms} ms -> ${b.ms} ms`).toBeLessThanOrEqual(ALLOWED_RATIO * a.ms + floor);
    });
  }
});
