// Inputs built to make a rule's regex backtrack: runs of the characters its secrets use, its keywords
// over and over, near-misses of its own keys, and minified-bundle-like text. Deterministic (seeded).
import type { Rule } from '../../src/types.js';
import { useRandomSource } from '../../src/rules/fake.js';
import { samplesOf } from './leakCases.js';

/** A small seeded PRNG (mulberry32): the same inputs on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type InputBuilder = (size: number) => string;

const PERIOD = 16 * 1024;

/**
 * `size` characters of units from `next()`: one single line unless a unit has newlines. A period of
 * 16 KiB is built and repeated, which keeps building megabytes cheap and changes nothing for the regex.
 */
function fill(size: number, next: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < Math.min(size, PERIOD)) {
    const unit = next();
    parts.push(unit);
    length += unit.length;
  }
  const period = parts.join('');
  return period.repeat(Math.ceil(size / period.length)).slice(0, size);
}

/** `n` random bytes at a time from a seeded PRNG: a RandomSource for the fake-key generators. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  const next = prng(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

/** A number from a rule id, so that each rule's draws do not depend on which rules ran before it. */
function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

export function adversarialInputs(rule: Rule, seed = 1): Record<string, InputBuilder> {
  // The rule's examples, drawn from a seeded source: the same inputs on every run. Drawn at random, a
  // case that is slow for a few draws only (a password with no separator) failed one CI run in eight.
  useRandomSource(seededBytes(seedOf(rule.id) + seed));
  let samples: ReturnType<typeof samplesOf>;
  try {
    samples = samplesOf(rule);
  } finally {
    useRandomSource();
  }
  const secrets = samples.map((s) => s.secret);
  const alphabet = [...new Set(secrets.join('').replace(/\s/g, ''))].join('') || 'abcdefghijklmnopqrstuvwxyz0123456789';
  const keywords = rule.keywords.length > 0 ? rule.keywords : ['key', 'secret', 'token'];
  const secret = secrets[0] ?? 'x'.repeat(40);
  const text = samples[0]?.text.replace(/\n/g, ' ') ?? `key = "${secret}"`;
  const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // A pool of random alphabet characters; runs are slices of it (building 1 MiB char by char is slow).
  const poolRandom = prng(seed + 99);
  const chars = [...alphabet];
  const pool = Array.from({ length: 8192 }, () => pick(poolRandom, chars)).join('');
  const run = (random: () => number, n: number) => {
    const at = Math.floor(random() * (pool.length - n));
    return pool.slice(at, at + n);
  };

  return {
    // One character class, no separators at all: every position starts a long candidate.
    'alphabet run': (size) => {
      const random = prng(seed);
      return fill(size, () => run(random, 64));
    },
    // The rule's keywords back to back, and separated by the characters assignments use.
    'keywords repeated': (size) => {
      const random = prng(seed + 1);
      return fill(size, () => pick(random, keywords) + pick(random, ['', ' ', '=', '="', ': ', '_', '-', '\t']));
    },
    // The start of a real key, cut short, again and again: the regex gets far before failing.
    'near-miss keys': (size) => {
      const random = prng(seed + 2);
      return fill(
        size,
        () => secret.slice(0, Math.max(4, Math.floor(secret.length * (0.5 + random() * 0.45)))) + pick(random, ['', ' ', '"', '-']),
      );
    },
    // A keyword followed by a very long run: one candidate of megabyte length.
    'keyword then one long run': (size) => {
      const random = prng(seed + 3);
      const head = `${keywords[0]}="${secret.slice(0, Math.floor(secret.length / 2))}`;
      return head + fill(size - head.length, () => run(random, 64));
    },
    // Its own positive example over and over on one line (many real matches).
    'examples on one line': (size) => fill(size, () => `${text} `),
    // A minified bundle: code, strings, keywords and key-like strings on one line.
    'minified bundle': (size) => {
      const random = prng(seed + 4);
      return fill(size, () => {
        const kw = pick(random, keywords);
        return pick(random, [
          `var ${kw}=${JSON.stringify(run(random, 20))};`,
          `function(a,b){return a.${kw}||b}`,
          `{"${kw}":"${run(random, 30)}","id":${Math.floor(random() * 1e6)}},`,
          `${secret.slice(0, 12)}${run(random, 8)},`,
          'if(!t)throw new Error("x");',
        ]);
      });
    },
    // Keywords glued inside one endless identifier: a look-behind that reads the name before a keyword
    // must not reread the whole run at every position. Fixed letters, so the case does not hang on
    // which characters this run's random examples happened to use.
    'keywords inside one identifier': (size) => {
      const random = prng(seed + 5);
      return fill(size, () => pick(random, ['abc', 'Xyz_', 'q1', '$w.', 'Mn9']) + pick(random, keywords).replace(/[^\w$.]/g, ''));
    },
    // A line of nothing but blanks: a look-behind for "only blanks before me" must read each run once.
    'one line of blanks': (size) => fill(size, () => ' \t  '),
  };
}
