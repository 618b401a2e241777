// The hook script's fast paths (hooks/git-hook.sh): a commit message that provably cannot hold a key,
// and a push of nothing, pass without starting node; a commit's staged patch is read by the script and
// piped into node. Everything else, a damaged install or a frame node cannot trust included, still
// reaches keyfence's own checks. Real git commits and pushes through the hooks `keyfence install` writes.
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

  // Node 20 reads NODE_EXTRA_CA_CERTS at start-up, and warns when it cannot: a hook that still passed the
  // variable to node would print the warning on this commit.
  it('starts node without extra CA certificates, which a hook never needs', async () => {
    await repo.write('notes.txt', 'hello\n');
    await repo.gitOk(['add', 'notes.txt']);
    const env = { NODE_EXTRA_CA_CERTS: repo.path('no-such-bundle.pem') };
    const control = await repo.run(process.execPath, ['-e', '0'], { env });
    expect(control.stderr).toContain('extra certs');
    const result = await repo.git(['commit', '-q', '-m', 'Add notes'], { env });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).not.toContain('extra certs');
  });
});

describe('pre-commit with the staged patch piped in by the hook script', () => {
  let repo: TestRepo;
  let dist: string;
  beforeAll(async () => {
    repo = await setUp({ standIn: false });
    dist = repo.path('node_modules', 'keyfence', 'dist');
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  /**
   * Commits with git's trace2 events on, and tells which process started each `git diff --cached`: the
   * hook script, or node reading the changes itself (git names a command's parent processes on Linux).
   */
  async function tracedCommit(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) await repo.write(name, text);
    await repo.gitOk(['add', ...Object.keys(files)]);
    const trace = repo.path('.git', 'trace2.json');
    await writeFile(trace, '');
    const result = await repo.git(['commit', '-q', '-m', 'change'], { env: { GIT_TRACE2_EVENT: trace } });
    const events = (await readFile(trace, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; sid: string; argv?: string[]; ancestry?: string[] });
    const diffs = new Set(
      events.filter((e) => e.event === 'start' && e.argv?.includes('diff') && e.argv.includes('--cached')).map((e) => e.sid),
    );
    const parents = events.filter((e) => e.event === 'cmd_ancestry' && diffs.has(e.sid)).map((e) => e.ancestry?.[0]);
    await repo.git(['reset', '-q']);
    return { result, diffs: diffs.size, byNode: parents.filter((name) => name === 'node').length };
  }

  it('takes a clean commit through with one git diff, and blocks a key the same way', async () => {
    const clean = await tracedCommit({ 'notes.txt': 'hello\n' });
    expect(clean.result.exitCode, clean.result.all).toBe(0);
    expect(clean).toMatchObject({ diffs: 1, byNode: 0 });
    const key = fakeOpenAIKey('sk-proj-', 74);
    const blocked = await tracedCommit({ 'app.py': `OPENAI_API_KEY = "${key}"\n` });
    expect(blocked.result.exitCode).not.toBe(0);
    expect(blocked.result.stderr).toContain('openai-project-key');
    expect(blocked.result.all).not.toContain(key);
    expect(blocked).toMatchObject({ diffs: 1, byNode: 0 });
  });

  it('reads the changes itself when the piped patch comes from another build, and still blocks', async () => {
    const file = join(dist, 'staged-patch.txt');
    const original = await readFile(file, 'utf8');
    try {
      await writeFile(file, original.replace(/^([be]) (\w+)$/gm, '$1 other$2'));
      const key = fakeOpenAIKey('sk-proj-', 74);
      const blocked = await tracedCommit({ 'other.py': `OPENAI_API_KEY = "${key}"\n` });
      expect(blocked.result.exitCode).not.toBe(0);
      expect(blocked.result.stderr).toContain('openai-project-key');
      expect(blocked).toMatchObject({ diffs: 2, byNode: 1 });
    } finally {
      await writeFile(file, original);
    }
  });

  it('reads the changes itself when the script cannot run the git command of its file', async () => {
    const file = join(dist, 'staged-patch.txt');
    const original = await readFile(file, 'utf8');
    try {
      // git refuses an option it does not know: the frame says so (a status other than 0).
      await writeFile(file, original.replace('a --irreversible-delete\n', 'a --irreversible-delete\na --no-such-option\n'));
      const key = fakeOpenAIKey('sk-proj-', 74);
      const blocked = await tracedCommit({ 'third.py': `OPENAI_API_KEY = "${key}"\n` });
      expect(blocked.result.exitCode).not.toBe(0);
      expect(blocked.result.stderr).toContain('openai-project-key');
      expect(blocked).toMatchObject({ diffs: 2, byNode: 1 });
    } finally {
      await writeFile(file, original);
    }
  });

  it('reads the changes itself when a frame on standard input is not one it can trust, outside a hook too', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('fourth.py', `OPENAI_API_KEY = "${key}"\n`);
    await repo.gitOk(['add', 'fourth.py']);
    const frame = 'keyfence staged patch nonsense\n';
    const result = await repo.run(process.execPath, [join(dist, 'cli.js'), 'scan', '--staged'], {
      env: { KEYFENCE_STAGED_PATCH: 'stdin' },
      input: frame,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain('openai-project-key');
    await repo.git(['reset', '-q']);
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
