// Generators for the never-leak property tests: every rule's secrets (from its positive examples, and
// mutated within the secret's own alphabet), embedded in random files.
import fc from 'fast-check';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/types.js';

export interface Sample {
  ruleId: string;
  /** The positive example text, which gives the secret the context its rule needs. */
  text: string;
  secret: string;
}

/** Secrets of a rule as found in a fresh draw of its positive examples (with every rule loaded). */
function drawSamples(rule: Rule): Sample[] {
  const samples: Sample[] = [];
  for (const text of rule.examples.positive()) {
    for (const m of detect(text, builtinRules)) if (m.ruleId === rule.id) samples.push({ ruleId: rule.id, text, secret: m.secret });
  }
  return samples;
}

const samplesByRule = new WeakMap<Rule, Sample[]>();

/**
 * The samples of each rule, drawn once: the examples are random, and the list that decides which rules
 * are tested must be the one the test then draws from.
 */
export function samplesOf(rule: Rule): Sample[] {
  let samples = samplesByRule.get(rule);
  if (!samples) {
    samples = drawSamples(rule);
    samplesByRule.set(rule, samples);
  }
  return samples;
}

const classes = ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '0123456789'];

/**
 * The sample with some characters replaced by others of the same class (upper, lower, digit), when the
 * rule still finds the result: a fresh key over the rule's alphabet. Keys with checksums mostly fall
 * back to the original, which is still a valid case.
 */
export function mutatedSample(rule: Rule): fc.Arbitrary<Sample & { mutated: boolean }> {
  const samples = samplesOf(rule);
  return fc
    .record({
      sample: fc.constantFrom(...samples),
      edits: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }),
    })
    .map(({ sample, edits }) => {
      const chars = [...sample.secret];
      for (const [at, pick] of edits) {
        const i = at % chars.length;
        const cls = classes.find((c) => c.includes(chars[i] as string));
        if (cls) chars[i] = cls[pick % cls.length] as string;
      }
      const secret = chars.join('');
      const text = sample.text.split(sample.secret).join(secret);
      const found = secret !== sample.secret && detect(text, builtinRules).some((m) => m.ruleId === rule.id && m.secret === secret);
      return found ? { ruleId: rule.id, text, secret, mutated: true } : { ...sample, mutated: false };
    });
}

const FILES = ['app.ts', 'settings.py', '.env', 'config.json', 'deploy.yaml', 'main.go', 'Program.cs', 'run.sh', 'index.html', 'notes.md'];
const FILLER_LINES = [
  '',
  'import os',
  'const x = 1;',
  '  return value;',
  '# a comment',
  '}',
  'fn main() {',
  '<div class="row">',
  'SELECT 1;',
  'port: 8080',
];
const MINIFIED = 'function(a,b){return a+b};var c=[1,2,3].map(function(d){return d*2});';

export interface FileCase {
  file: string;
  text: string;
  secrets: string[];
  mutated: number;
}

/** A whole file: filler lines, one or more samples at random lines (some sharing a line), long lines, CRLF. */
export function fileCase(rules: readonly Rule[]): fc.Arbitrary<FileCase> {
  const withSamples = rules.filter((r) => samplesOf(r).length > 0);
  const sample = fc.constantFrom(...withSamples).chain((rule) => mutatedSample(rule));
  const placed = fc.record({
    sample,
    indent: fc.constantFrom('', '  ', '\t', '    '),
    before: fc.constantFrom('', 'x; ', '/* a */ ', '"', "'", '(', '= '),
    after: fc.constantFrom('', ';', ' // note', ' # note', ',', '"', ')'),
    padding: fc.constantFrom(0, 0, 0, 200, 3_000, 20_000),
    trailing: fc.constantFrom(0, 0, 0, 300, 1_500, 5_000),
    sameLineAsPrevious: fc.boolean(),
  });
  return fc
    .record({
      file: fc.constantFrom(...FILES),
      items: fc.array(placed, { minLength: 1, maxLength: 4 }),
      fillerBefore: fc.array(fc.constantFrom(...FILLER_LINES), { maxLength: 6 }),
      fillerAfter: fc.array(fc.constantFrom(...FILLER_LINES), { maxLength: 6 }),
      crlf: fc.boolean(),
      finalNewline: fc.boolean(),
    })
    .map(({ file, items, fillerBefore, fillerAfter, crlf, finalNewline }) => {
      const lines = [...fillerBefore];
      for (const [n, item] of items.entries()) {
        const pad = item.padding > 0 ? MINIFIED.repeat(Math.ceil(item.padding / MINIFIED.length)).slice(0, item.padding) + ' ' : '';
        const tail = item.trailing > 0 ? ' ' + MINIFIED.repeat(Math.ceil(item.trailing / MINIFIED.length)).slice(0, item.trailing) : '';
        const body = `${item.indent}${pad}${item.before}${item.sample.text}${item.after}${tail}`;
        if (n > 0 && item.sameLineAsPrevious && !item.sample.text.includes('\n')) lines[lines.length - 1] += ` ${body.trimStart()}`;
        else lines.push(...body.split('\n'));
      }
      lines.push(...fillerAfter);
      const eol = crlf ? '\r\n' : '\n';
      return {
        file,
        text: lines.join(eol) + (finalNewline ? eol : ''),
        secrets: items.map((i) => i.sample.secret),
        mutated: items.filter((i) => i.sample.mutated).length,
      };
    });
}

const PIECE = 12;

let constants: Set<string> | undefined;

/**
 * 12-character pieces that two independently generated keys of one rule share: the format's fixed
 * parts (`https://hooks.slack.com/services/`, a base64 of a fixed prefix), which say nothing secret.
 */
export function formatConstants(): Set<string> {
  if (constants) return constants;
  constants = new Set();
  for (const rule of builtinRules) {
    const seen = new Map<string, string>();
    // Several draws: what two different secrets share is the format's, not a secret's.
    for (let round = 0; round < 3; round++) {
      for (const { secret } of drawSamples(rule)) {
        for (let i = 0; i + PIECE <= secret.length; i++) {
          const piece = secret.slice(i, i + PIECE);
          const first = seen.get(piece);
          if (first === undefined) seen.set(piece, secret);
          else if (first !== secret) constants.add(piece);
        }
      }
    }
  }
  return constants;
}

/** Every 12-character piece of `secret` (not a format constant) that occurs in `output`. */
export function leakedPieces(output: string, secret: string): string[] {
  if (secret.length < PIECE) return output.includes(secret) ? [secret] : [];
  const fixed = formatConstants();
  const found: string[] = [];
  for (let i = 0; i + PIECE <= secret.length; i++) {
    const piece = secret.slice(i, i + PIECE);
    if (!fixed.has(piece) && output.includes(piece)) found.push(piece);
  }
  return found;
}

// --- Configuration and baseline errors -------------------------------------------------------------

const SCRYPT = { salt: '5a'.repeat(16), N: 16384, r: 8, p: 1 };
const HASH = 'c0ffee'.repeat(10) + 'c0ff';

/**
 * Configurations and baselines that are wrong because of a secret written in some place: as a key name,
 * a value of the wrong kind, a rule id, a regex, a repeated key. Each gives an error (or none, when the
 * secret happens to fit), whose message must not hold the secret.
 */
export const CONFIG_ERROR_PLACES: ReadonlyArray<readonly [string, (secret: string) => Record<string, string>]> = [
  ['a key of the configuration', (s) => ({ '.keyfence.json': JSON.stringify({ ignore: [], [s]: 1 }) })],
  ['a rule id in "disable"', (s) => ({ '.keyfence.json': JSON.stringify({ disable: ['openai-legacy-key', s] }) })],
  [
    'a custom rule’s property name',
    (s) => ({ '.keyfence.json': JSON.stringify({ rules: [{ id: 'acme-token', regex: 'acme_[a-z]{8}', [s]: true }] }) }),
  ],
  ['a custom rule’s id', (s) => ({ '.keyfence.json': JSON.stringify({ rules: [{ id: s, regex: 'acme_[a-z]{8}' }] }) })],
  [
    'a custom rule’s id, twice',
    (s) => ({
      '.keyfence.json': JSON.stringify({
        rules: [
          { id: s, regex: 'a{8}' },
          { id: s, regex: 'b{8}' },
        ],
      }),
    }),
  ],
  [
    'a custom rule’s id, a built-in one’s',
    (s) => ({
      '.keyfence.json': JSON.stringify({ rules: [{ id: 'openai-project-key', regex: `(?:${s.replace(/[^A-Za-z0-9]/g, '')})` }] }),
    }),
  ],
  ['a broken custom regex', (s) => ({ '.keyfence.json': JSON.stringify({ rules: [{ id: 'acme-token', regex: `(${s}` }] }) })],
  [
    'a custom rule’s envVar',
    (s) => ({ '.keyfence.json': JSON.stringify({ rules: [{ id: 'acme-token', regex: 'acme_[a-z]{8}', envVar: `${s} x` }] }) }),
  ],
  ['a broken allow regex', (s) => ({ '.keyfence.json': JSON.stringify({ allow: [`(${s}`] }) })],
  [
    'an allow regex that matches everything',
    (s) => ({ '.keyfence.json': JSON.stringify({ allow: [`${s.replace(/[^A-Za-z0-9]/g, '')}|`] }) }),
  ],
  [
    'an ignore glob that matches everything',
    (s) => ({ '.keyfence.json': JSON.stringify({ ignore: [`{${s.replace(/[^A-Za-z0-9]/g, '')},*}`] }) }),
  ],
  ['a repeated key', (s) => ({ '.keyfence.json': `{ ${JSON.stringify(s)}: 1, ${JSON.stringify(s)}: 2 }` })],
  ['broken JSON around it', (s) => ({ '.keyfence.json': `{ "allow": [${JSON.stringify(s)} }` })],
  ['a key of package.json "keyfence"', (s) => ({ 'package.json': JSON.stringify({ name: 'app', keyfence: { [s]: [] } }) })],
  ['a key of the baseline', (s) => ({ '.keyfence-baseline.json': JSON.stringify({ version: 2, scrypt: SCRYPT, secrets: [], [s]: 1 }) })],
  [
    'a key of a baseline entry',
    (s) => ({ '.keyfence-baseline.json': JSON.stringify({ version: 2, scrypt: SCRYPT, secrets: [{ hash: HASH, [s]: 1 }] }) }),
  ],
  ['a baseline hash', (s) => ({ '.keyfence-baseline.json': JSON.stringify({ version: 2, scrypt: SCRYPT, secrets: [{ hash: s }] }) })],
  [
    'a baseline preview',
    (s) => ({ '.keyfence-baseline.json': JSON.stringify({ version: 2, scrypt: SCRYPT, secrets: [{ hash: HASH, preview: s }] }) }),
  ],
  [
    'a baseline rule',
    (s) => ({ '.keyfence-baseline.json': JSON.stringify({ version: 2, scrypt: SCRYPT, secrets: [{ hash: HASH, rule: s }] }) }),
  ],
  ['a baseline version', (s) => ({ '.keyfence-baseline.json': JSON.stringify({ version: s, secrets: [] }) })],
  ['a baseline salt', (s) => ({ '.keyfence-baseline.json': JSON.stringify({ version: 2, scrypt: { ...SCRYPT, salt: s }, secrets: [] }) })],
  [
    'a key repeated in the baseline',
    (s) => ({ '.keyfence-baseline.json': `{ "version": 2, ${JSON.stringify(s)}: 1, ${JSON.stringify(s)}: 2 }` }),
  ],
];

/** A secret of any rule, and a place for it in a configuration or baseline. */
export function configErrorCase(rules: readonly Rule[]): fc.Arbitrary<{ secret: string; place: string; files: Record<string, string> }> {
  const withSamples = rules.filter((r) => samplesOf(r).length > 0);
  return fc
    .record({ rule: fc.constantFrom(...withSamples), place: fc.constantFrom(...CONFIG_ERROR_PLACES) })
    .chain(({ rule, place }) =>
      mutatedSample(rule).map((sample) => ({ secret: sample.secret, place: place[0], files: place[1](sample.secret) })),
    );
}
