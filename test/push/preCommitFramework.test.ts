// Our .pre-commit-hooks.yaml exercised for real by the pre-commit framework, without network: a local
// hook repository holds the manifest, a minimal package.json and the built dist/, so that pre-commit's
// `language: node` install (npm install + npm pack + npm install -g) needs nothing from a registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, readFile } from 'node:fs/promises';
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
if (!available) console.warn('pre-commit framework test skipped: `pre-commit` is not installed (apt-get install -y pre-commit)');

describe.skipIf(!available)('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  let hooks: TestRepo;
  let repo: TestRepo;
  let remote: TestRepo;
  const preCommit = (args: string[]) => repo.run('pre-commit', args);

  beforeAll(async () => {
    hooks = await TestRepo.create();
    await cp(join(projectRoot, '.pre-commit-hooks.yaml'), hooks.path('.pre-commit-hooks.yaml'));
    await cp(join(projectRoot, 'dist'), hooks.path('dist'), { recursive: true });
    const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    const { name, version, type, bin, main, engines } = pkg;
    await hooks.write('package.json', `${JSON.stringify({ name, version, type, bin, main, engines, files: ['dist/'] }, null, 2)}\n`);
    await hooks.gitOk(['add', '-A']);
    await hooks.gitOk(['commit', '-q', '-m', 'hooks']);
    const rev = (await hooks.gitOk(['rev-parse', 'HEAD'])).trim();

    const env = {
      PRE_COMMIT_HOME: join(hooks.home, 'pre-commit-cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    repo = await TestRepo.create({ env });
    remote = await TestRepo.create({ bare: true });
    await repo.gitOk(['remote', 'add', 'origin', remote.dir]);
    await repo.write(
      '.pre-commit-config.yaml',
      ['repos:', `- repo: ${hooks.dir}`, `  rev: ${rev}`, '  hooks:', '  - id: keyfence', ''].join('\n'),
    );
    const install = await preCommit(['install', '-t', 'pre-commit', '-t', 'commit-msg', '-t', 'pre-push']);
    if (install.exitCode !== 0) throw new Error(install.all);
  }, 120_000);

  afterAll(async () => {
    await repo?.cleanup();
    await remote?.cleanup();
    await hooks?.cleanup();
  });

  it('lets a clean commit through (installing the hook environment from the manifest)', async () => {
    await repo.write('a.txt', 'hello\n');
    await repo.gitOk(['add', '-A']);
    const commit = await repo.git(['commit', '-m', 'clean']);
    expect(commit.exitCode, commit.all).toBe(0);
    expect(commit.all).toMatch(/keyfence \(secrets\)\.+Passed/);
  }, 120_000);

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
