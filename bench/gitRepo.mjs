// Throwaway git repositories for the benchmark, isolated from the user's git configuration.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function isolatedGitEnv(home) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_') && key !== 'HUSKY') env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
    NO_COLOR: '1',
  };
}

export function createRepo(base = tmpdir()) {
  const top = mkdtempSync(join(base, 'keyfence-bench-'));
  const dir = join(top, 'repo');
  const home = join(top, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  const env = isolatedGitEnv(home);
  const git = (...args) => {
    const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  git('init', '-q', '-b', 'main');
  return { top, dir, env, git };
}

/**
 * Installs keyfence the way npm would - a copy of the package in node_modules/keyfence, the bin link
 * node_modules/.bin/keyfence -> ../keyfence/dist/cli.js - then runs `keyfence install` with its default
 * options, so that the repository has exactly the hooks a user gets (pre-commit, commit-msg, pre-push...).
 * Returns the installed CLI's path.
 */
export function installKeyfence(repo, packageRoot) {
  const pkg = join(repo.dir, 'node_modules', 'keyfence');
  mkdirSync(pkg, { recursive: true });
  for (const dir of ['dist', 'hooks']) cpSync(join(packageRoot, dir), join(pkg, dir), { recursive: true });
  cpSync(join(packageRoot, 'package.json'), join(pkg, 'package.json'));
  const bin = join(repo.dir, 'node_modules', '.bin', 'keyfence');
  mkdirSync(dirname(bin), { recursive: true });
  symlinkSync('../keyfence/dist/cli.js', bin);
  writeFileSync(join(repo.dir, '.git', 'info', 'exclude'), 'node_modules/\n');
  const cli = join(pkg, 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'install'], { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`keyfence install exited ${result.status}: ${result.stderr}`);
  return cli;
}
