// No catastrophic regex: every built-in rule's regex, run as the engine runs it, does work linear in
// the input on inputs built to make it backtrack. Work is counted, not timed: regexSteps.mjs replays
// the match as a backtracking engine does and counts its steps, so the answer is the same on any
// machine under any load. A 4x longer input may take at most 10x the steps (linear: ~4x, quadratic:
// ~16x). Each count is checked against V8: the counting matcher must find exactly the matches V8 finds.
// The wall time of the whole engine on huge lines is measured in regexLinear.bench.ts (npm run
// bench:regex), where timing belongs.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/rules/index.js';
import { adversarialInputs } from './adversarial.js';

// 20 KiB is just over the widest bounded repetition of a rule ({400,20000}): below it, an attempt that
// runs to the end of the text costs less at the small size only because the text ends (at 16 KiB that
// rule counts 10.1x). Counted steps have no noise, so no larger size is needed to see the trend.
const SMALL = 20 * 1024;
const LARGE = 80 * 1024; // 4x: a linear regex takes ~4x the steps, a quadratic one ~16x.
const ALLOWED_RATIO = 10;
/** Far more steps than any linear rule takes on the large input: past it the regex is a runaway. */
const STEP_BUDGET = 200_000_000;

interface Counted {
  steps: number;
  matches: Array<[number, number]>;
}

let worker: Worker;
let nextId = 0;
const counts: string[] = [];

function countSteps(regex: RegExp, texts: string[], budget = STEP_BUDGET): Promise<Counted[]> {
  // As the engine runs it: global, minus sticky and match indices (they change no step).
  const flags = [...new Set([...regex.flags.replace(/[yd]/g, ''), 'g'])].join('');
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (message: { id: number; results?: Counted[]; error?: string; overBudget?: boolean }) => {
      if (message.id !== id) return;
      worker.off('message', onMessage);
      if (message.results) resolve(message.results);
      else reject(new Error(message.overBudget ? `over ${budget} steps: the regex backtracks without bound` : message.error));
    };
    worker.on('message', onMessage);
    worker.postMessage({ id, source: regex.source, flags, texts, budget });
  });
}

/** What V8 finds, as [start, end] pairs: the counting matcher must agree. */
function v8Matches(regex: RegExp, text: string): Array<[number, number]> {
  const flags = [...new Set([...regex.flags.replace(/[yd]/g, ''), 'g'])].join('');
  return [...text.matchAll(new RegExp(regex.source, flags))].map((m) => [m.index, m.index + m[0].length]);
}

beforeAll(() => {
  worker = new Worker(new URL('./regexSteps.worker.mjs', import.meta.url), { resourceLimits: { stackSizeMb: 256 } });
});

afterAll(async () => {
  await worker.terminate();
  console.log(`[regex-linear] ${counts.length} cases (rule x input, steps at 20 KiB vs 80 KiB single lines):\n${counts.join('\n')}`);
});

describe('rule regexes are linear on adversarial input', () => {
  for (const rule of builtinRules) {
    it(`${rule.id}`, async () => {
      for (const [name, build] of Object.entries(adversarialInputs(rule))) {
        const small = build(SMALL);
        const [a, b] = (await countSteps(rule.regex, [small, build(LARGE)])) as [Counted, Counted];
        expect(a.matches, `${rule.id} / ${name}: the step counter finds what V8 finds`).toEqual(v8Matches(rule.regex, small));
        const line = `${rule.id} / ${name}: ${a.steps} steps for 20 KiB, ${b.steps} for 80 KiB (${(b.steps / a.steps).toFixed(1)}x)`;
        counts.push(`  ${line}`);
        expect(b.steps, line).toBeLessThanOrEqual(ALLOWED_RATIO * a.steps);
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
    const [a, b] = (await countSteps(/[a-z]*=x/, [text(1_000), text(4_000)])) as [Counted, Counted];
    console.log(`[regex-linear] canary: ${a.steps} steps -> ${b.steps} steps`);
    expect(b.steps).toBeGreaterThan(ALLOWED_RATIO * a.steps);
  });

  it('stops an exponential regex instead of hanging (canary)', async () => {
    await expect(countSteps(/^(a|a?)+$/, [`${'a'.repeat(40)}!`], 10_000_000)).rejects.toThrow(/backtracks without bound/);
  });

  it('counts as V8 matches: captures, back-references, look-behind, lazy and case-insensitive', async () => {
    const cases: Array<[RegExp, string]> = [
      [/(?<q>["'])(?<v>[a-z]{2,8}?)\k<q>/, `x = 'abc' y = "de" z = 'toolongvalue'`],
      [/(?<=\bkey\s*=\s*)[A-Z0-9]{4,}(?![A-Z0-9])/i, 'key = ab12CD key=zz api_key = 1234 KEY=abcd'],
      [/^\s*(export\s+)?[A-Z_]+=(.*)$/m, 'A=1\n  export B_C=two\nnot this\n'],
      [/\bsk-(?:proj-)?[a-z0-9]{3}\b|(a|ab)(c|bcd)(d*)/, 'sk-abc sk-proj-xyz abcd sk-abcd'],
    ];
    for (const [regex, text] of cases) {
      const [counted] = (await countSteps(regex, [text])) as [Counted];
      expect(counted.matches, String(regex)).toEqual(v8Matches(regex, text));
    }
  });
});
