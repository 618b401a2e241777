// The whole engine on huge single lines (all rules at once): how detect() time grows from 128 KiB to
// 1 MiB of minified-bundle-like text, with and without real keys in it. Linear: ~8x. A timing, so a
// benchmark (npm run bench:regex), not a test; regexLinear.test.ts counts each rule's regex steps on
// the same inputs.
import { bench, describe } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { adversarialInputs } from './adversarial.js';

const SMALL = 128 * 1024;

// A short piece of every rule's inputs, as one period well under the small size: both sizes then hold
// the same mix, so that their times compare.
function bundle(size: number, withKeys: boolean): string {
  // Each rule's share shrinks as the catalogue grows, so that the period stays under the small size.
  const share = Math.min(1, (SMALL * 0.9) / (builtinRules.length * 292));
  const part = (n: number) => Math.floor(n * share);
  const period = builtinRules
    .flatMap((rule) => {
      const inputs = adversarialInputs(rule);
      return [
        inputs['minified bundle']!(part(96)),
        inputs['near-miss keys']!(part(64)),
        ...(withKeys ? [inputs['examples on one line']!(part(128))] : []),
      ];
    })
    .join(';');
  return period.repeat(Math.ceil(size / period.length)).slice(0, size);
}

for (const withKeys of [false, true]) {
  describe(`detect() on one huge line (${withKeys ? 'thousands of real keys' : 'keywords and near misses only'})`, () => {
    for (const size of [128 * 1024, 1024 * 1024]) {
      const text = bundle(size, withKeys);
      bench(`${size / 1024} KiB`, () => {
        detect(text, builtinRules);
      });
    }
  });
}
