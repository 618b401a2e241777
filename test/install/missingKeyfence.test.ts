// When the hooks cannot find keyfence: a new linked worktree before `npm ci`, and a project that ran
// `npm uninstall keyfence` without `keyfence uninstall`. The commit is blocked (fail closed) and the way
// out the message gives works: real npm (offline: keyfence is installed from a tarball of this build,
// and has no dependencies), real worktrees, real commits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TestRepo, projectRoot } from '../support/repo.js';
import { commit, pathWithoutKeyfence } from './helpers.js';

const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();

describe('the hooks without keyfence', () => {
  let repo: TestRepo;
  let npm: (args: string[], cwd?: string) => Promise<void>;

  beforeAll(async () => {
    repo = await TestRepo.create();
    repo.env.PATH = pathWithoutKeyfence(repo);
    repo.env.npm_config_offline = 'true';
    repo.env.npm_config_cache = npmCache;
    repo.env.npm_config_audit = 'false';
    repo.env.npm_config_fund = 'false';
    repo.env.npm_config_update_notifier = 'false';
    npm = async (args, cwd) => {
      const result = await repo.run('npm', args, cwd ? { cwd } : {});
      if (result.exitCode !== 0) throw new Error(`npm ${args.join(' ')}: ${result.all}`);
    };
    // The package as published, packed into the project (a path both work trees share).
    const staged = join(repo.home, 'package');
    execFileSync(process.execPath, [join(projectRoot, 'scripts', 'release.mjs'), '--out', staged]);
    await mkdir(repo.path('vendor'));
    await npm(['pack', staged, '--pack-destination', repo.path('vendor')]);
    await repo.write('package.json', '{ "name": "app", "version": "1.0.0", "private": true }\n');
    await repo.write('.gitignore', 'node_modules/\n');
    await npm(['install', '--save-dev', './vendor/keyfence-0.1.0.tgz']);
    await repo.gitOk(['add', '-A']);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'app with keyfence']);
    const install = await repo.run(repo.path('node_modules', '.bin', 'keyfence'), ['install']);
    expect(install.exitCode, install.all).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await repo?.cleanup();
  });

  it('in a new worktree: blocks, says npm ci, and npm ci is the way out', async () => {
    const worktree = join(repo.home, 'wt');
    await repo.gitOk(['worktree', 'add', '-q', '-b', 'side', worktree]);
    const blocked = await commit(repo, 'a.txt', 'one\n', { cwd: worktree });
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stderr).toContain('keyfence is not installed here');
    expect(blocked.stderr).toContain("package.json lists keyfence: install the project's dependencies (npm ci");
    expect(blocked.stderr).not.toMatch(/npx keyfence|npm install --save-dev keyfence\b/);
    await npm(['ci'], worktree);
    const passed = await repo.git(['commit', '-q', '-m', 'one'], { cwd: worktree });
    expect(passed.exitCode, passed.all).toBe(0);
  }, 120_000);

  it('after npm uninstall keyfence: blocks, lists the hook files to delete, and deleting them is the way out', async () => {
    await npm(['uninstall', 'keyfence']);
    expect(existsSync(repo.path('node_modules', '.bin', 'keyfence'))).toBe(false);
    const blocked = await commit(repo, 'b.txt', 'two\n');
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stderr).toContain("take keyfence's hooks out");
    expect(blocked.stderr).not.toMatch(/npx keyfence|npm install --save-dev keyfence\b/);
    const listed = blocked.stderr
      .split('\n')
      .filter((line) => /^ {4}\S/.test(line))
      .map((line) => line.trim());
    expect(listed.map((file) => file.replace(/^.*\//, '')).sort()).toEqual([
      'applypatch-msg',
      'commit-msg',
      'pre-applypatch',
      'pre-commit',
      'pre-merge-commit',
      'pre-push',
    ]);
    for (const file of listed) await rm(join(repo.dir, file));
    const passed = await repo.git(['commit', '-q', '-m', 'two']);
    expect(passed.exitCode, passed.all).toBe(0);
  }, 120_000);
});
