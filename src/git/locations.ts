// Where a repository's directories are and what its configuration says, as git reports them: for the
// installer, the push hook's record and the scan modes (the hooks' hot path finds the repository on
// disk: repo.ts).
import { resolve } from 'node:path';
import { runGit } from './exec.js';

/** The common git directory (shared by linked work trees), absolute. */
export async function gitCommonDir(cwd: string): Promise<string> {
  return resolve(cwd, (await runGit(['rev-parse', '--git-common-dir'], { cwd })).toString('utf8').trim());
}

/** This work tree's git directory, absolute. */
export async function absoluteGitDir(cwd: string): Promise<string> {
  return (await runGit(['rev-parse', '--absolute-git-dir'], { cwd })).toString('utf8').trim();
}

/**
 * Whether the repository is bare, its common git directory and the directory git runs hooks from
 * (core.hooksPath honoured): absolute, or relative to `cwd` from git < 2.31 (which also echoes
 * --path-format back: that line is left out).
 */
export async function hookLocations(cwd: string): Promise<{ bare: boolean; commonDir: string | undefined; hooksDir: string | undefined }> {
  const out = (
    await runGit(['rev-parse', '--is-bare-repository', '--path-format=absolute', '--git-common-dir', '--git-path', 'hooks'], { cwd })
  ).toString('utf8');
  const [bare, commonDir, hooksDir] = out.split('\n').filter((line) => line !== '' && !line.startsWith('--'));
  return { bare: bare === 'true', commonDir, hooksDir };
}

/** The work tree's top level as git reports it; an error where there is no work tree. */
export async function showTopLevel(cwd: string): Promise<string> {
  return (await runGit(['rev-parse', '--show-toplevel'], { cwd })).toString('utf8').trim();
}

/** A git config value, or undefined when it is not set (or empty). */
export async function gitConfigValue(key: string, cwd: string): Promise<string | undefined> {
  try {
    const value = (await runGit(['config', '--get', key], { cwd })).toString('utf8').replace(/\n$/, '');
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
