// `keyfence doctor`: is this repository really protected? Each check says what it found and, when
// something is wrong, what to run. Nothing is changed.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIgnored, isTracked } from '../git/ignored.js';
import { keyfenceHooksIn } from './gitHooks.js';
import { detectHusky, keyfenceHuskyHooks } from './husky.js';
import { findLintStaged } from './lintStaged.js';
import { findLocalBin, globalBinOnPath } from './localBin.js';
import { readManifest } from './manifest.js';
import { packageRoot } from './packageRoot.js';
import { isPreCommitFrameworkHook } from './preCommitFramework.js';
import { resolveHookRepo, resolveHooksPath, type HookRepo } from './repo.js';
import { displayPath } from './format.js';

export interface Check {
  ok: boolean;
  /** What was found. */
  text: string;
  /** What to do about it, when not ok. */
  fix?: string;
}

export async function diagnose(cwd: string): Promise<Check[]> {
  const checks: Check[] = [nodeCheck()];
  const repo = await resolveHookRepo(cwd);
  const show = (path: string) => displayPath(cwd, path);
  checks.push(localCopyCheck(repo, cwd));
  checks.push(...hookChecks(repo, cwd, show));
  checks.push(await envIgnoredCheck(repo));
  return checks;
}

function nodeCheck(): Check {
  const range = (readManifest(packageRoot())?.engines as { node?: string } | undefined)?.node ?? '>=20.19';
  const needed = (/(\d+)\.(\d+)/.exec(range) ?? ['', '20', '19']).slice(1).map(Number);
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > needed[0]! || (major === needed[0] && minor >= needed[1]!);
  return ok
    ? { ok, text: `node ${process.versions.node} (keyfence needs ${range})` }
    : {
        ok,
        text: `node ${process.versions.node} is too old: keyfence needs ${range}`,
        fix: 'install a newer node (https://nodejs.org) and make sure git hooks find it on PATH',
      };
}

/** Lists keyfence as a dependency of the project in `dir`. */
const listsKeyfence = (dir: string): boolean =>
  ['devDependencies', 'dependencies'].some((field) =>
    Boolean((readManifest(dir)?.[field] as Record<string, unknown> | undefined)?.keyfence),
  );

function localCopyCheck(repo: HookRepo, cwd: string): Check {
  const local = findLocalBin(repo.root, cwd);
  if (local.found) return { ok: true, text: `keyfence is installed in the project (${local.path})` };
  const global = globalBinOnPath();
  if (global) return { ok: true, text: `keyfence is on PATH (${global}); the project has no copy of its own` };
  if (listsKeyfence(repo.root) || listsKeyfence(cwd)) {
    return {
      ok: false,
      text: 'package.json lists keyfence but node_modules has no copy (a new clone or worktree?)',
      fix: 'npm ci (or npm install)',
    };
  }
  return {
    ok: false,
    text: 'keyfence is not installed in this project nor on PATH: its hooks block every commit',
    fix: 'npm install --save-dev <path to a keyfence checkout or its .tgz>, or "keyfence uninstall" to remove the hooks',
  };
}

function hookChecks(repo: HookRepo, cwd: string, show: (path: string) => string): Check[] {
  const hooksPathDir = resolveHooksPath(repo);
  const husky = detectHusky(hooksPathDir, [cwd, repo.root]);
  const lintStagedRunsKeyfence = findLintStaged([cwd, repo.root])?.hasKeyfence === true;
  if (husky?.active) {
    const hooks = keyfenceHuskyHooks(husky.dir);
    if (!husky.generated) {
      return [
        {
          ok: false,
          text: `core.hooksPath is ${repo.hooksPath}, which husky has not generated in this work tree: git runs no hooks here`,
          fix: "npm install (husky's prepare script) or npx husky",
        },
      ];
    }
    if (lintStagedRunsKeyfence && runsLintStagedHook(husky.dir)) {
      return [{ ok: true, text: `lint-staged runs keyfence in husky's pre-commit hook (${show(husky.dir)})` }];
    }
    if (hooks.length === 0)
      return [{ ok: false, text: `husky runs the hooks (${show(husky.dir)}), and none of them runs keyfence`, fix: 'keyfence install' }];
    return [coverage(hooks, `husky's ${show(husky.dir)}`)];
  }
  const checks: Check[] = [];
  const hooks = keyfenceHooksIn(repo.hooksDir);
  const viaFramework = isPreCommitFrameworkHook(join(repo.hooksDir, 'pre-commit')) && frameworkListsKeyfence(repo.root);
  const viaLintStaged = lintStagedRunsKeyfence && runsLintStagedHook(repo.hooksDir);
  const defaultDir = join(repo.commonDir, 'hooks');
  if (
    hooks.length === 0 &&
    repo.hooksPath !== undefined &&
    resolve(defaultDir) !== resolve(repo.hooksDir) &&
    keyfenceHooksIn(defaultDir).length > 0
  ) {
    checks.push({
      ok: false,
      text: `keyfence's hooks are in ${show(defaultDir)}, but core.hooksPath (${repo.hooksPath}) tells git to run hooks from ${show(repo.hooksDir)}: they never run`,
      fix: `keyfence install (installs into ${show(repo.hooksDir)}), or git config --unset core.hooksPath`,
    });
    return checks;
  }
  if (viaFramework) checks.push({ ok: true, text: 'the pre-commit framework runs keyfence (.pre-commit-config.yaml)' });
  if (viaLintStaged) checks.push({ ok: true, text: 'lint-staged runs keyfence in the pre-commit hook' });
  if (hooks.length > 0) checks.push(coverage(hooks, show(repo.hooksDir)));
  else if (!viaFramework && !viaLintStaged)
    checks.push({ ok: false, text: `no hook in ${show(repo.hooksDir)} runs keyfence`, fix: 'keyfence install' });
  for (const hook of hooks) {
    const file = join(repo.hooksDir, hook);
    const path = existsSync(file) && !isPreCommitFrameworkHook(file) ? file : `${file}.legacy`;
    if (!isExecutable(path))
      checks.push({ ok: false, text: `${show(path)} is not executable, so git skips it`, fix: `chmod +x ${show(path)}` });
  }
  return checks;
}

function coverage(hooks: readonly string[], where: string): Check {
  if (!hooks.includes('pre-commit'))
    return { ok: false, text: `keyfence runs in ${hooks.join(', ')} (${where}), but not in pre-commit`, fix: 'keyfence install' };
  return { ok: true, text: `keyfence runs in the ${hooks.join(', ')} hook${hooks.length === 1 ? '' : 's'} (${where})` };
}

function frameworkListsKeyfence(root: string): boolean {
  try {
    return /^\s*-?\s*id:\s*keyfence\s*$/m.test(readFileSync(join(root, '.pre-commit-config.yaml'), 'utf8'));
  } catch {
    return false;
  }
}

function runsLintStagedHook(hooksDir: string): boolean {
  try {
    return /\blint-staged\b/.test(readFileSync(join(hooksDir, 'pre-commit'), 'utf8'));
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function envIgnoredCheck(repo: HookRepo): Promise<Check> {
  if (isTracked(repo.root, '.env')) {
    return {
      ok: false,
      text: '.env is committed: whatever it holds is in the history',
      fix: 'git rm --cached .env, add .env to .gitignore, and revoke the keys it held',
    };
  }
  if (isIgnored(repo.root, '.env')) return { ok: true, text: '.env is git-ignored' };
  return { ok: false, text: '.env is not git-ignored: a .env with keys in it would be committed', fix: 'echo .env >> .gitignore' };
}
