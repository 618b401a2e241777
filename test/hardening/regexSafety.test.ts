// A catastrophic regex in the configuration (a custom rule or an allow pattern) used to hang every
// commit; one that matches the empty string matched everywhere. Through real commits with the hook
// installed: the known exponential shapes and empty matches are configuration errors, anything else
// slow is stopped by the time limit; either way the commit is blocked with a message that names the
// place in the config and never quotes the regex. No durations are asserted: the hang is bounded by the
// test timeout, the assertions are on the outcome.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { installTestHook } from './support.js';

/** Long enough for an old build to hang, so that the test fails on it (by its timeout). */
const HANG_TIMEOUT = 45_000;

describe('catastrophic and empty-matching regexes in the configuration', () => {
  let repo: TestRepo;
  let head: string;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n' }, 'initial');
    await installTestHook(repo);
    head = await repo.gitOk(['rev-parse', 'HEAD']);
  });
  afterAll(() => repo.cleanup());

  async function commitWith(config: unknown, files: Record<string, string>, env: Record<string, string> = {}) {
    // The hook reads the configuration being committed, so it is staged with the files.
    files = { '.keyfence.json': JSON.stringify(config, null, 2), ...files };
    for (const [file, content] of Object.entries(files)) await repo.write(file, content);
    await repo.gitOk(['add', '--', ...Object.keys(files)]);
    try {
      return await repo.git(['commit', '-q', '-m', 'change'], { env });
    } finally {
      await repo.gitOk(['rm', '-q', '--cached', '--', ...Object.keys(files)]);
      for (const file of Object.keys(files)) await rm(repo.path(file));
    }
  }

  /** Blocked, fail-closed, naming `where`, never quoting `pattern`; nothing committed. */
  async function expectBlocked(result: Awaited<ReturnType<typeof commitWith>>, where: string, why: RegExp, pattern: string) {
    // git commit exits 1 whatever the hook's code; the hook's own message says it failed closed.
    expect(result.exitCode, result.all).not.toBe(0);
    expect(result.stderr).toContain('so it was stopped rather than let through unchecked');
    expect(result.stderr).toContain('git commit --no-verify');
    expect(result.stderr).toMatch(why);
    expect(result.stderr).toMatch(new RegExp(`\\.keyfence\\.json(:\\d+:\\d+)?: ${where.replace(/[[\]().]/g, '\\$&')}`));
    expect(result.stderr).not.toContain(pattern);
    expect(await repo.gitOk(['rev-parse', 'HEAD'])).toBe(head);
  }

  it(
    'a custom rule (b+)+$ is refused instead of hanging the commit',
    async () => {
      const result = await commitWith({ rules: [{ id: 'b-rule', regex: '(b+)+$' }] }, { 'b.txt': `${'b'.repeat(40)}!\n` });
      await expectBlocked(result, 'rules[0].regex', /repetition of its own.*exponential time/, '(b+)+');
    },
    HANG_TIMEOUT,
  );

  it(
    'a custom rule (x|x)*y is refused instead of hanging the commit',
    async () => {
      const result = await commitWith(
        { rules: [{ id: 'x-rule', regex: '(x|x)*y', keywords: ['xx'] }] },
        { 'x.txt': `${'x'.repeat(40)}\n` },
      );
      await expectBlocked(result, 'rules[0].regex', /same character/, '(x|x)');
    },
    HANG_TIMEOUT,
  );

  it(
    'an allow pattern (c+)+d is refused instead of hanging on a finding',
    async () => {
      const config = { rules: [{ id: 'tok-rule', regex: 'tok_(c{40})', keywords: ['tok_'] }], allow: ['(c+)+d'] };
      const result = await commitWith(config, { 't.txt': `tok_${'c'.repeat(40)}\n` });
      await expectBlocked(result, 'allow[0]', /repetition of its own/, '(c+)+d');
    },
    HANG_TIMEOUT,
  );

  it(
    'a slow custom rule the shape check does not know is stopped by the time limit',
    async () => {
      const result = await commitWith(
        { rules: [{ id: 'slow-rule', regex: '(x+x+)+y' }] },
        { 'big.txt': `${'x'.repeat(60)}\n` },
        { KEYFENCE_REGEX_TIME_LIMIT_MS: '1000' },
      );
      await expectBlocked(result, 'rules[0]', /ran for more than 1 s on big\.txt without finishing/, '(x+x+)');
    },
    HANG_TIMEOUT,
  );

  it(
    'a slow allow pattern is stopped by the time limit',
    async () => {
      const config = { rules: [{ id: 'tok-rule', regex: 'tok_(x{60})', keywords: ['tok_'] }], allow: ['(x+x+)+y'] };
      const result = await commitWith(config, { 't.txt': `tok_${'x'.repeat(60)}\n` }, { KEYFENCE_REGEX_TIME_LIMIT_MS: '1000' });
      await expectBlocked(result, 'allow[0]', /ran for more than 1 s on the secret of a finding/, '(x+x+)');
    },
    HANG_TIMEOUT,
  );

  it('a custom rule or an allow pattern that matches the empty string is a config error', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const rule = await commitWith({ rules: [{ id: 'empty-rule', regex: '(?:acme_[a-z]{8})?' }] }, { 'a.js': 'const a = 1;\n' });
    await expectBlocked(rule, 'rules[0].regex', /can match the empty string/, 'acme_');
    // `^` accepted every finding: the key landed.
    const allow = await commitWith({ allow: ['^'] }, { 'k.js': `const k = "${key}";\n` });
    await expectBlocked(allow, 'allow[0]', /can match the empty string/, '"^"');
  });
});
