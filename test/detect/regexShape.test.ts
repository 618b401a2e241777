// User regexes (custom rules, allow patterns): the shapes that match the empty string or backtrack
// exponentially are configuration errors whose message never quotes the regex; the ones people write
// (gitleaks-style token rules, the built-in rules) are accepted; anything slow that gets through is
// stopped by the time limit, per rule and file, in one thread and in workers.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { regexShapeProblem, stepsPerStart } from '../../src/detect/regexShape.js';
import { needsTimeLimit, regexTimeLimitMs } from '../../src/detect/timeLimit.js';
import { compileUserRegex } from '../../src/config/regex.js';
import { applyRuleConfig, createFindingFilter } from '../../src/config/filter.js';
import { defaultConfig } from '../../src/config/load.js';
import { validateConfig } from '../../src/config/schema.js';
import { detect } from '../../src/detect/engine.js';
import { detectFragments } from '../../src/detect/parallel.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { UsageError, type Config, type Finding } from '../../src/types.js';
import { projectRoot } from '../support/repo.js';

const refused = (source: string, flags = '') => regexShapeProblem(source, flags);

describe('regex shapes refused', () => {
  it.each([
    ['(a+)+$', /repetition of its own/],
    ['(?:[a-z]+\\.?)+@', /repetition of its own/],
    ['(\\w+\\s?)*x', /repetition of its own/],
    ['(x|x)*y', /alternatives that match the same character/],
    ['(?:\\w|\\d)+=', /alternatives that match the same character/],
    ['(?:a|[a-z])+!', /alternatives that match the same character/],
    ['(a*)*b', /repeated group can match the empty string/],
    ['(?:a|b?)+c', /repeated group can match the empty string/],
    ['key=(?=(a+)+$)\\w', /repetition of its own/],
  ])('%s (exponential)', (source, why) => {
    expect(refused(source)).toMatch(why);
    expect(refused(source)).toMatch(/exponential time/);
  });

  it('(.|\\n)* only with the s flag, where the dot matches a line break too', () => {
    expect(refused('(.|\\n)*x', 's')).toMatch(/same character/);
    expect(refused('(.|\\n)*x')).toBeUndefined();
  });

  it('case folding counts: (a|A)+ overlaps with the i flag only', () => {
    expect(refused('(?:a|A)+!', 'i')).toMatch(/same character/);
    expect(refused('(?:a|A)+!')).toBeUndefined();
  });

  it.each(['x*', '^', '$', '(?:)', '|', 'a|', '\\b', '(?=secret)', 'a?b?', '[a-z]{0,40}'])('%s (matches the empty string)', (source) => {
    expect(refused(source)).toMatch(/can match the empty string/);
  });
});

describe('regex shapes accepted', () => {
  it.each([
    'acme_[A-Za-z0-9]{32}',
    '\\b(acme_[a-z0-9]{32})\\b',
    '(?<secret>ghp_[A-Za-z0-9]{36})',
    'https?://(?:[a-z0-9-]+\\.)+[a-z]{2,}',
    '(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==)?',
    '"(?:\\\\[nt"]|[^"\\\\])*"',
    '(?:\\w|-|\\.)+@example',
    '(a{2})+!',
    '(?:\\s*,\\s*\\w+)*;',
    '(?=(?<w>\\w+))\\k<w>=',
    // gitleaks' curl rule: a small bounded repetition, left to the time limit.
    '\\bcurl\\b(?:.*?|.*?(?:[\\r\\n]{1,2}.*?){1,5})[ \\t](?:-u|--user)',
    '^sk-proj-EXAMPLE',
  ])('%s', (source) => {
    expect(refused(source)).toBeUndefined();
  });

  it('every built-in rule (proven linear by test/hardening/regexLinear.test.ts)', () => {
    expect(builtinRules.filter((rule) => refused(rule.regex.source, rule.regex.flags)).map((rule) => rule.id)).toEqual([]);
  });
});

describe('in the configuration', () => {
  const key = fakeOpenAIKey('sk-proj-', 74);

  it.each([
    ['a custom rule (a+)+', { rules: [{ id: 'bad-rule', regex: `${key}(a+)+$` }] }, 'rules[0].regex', /repetition of its own/],
    ['a custom rule (x|x)*', { rules: [{ id: 'bad-rule', regex: `(${key}|x|x)*y` }] }, 'rules[0].regex', /same character/],
    ['a custom rule that can match nothing', { rules: [{ id: 'empty-rule', regex: `(?:${key})?` }] }, 'rules[0].regex', /empty string/],
    ['an allow pattern (a+)+', { allow: ['^sk-proj-EXAMPLE', `${key}(a+)+$`] }, 'allow[1]', /repetition of its own/],
    ['the allow pattern ^', { allow: ['^'] }, 'allow[0]', /empty string/],
    ['the allow pattern (?:)', { allow: ['(?:)'] }, 'allow[0]', /empty string/],
    ['the allow pattern |', { allow: ['|'] }, 'allow[0]', /empty string/],
  ])('%s: a config error that names the place and never quotes the regex', (_case, raw, where, why) => {
    let message = '';
    try {
      validateConfig(raw, '.keyfence.json');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    expect(message).toContain(`.keyfence.json: ${where}: `);
    expect(message).toMatch(why);
    expect(message).not.toContain(key);
    expect(message).not.toContain(key.slice(0, 12));
  });
});

describe('where the time limit is not needed', () => {
  it('bounds the work per start position of a regex without unbounded repetition', () => {
    expect(stepsPerStart('acme_[a-z0-9]{32}', '')).toBe(37 + 17);
    expect(stepsPerStart('(?:a|b|c)x', '')).toBe(3 * (2 + 10));
    expect(stepsPerStart('[a-z]{2,4}', '')).toBe(3 * (4 + 10));
    for (const unbounded of ['acme_[a-z0-9]+', 'a*', 'x{3,}', '(a)\\1', '(x+x+)+y']) expect(stepsPerStart(unbounded, '')).toBe(Infinity);
    expect(stepsPerStart('(x{1,20}x{1,20}){1,20}y', '')).toBeGreaterThan(1e15);
  });

  it('a token rule on a file of ordinary size runs without it; an unbounded one always with it', () => {
    expect(needsTimeLimit(stepsPerStart('acme_[a-z0-9]{32}', ''), 200_000)).toBe(false);
    expect(needsTimeLimit(stepsPerStart('acme_[a-z0-9]{32}', ''), 5_000_000)).toBe(true);
    expect(needsTimeLimit(stepsPerStart('acme_[a-z0-9]+', ''), 10)).toBe(true);
  });
});

describe('the time limit on user regexes', () => {
  const saved = process.env.KEYFENCE_REGEX_TIME_LIMIT_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.KEYFENCE_REGEX_TIME_LIMIT_MS;
    else process.env.KEYFENCE_REGEX_TIME_LIMIT_MS = saved;
  });
  /** Not one of the shapes refused, but exponential: x^n splits among the two x+ in many ways. */
  const slow: Config = { ...defaultConfig, source: '.keyfence.json', rules: [{ id: 'slow-rule', regex: '(x+x+)+y' }] };
  const xs = `${'x'.repeat(60)}\n`;

  it('is 10 s unless KEYFENCE_REGEX_TIME_LIMIT_MS says otherwise', () => {
    delete process.env.KEYFENCE_REGEX_TIME_LIMIT_MS;
    expect(regexTimeLimitMs()).toBe(10_000);
    process.env.KEYFENCE_REGEX_TIME_LIMIT_MS = '2500';
    expect(regexTimeLimitMs()).toBe(2500);
    for (const bad of ['0', '-1', 'soon', '']) {
      process.env.KEYFENCE_REGEX_TIME_LIMIT_MS = bad;
      expect(regexTimeLimitMs()).toBe(10_000);
    }
  });

  it('stops a custom rule that runs too long on a file, naming the rule and the file, not the regex', () => {
    process.env.KEYFENCE_REGEX_TIME_LIMIT_MS = '200';
    const rules = applyRuleConfig(builtinRules, slow);
    expect(() => detect(xs, rules, { file: 'src/\u001b[31mred.txt' })).toThrow(
      /^\.keyfence\.json: rules\[0\]: the regular expression ran for more than 0\.2 s on src\/\\x1b\[31mred\.txt without finishing/,
    );
    // Built-in rules are not limited, and a custom rule that finishes is unaffected.
    expect(detect(`x = "${fakeOpenAIKey('sk-proj-', 74)}"`, rules).length).toBe(1);
    expect(detect('xxy', rules).map((m) => m.ruleId)).toEqual(['slow-rule']);
  });

  it('stops an allow pattern that runs too long on a finding', () => {
    process.env.KEYFENCE_REGEX_TIME_LIMIT_MS = '200';
    const filter = createFindingFilter({ ...defaultConfig, source: '.keyfence.json', allow: ['(x+x+)+y'] });
    const finding = { secret: 'x'.repeat(60), file: 'a.txt' } as Finding;
    expect(() => filter.allowedBy(finding)).toThrow(
      /^\.keyfence\.json: allow\[0\]: the regular expression ran for more than 0\.2 s on the secret of a finding/,
    );
    expect(filter.allowedBy({ ...finding, secret: 'xxy' })).toBe('pattern');
  });

  it('stops it in a worker thread too, and the scan fails with the same message', async () => {
    process.env.KEYFENCE_REGEX_TIME_LIMIT_MS = '200';
    const rules = applyRuleConfig(builtinRules, slow);
    const workerUrl = pathToFileURL(join(projectRoot, 'dist', 'detect-worker.js'));
    const inputs = Array.from({ length: 20 }, (_, i) => ({ file: `f${i}.txt`, text: i === 12 ? xs : 'const a = 1;\n' }));
    const stats = { inWorkers: 0, inThisThread: 0 };
    const run = async () => {
      for await (const _ of detectFragments(inputs, { rules, config: slow, parallelAfter: 0, workers: 1, workerUrl, stats })) void _;
    };
    await expect(run()).rejects.toThrow(/rules\[0\]: the regular expression ran for more than 0\.2 s on f12\.txt/);
    expect(stats.inWorkers).toBeGreaterThan(0);
  });

  it('the limit applies per call: a user regex compiled for the config is bounded wherever it is used', () => {
    process.env.KEYFENCE_REGEX_TIME_LIMIT_MS = '200';
    const regex = compileUserRegex('(x+x+)+y', '.keyfence.json: allow[0]');
    expect(() => 'x'.repeat(60).match(regex)).toThrow(/allow\[0\]: the regular expression ran for more than 0\.2 s/);
    expect(regex.test('xxy')).toBe(true);
  });
});
