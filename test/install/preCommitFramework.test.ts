// Our .pre-commit-hooks.yaml exercised for real by the pre-commit framework, against a clone of this
// repository as committed (package.json with its `prepare` build, no dist/ in git): pre-commit's
// `language: node` install runs `npm install` (devDependencies, then `prepare` builds dist/), `npm pack`
// (whose standard output must be the tarball name alone) and `npm install -g` of that tarball.
// No network: npm runs offline from the machine's npm cache, which `npm ci` of this repository filled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TestRepo, projectRoot } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

function hasPreCommit(): boolean {
  try {
    execFileSync('pre-commit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasPreCommit();
const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
if (!available) console.warn('pre-commit framework test skipped: `pre-commit` is not installed (apt-get install -y pre-commit)');

describe.skipIf(!available)('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  let hooks: TestRepo;
  let repo: TestRepo;
  let remote: TestRepo;
  let clone: string;
  let rev: string;
  let env: Record<string, string>;
  const preCommit = (args: string[]) => repo.run('pre-commit', args);

  beforeAll(async () => {
    hooks = await TestRepo.create();
    // The clone is the hook repository; its HEAD is what pre-commit installs.
    await hooks.gitOk(['clone', '-q', '--no-local', projectRoot, 'clone'], { cwd: hooks.home });
    clone = join(hooks.home, 'clone');
    rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
    env = {
      PRE_COMMIT_HOME: join(hooks.home, 'pre-commit-cache'),
      npm_config_cache: npmCache,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    repo = await TestRepo.create({ env });
    remote = await TestRepo.create({ bare: true });
    await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
    await repo.write(
      '.pre-commit-config.yaml',
      ['repos:', `- repo: ${clone}`, `  rev: ${rev}`, '  hooks:', '  - id: keyfence', ''].join('\n'),
    );
    const install = await preCommit(['install', '-t', 'pre-commit', '-t', 'commit-msg', '-t', 'pre-push']);
    if (install.exitCode !== 0) throw new Error(install.all);
  }, 60_000);

  afterAll(async () => {
    await repo?.cleanup();
    await remote?.cleanup();
    await hooks?.cleanup();
  });

  it('pre-commit try-repo installs the hook from the clone and runs it', async () => {
    const other = await TestRepo.create({ env });
    try {
      await other.write('clean.txt', 'hello\n');
      await other.write('key.env', `OPENAI_API_KEY=${fakeOpenAIKey('sk-proj-', 74)}\n`);
      await other.gitOk(['add', '-A']);
      // try-repo installs into a store of its own on every call: one call, both files.
      const run = await other.run('pre-commit', ['try-repo', clone, 'keyfence', '--ref', rev, '--files', 'clean.txt', 'key.env']);
      expect(run.exitCode).toBe(1);
      expect(run.all).toMatch(/keyfence \(secrets\)\.+Failed/);
      expect(run.all).toContain('key.env:1:16');
      expect(run.all).not.toContain('clean.txt:');
      expect(run.all).not.toMatch(/ENOENT|npm error/);
    } finally {
      await other.cleanup();
    }
  }, 600_000);

  it('lets a clean commit through (installing the hook environment from the manifest)', async () => {
    await repo.write('a.txt', 'hello\n');
    await repo.gitOk(['add', '-A']);
    const commit = await repo.git(['commit', '-m', 'clean']);
    expect(commit.exitCode, commit.all).toBe(0);
    expect(commit.all).toMatch(/keyfence \(secrets\)\.+Passed/);
  }, 600_000);

  it('blocks a commit that adds a key', async () => {
    await repo.write('k.env', `OPENAI_API_KEY=${fakeOpenAIKey('sk-proj-', 74)}\n`);
    await repo.gitOk(['add', 'k.env']);
    const commit = await repo.git(['commit', '-m', 'key']);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.all).toContain('keyfence blocked this commit');
    expect(commit.all).toContain('k.env:1:16');
  });

  it('pre-commit run --files scans the named files, committed or not: no false all-clear', async () => {
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'key (bypassed)']);
    const committed = await preCommit(['run', 'keyfence', '--files', 'k.env']);
    expect(committed.exitCode).not.toBe(0);
    expect(committed.all).toContain('k.env:1:16');
    await repo.write('untracked.ts', `const key = "${fakeOpenAIKey('sk-proj-', 74)}";\n`);
    const untracked = await preCommit(['run', 'keyfence', '--files', 'untracked.ts']);
    expect(untracked.exitCode).not.toBe(0);
    expect(untracked.all).toContain('untracked.ts:1:14');
    const clean = await preCommit(['run', 'keyfence', '--files', 'a.txt']);
    expect(clean.exitCode, clean.all).toBe(0);
  });

  it('at the commit-msg stage, blocks a key in the message', async () => {
    await repo.write('a.txt', 'hello again\n');
    await repo.gitOk(['add', 'a.txt']);
    const commit = await repo.git(['commit', '-m', `note ${fakeOpenAIKey('sk-proj-', 74)}`]);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.all).toContain('the commit message contains a secret');
  });

  it('at the pre-push stage, blocks pushing the bypassed commit', async () => {
    const push = await repo.git(['push', 'origin', 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.all).toContain('keyfence blocked this push');
    expect(push.all).toContain('k.env:1:16');
    expect((await remote.git(['rev-parse', '--verify', '-q', 'refs/heads/main'])).stdout.trim()).toBe('');
    await repo.gitOk(['reset', '-q', '--hard', 'HEAD~1']);
    const clean = await repo.git(['push', 'origin', 'main']);
    expect(clean.exitCode, clean.all).toBe(0);
  });

  it('at the pre-push stage, after git remote set-url, does not take its range from stale tracking branches', async () => {
    const secret = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('old.env', `OPENAI_API_KEY=${secret}\n`);
    await repo.gitOk(['add', 'old.env']);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'old key']);
    await repo.gitOk(['push', '-q', '--no-verify', 'origin', 'main']);
    const fresh = await TestRepo.create({ bare: true });
    try {
      await repo.gitOk(['remote', 'set-url', 'origin', fresh.dir]);
      await repo.write('b.txt', 'b\n');
      await repo.gitOk(['add', 'b.txt']);
      await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'b']);
      // pre-commit hands over from_ref = the parent of the new commit (origin/main says the rest is there).
      const push = await repo.git(['push', 'origin', 'main']);
      expect(push.exitCode).not.toBe(0);
      expect(push.all).toContain('old.env:1:16');
      expect(push.all).not.toContain(secret);
      expect((await fresh.git(['rev-parse', '--verify', '-q', 'refs/heads/main'])).stdout.trim()).toBe('');
    } finally {
      await repo.gitOk(['remote', 'set-url', 'origin', remote.dir]);
      await fresh.cleanup();
    }
  });
});

// Keep the manifest honest: one hook, no version-dependent stage names, a keyfence command that exists.
describe('.pre-commit-hooks.yaml', () => {
  it('declares the keyfence hook', async () => {
    const text = await readFile(join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8');
    expect([...text.matchAll(/^- id: (\S+)$/gm)].map((m) => m[1])).toEqual(['keyfence']);
    expect(text).toMatch(/^ {2}entry: keyfence scan --pre-commit$/m);
    expect(text).not.toMatch(/^ {2}stages:/m);
  });
});
