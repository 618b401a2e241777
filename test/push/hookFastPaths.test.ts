// The hook script's fast paths (hooks/git-hook.sh): a commit message that provably cannot hold a key,
// and a push of nothing, pass without starting node. Everything else, a damaged install included,
// still reaches keyfence. Real git commits and pushes through the hooks `keyfence install` writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestRepo, projectRoot } from '../support/repo.js';
import { builtinRules } from '../../src/rules/index.js';
import { messagePrefilter } from '../../src/hooks/messagePrefilter.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import type { Rule } from '../../src/types.js';

const REACHED = 'commit-msg reached keyfence';

/**
 * node_modules/keyfence as npm installs it, from the built package. With `standIn`, dist/cli.js is a
 * shell script that blocks every commit-msg call (so a commit that passes proves the hook never called
 * it) and passes the other hooks; it ends with the real build's stamp, next to the real prefilter.
 */
async function installPackage(repo: TestRepo, options: { standIn: boolean }): Promise<string> {
  const pkg = repo.path('node_modules', 'keyfence');
  await mkdir(pkg, { recursive: true });
  for (const part of ['dist', 'hooks', 'package.json']) await cp(join(projectRoot, part), join(pkg, part), { recursive: true });
  const cli = join(pkg, 'dist', 'cli.js');
  if (options.standIn) {
    const realCli = await readFile(join(projectRoot, 'dist', 'cli.js'), 'utf8');
    const stamp = realCli.trimEnd().split('\n').pop() as string;
    await writeFile(
      cli,
      [
        '#!/bin/sh',
        `if [ "$2" = commit-msg ]; then echo "${REACHED}" >&2; exit 1; fi`,
        'if [ "$2" = pre-push ]; then echo "pre-push reached keyfence" >&2; exit 1; fi',
        '[ -n "$KEYFENCE_HOOK_TOKEN" ] && echo "keyfence-ok $KEYFENCE_HOOK_TOKEN"',
        'exit 0',
        stamp,
        '',
      ].join('\n'),
    );
    await chmod(cli, 0o755);
  }
  await mkdir(repo.path('node_modules', '.bin'), { recursive: true });
  await symlink('../keyfence/dist/cli.js', repo.path('node_modules', '.bin', 'keyfence'));
  return cli;
}

async function setUp(options: { standIn: boolean }): Promise<TestRepo> {
  const repo = await TestRepo.create();
  await repo.write('.gitignore', 'node_modules/\n');
  await repo.commitFiles({ 'README.md': 'hello\n' }, 'initial');
  await installPackage(repo, options);
  // `keyfence install` itself runs the real CLI; the hooks then run the package in node_modules.
  const installed = await repo.run(process.execPath, [join(projectRoot, 'dist', 'cli.js'), 'install']);
  if (installed.exitCode !== 0) throw new Error(installed.all);
  return repo;
}

/** `git commit --allow-empty -F <message file>`: both hooks run, as for any commit. */
async function commitWithMessage(repo: TestRepo, message: string) {
  await writeFile(repo.path('.git', 'test-message'), message);
  return repo.git(['commit', '-q', '--allow-empty', '-F', '.git/test-message']);
}

describe('commit-msg fast path', () => {
  let standIn: TestRepo;
  beforeAll(async () => {
    standIn = await setUp({ standIn: true });
  });
  afterAll(async () => {
    await standIn.cleanup();
  });

  it('takes a clean message through without keyfence', async () => {
    const result = await commitWithMessage(standIn, 'Fix typo in the README\n\nThe second paragraph says more.\n');
    expect(result.exitCode, result.all).toBe(0);
  });

  // The hook as git runs it (`git hook run`, which takes no lock, so several run at once); the cases
  // below commit for real.
  it('sends every positive example of every rule that can match a message to keyfence', { timeout: 600_000 }, async () => {
    const examples = builtinRules
      .filter((rule) => !rule.appliesTo || rule.appliesTo('(commit message)'))
      .flatMap((rule) => rule.examples.positive().map((example, i) => ({ id: `${rule.id}-${i}`, example })));
    const missed: string[] = [];
    const pending = [...examples];
    const worker = async (): Promise<void> => {
      for (let next = pending.pop(); next; next = pending.pop()) {
        const file = `.git/message-${next.id}`;
        await writeFile(standIn.path(file), `Update the settings\n\n${next.example}\n`);
        const result = await standIn.git(['hook', 'run', 'commit-msg', '--', file]);
        if (result.exitCode === 0 || !result.stderr.includes(REACHED)) missed.push(`${next.id}: ${result.exitCode}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(examples.length).toBeGreaterThan(500);
    expect(missed).toEqual([]);
  });

  it.each([
    ['a non-ASCII character', 'Caf\u00e9 menu\n'],
    ['adjacent string literals', 'Join "ab" + "cd"\n'],
    ['a long run of token characters', `Bump to ${'a1B2'.repeat(9)}\n`],
  ])('sends a message with %s to keyfence', async (_, message) => {
    const result = await commitWithMessage(standIn, message);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(REACHED);
  });

  it('sends every message to keyfence when a configuration could add rules', async () => {
    await writeFile(standIn.path('.keyfence.json'), '{ "rules": [] }\n');
    expect((await commitWithMessage(standIn, 'Plain message\n')).stderr).toContain(REACHED);
    await writeFile(standIn.path('.keyfence.json'), '');
    expect((await commitWithMessage(standIn, 'Plain message\n')).stderr).toContain(REACHED);
    await standIn.run('rm', ['.keyfence.json']);

    await writeFile(standIn.path('package.json'), '{ "devDependencies": { "keyfence": "^0.1.0" } }\n');
    expect((await commitWithMessage(standIn, 'Plain message\n')).exitCode).toBe(0);
    for (const pkg of [
      '{ "keyfence": {\n "rules": [] } }\n',
      '{ "keyf\\u0065nce": { "rules": [] }, "devDependencies": { "keyfence": "1" } }\n',
    ]) {
      await writeFile(standIn.path('package.json'), pkg);
      expect((await commitWithMessage(standIn, 'Plain message\n')).stderr, pkg).toContain(REACHED);
    }
    await standIn.run('rm', ['package.json']);
  });

  it('sends every message to keyfence when the prefilter is cut off, foreign or from another build', async () => {
    const dist = standIn.path('node_modules', 'keyfence', 'dist');
    const prefilter = join(dist, 'message-prefilter.txt');
    const whole = await readFile(prefilter, 'utf8');
    const cli = join(dist, 'cli.js');
    const script = await readFile(cli, 'utf8');
    const cases: Array<[string, () => Promise<void>]> = [
      ['cut off', () => writeFile(prefilter, whole.slice(0, whole.lastIndexOf('\ne ') + 1))],
      ['empty', () => writeFile(prefilter, '')],
      ['unknown line', () => writeFile(prefilter, whole.replace('\nk ', '\nz '))],
      ['other format', () => writeFile(prefilter, whole.replace('prefilter 1', 'prefilter 2'))],
      ['missing', () => standIn.run('rm', [prefilter]).then(() => undefined)],
      ['cli.js from another build', () => writeFile(cli, script.replace(/build [0-9a-f]+\n$/, 'build 0000\n'))],
    ];
    for (const [what, damage] of cases) {
      await damage();
      const result = await commitWithMessage(standIn, 'Plain message\n');
      expect(result.stderr, what).toContain(REACHED);
      await writeFile(prefilter, whole);
      await writeFile(cli, script);
    }
    expect((await commitWithMessage(standIn, 'Plain message\n')).exitCode).toBe(0);
  });
});

describe('commit-msg fast path with the real keyfence', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await setUp({ standIn: false });
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it('commits a clean message and blocks a key in the message', async () => {
    expect((await commitWithMessage(repo, 'Fix typo in the README\n')).exitCode).toBe(0);
    const key = fakeOpenAIKey('sk-proj-', 74);
    const blocked = await commitWithMessage(repo, `Rotate the key\n\n${key}\n`);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stderr).toContain('the commit message contains a secret');
    expect(blocked.all).not.toContain(key);
  });
});

describe('pre-push fast path', () => {
  it('lets a push of nothing through without keyfence, and sends a push of commits to it', async () => {
    const repo = await setUp({ standIn: true });
    const remote = await TestRepo.create({ bare: true });
    try {
      await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
      await repo.gitOk(['push', '-q', '--no-verify', 'origin', 'main']);
      const nothing = await repo.git(['push', 'origin', 'main']);
      expect(nothing.exitCode, nothing.all).toBe(0);
      expect(nothing.all).toContain('Everything up-to-date');
      await repo.gitOk(['commit', '-q', '--allow-empty', '--no-verify', '-m', 'next']);
      const something = await repo.git(['push', 'origin', 'main']);
      expect(something.exitCode).not.toBe(0);
      expect(something.stderr).toContain('pre-push reached keyfence');
    } finally {
      await repo.cleanup();
      await remote.cleanup();
    }
  });
});

describe('messagePrefilter', () => {
  it('refuses a rule without keywords that it cannot describe, rather than leave it out', () => {
    const rule = { ...(builtinRules[0] as Rule), id: 'new-keywordless-rule', keywords: [] };
    expect(() => messagePrefilter([rule], 'x1')).toThrow(/new-keywordless-rule has no keywords/);
    expect(messagePrefilter([{ ...rule, appliesTo: () => false }], 'x1')).not.toContain('new-keywordless-rule');
  });
});
