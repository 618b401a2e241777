// `keyfence install` / `keyfence uninstall`: pick where the hooks go (husky's folder, or the directory git
// runs hooks from), wire them, and collect what was done for the report.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../types.js';
import { installGitHooks, keyfenceHooksIn, uninstallGitHooks, CHAINED_SUFFIX, LEGACY_SUFFIX, REPLACED_SUFFIX } from './gitHooks.js';
import { detectHusky, installHusky, keyfenceHuskyHooks, uninstallHusky, type HuskySetup } from './husky.js';
import {
  findLintStaged,
  planLintStagedTask,
  applyLintStagedTask,
  removeLintStagedTask,
  runsLintStaged,
  LINT_STAGED_GLOB,
  LINT_STAGED_TASK,
} from './lintStaged.js';
import { findLocalBin, globalBinOnPath } from './localBin.js';
import { isPreCommitFrameworkHook, usesPreCommitFramework } from './preCommitFramework.js';
import { belongsToRepo, isInside, resolveHookRepo, resolveHooksPath, type HookRepo } from './repo.js';
import { HOOK_NAMES, hasKeyfenceBlock, type HookName } from './template.js';
import type { HookResult } from './outcome.js';
import { installPublishGuard, uninstallPublishGuard, type PublishGuardResult } from './publishGuard.js';

export type { HookResult, Outcome } from './outcome.js';
export { HOOK_NAMES, type HookName } from './template.js';

export interface InstallOptions {
  cwd: string;
  hooks: readonly HookName[];
  force: boolean;
  /** Add keyfence to the project's lint-staged configuration. */
  lintStaged: boolean;
  /** Record every remote's tracking refs as what it holds, even where the record says otherwise. */
  trustRemotes?: boolean;
  /** Wire `keyfence scan --pack` into prepublishOnly of a publishable package (default true). */
  publishGuard?: boolean;
}

export type Target = { kind: 'husky'; dir: string; active: boolean } | { kind: 'git-hooks'; dir: string };

export interface InstallReport {
  root: string;
  target: Target;
  results: HookResult[];
  /** The keyfence the hooks will run, relative to the work tree root. */
  localBin: string;
  notes: string[];
  warnings: string[];
  /** What happened to the npm publish guard, when the project has a package.json. */
  publishGuard?: PublishGuardResult;
}

export async function install(options: InstallOptions): Promise<InstallReport> {
  const repo = await resolveHookRepo(options.cwd);
  const packageDirs = projectDirs(repo.root, options.cwd);
  const husky = detectHusky(resolveHooksPath(repo), packageDirs);
  const bin = findLocalBin(repo.root, options.cwd);
  const notes: string[] = [];
  const warnings: string[] = [];
  if (!bin.found && !globalBinOnPath()) {
    warnings.push(
      'keyfence is not installed in this project (node_modules/.bin/keyfence) nor on PATH, so the hooks will ' +
        'block commits until it is: add it to the project (npm install --save-dev <path to a keyfence checkout or its .tgz>, ' +
        'or npm install --save-dev keyfence once it is on the registry), or install it globally.',
    );
  }

  let hooks = [...options.hooks];
  let lintStagedCovers = false;
  // Edits made only after the hooks are in place, so that a refusal there changes nothing at all.
  const applyLater: Array<() => void> = [];
  const lintStaged = findLintStaged(packageDirs);
  if (lintStaged) {
    let runsKeyfence = lintStaged.hasKeyfence;
    if (options.lintStaged && !runsKeyfence) {
      const plan = planLintStagedTask(lintStaged);
      if ('manual' in plan) warnings.push(`lint-staged was not changed: ${plan.manual}.`);
      else if ('text' in plan) {
        runsKeyfence = true;
        const config = lintStaged;
        applyLater.push(() => {
          applyLintStagedTask(config, plan);
          notes.push(`added "${LINT_STAGED_GLOB}": "${LINT_STAGED_TASK}" to the lint-staged configuration in ${config.file}`);
        });
      }
    } else if (!runsKeyfence) {
      notes.push(
        `this project uses lint-staged (${lintStaged.file}). keyfence's pre-commit hook already checks every staged file; ` +
          `to run it as a lint-staged task instead, add "${LINT_STAGED_GLOB}": "${LINT_STAGED_TASK}" to that configuration ` +
          '(or run "keyfence install --lint-staged").',
      );
    }
    if (runsKeyfence && hooks.includes('pre-commit')) {
      if (!hooks.includes('commit-msg')) {
        // lint-staged sees only exit codes, so a damaged keyfence that exits 0 would pass there; the
        // handshake of keyfence's own commit-msg hook, in the same commit, is what would notice.
        warnings.push(
          "lint-staged runs keyfence, but lint-staged only sees exit codes and keyfence's commit-msg hook (which would notice " +
            'a damaged keyfence install) is left out, so keyfence installs its own pre-commit hook as well.',
        );
      } else if (preCommitRunsLintStaged(repo, husky)) {
        hooks = hooks.filter((hook) => hook !== 'pre-commit');
        lintStagedCovers = true;
        notes.push('lint-staged runs keyfence in the pre-commit hook, so keyfence adds no pre-commit hook of its own.');
      } else {
        warnings.push(
          'lint-staged is configured to run keyfence, but no pre-commit hook runs lint-staged; keyfence installs its own pre-commit hook as well.',
        );
      }
    }
  } else if (options.lintStaged) {
    warnings.push('--lint-staged: no lint-staged configuration was found; keyfence uses its own pre-commit hook.');
  }

  if (husky) {
    const leftOut = notAsked(keyfenceHuskyHooks(husky.dir), hooks, lintStagedCovers);
    const results = installHusky(husky, hooks, bin.path);
    if (leftOut.length > 0) notes.push(keptFromEarlier(leftOut));
    // Switching to the lint-staged task: keyfence's own pre-commit line would scan everything twice.
    if (lintStagedCovers) results.unshift(...uninstallHusky(husky.dir, ['pre-commit']).filter(changed));
    for (const apply of applyLater) apply();
    if (husky.active && !husky.generated) {
      warnings.push(
        `core.hooksPath points at ${rel(repo.root, join(husky.dir, '_'))}, which husky has not generated in this work tree, so git runs no hooks here: run "npm install" (or "npx husky") in ${repo.root}.`,
      );
    }
    if (!husky.active) {
      notes.push(
        `husky is listed in package.json but not set up in this clone yet (core.hooksPath is not set): run "npm install" (husky's prepare script) so that ${rel(repo.root, husky.dir)} runs.`,
      );
    }
    await recordRemoteState(repo.root, hooks, options, notes);
    const publishGuard = options.publishGuard === false ? undefined : installPublishGuard(packageDirs[0] as string);
    return {
      root: repo.root,
      target: { kind: 'husky', dir: husky.dir, active: husky.active },
      results,
      localBin: bin.path,
      notes,
      warnings,
      publishGuard,
    };
  }

  const dir = repo.hooksDir;
  if (!belongsToRepo(repo, dir) && !options.force) {
    throw new UsageError(
      `git runs this repository's hooks from ${dir} (core.hooksPath = ${repo.hooksPath ?? '(unset)'}), which is outside the repository ` +
        'and may be shared by other repositories. Nothing was changed. Run "keyfence install --force" to install there anyway, ' +
        'or point core.hooksPath at a folder inside the repository.',
    );
  }
  const preCommitFramework = usesPreCommitFramework(repo.root) || isPreCommitFrameworkHook(join(dir, 'pre-commit'));
  const leftOut = notAsked(keyfenceHooksIn(dir), hooks, lintStagedCovers);
  const results = installGitHooks({ hooksDir: dir, hooks, localBin: bin.path, force: options.force });
  if (leftOut.length > 0) notes.push(keptFromEarlier(leftOut));
  if (lintStagedCovers) results.unshift(...uninstallGitHooks(dir, ['pre-commit']).filter(changed));
  for (const apply of applyLater) apply();
  if (repo.hooksPath !== undefined && belongsToRepo(repo, dir) && !isInside(repo.commonDir, dir)) {
    notes.push(
      `core.hooksPath is ${repo.hooksPath}: if that folder is committed, commit the changed hook files so the rest of the team gets them.`,
    );
  }
  await recordRemoteState(repo.root, hooks, options, notes);
  if (preCommitFramework) {
    notes.push(
      'this repository uses the pre-commit framework; its hook keeps running before keyfence. ' +
        'Alternatively list keyfence in .pre-commit-config.yaml (see keyfence\'s docs/install.md) and run "keyfence uninstall".',
    );
  }
  const publishGuard = options.publishGuard === false ? undefined : installPublishGuard(packageDirs[0] as string);
  return { root: repo.root, target: { kind: 'git-hooks', dir }, results, localBin: bin.path, notes, warnings, publishGuard };
}

/**
 * The pre-push hook takes a remote's tracking refs as what the remote holds only while its URL is the
 * one recorded for them (src/hooks/pushRecord.ts): remotes without a record get one now.
 */
async function recordRemoteState(root: string, hooks: readonly HookName[], options: InstallOptions, notes: string[]): Promise<void> {
  if (!hooks.includes('pre-push') && !options.trustRemotes) return;
  const { recordRemotes } = await import('../hooks/pushRecord.js');
  let recorded: string[];
  try {
    recorded = await recordRemotes(root, Boolean(options.trustRemotes));
  } catch (error) {
    // Without a record the pre-push hook scans more, never less.
    notes.push(
      `the remotes' URLs could not be recorded (${error instanceof Error ? error.message : String(error)}); the first push to each scans all it sends.`,
    );
    return;
  }
  if (options.trustRemotes) {
    notes.push(
      recorded.length > 0
        ? `pre-push takes the tracking branches of ${recorded.join(', ')}, as they are now, as what those remotes hold.`
        : 'there are no remotes to record.',
    );
  }
}

export interface UninstallReport {
  root: string;
  results: HookResult[];
  notes: string[];
  publishGuard?: PublishGuardResult;
}

export async function uninstall(cwd: string): Promise<UninstallReport> {
  const repo = await resolveHookRepo(cwd);
  const packageDirs = projectDirs(repo.root, cwd);
  const husky = detectHusky(resolveHooksPath(repo), packageDirs);
  const notes: string[] = [];
  const results: HookResult[] = [];
  // The active location first; then the default .git/hooks, in case keyfence was installed there
  // before a hook manager took over.
  if (husky) results.push(...uninstallHusky(husky.dir, HOOK_NAMES));
  else results.push(...uninstallGitHooks(repo.hooksDir));
  const defaultDir = join(repo.commonDir, 'hooks');
  if (resolve(defaultDir) !== resolve(repo.hooksDir) && hasKeyfenceLeftovers(defaultDir)) {
    results.push(...uninstallGitHooks(defaultDir).filter((result) => result.outcome !== 'not-installed'));
  }
  const lintStaged = findLintStaged(packageDirs);
  if (lintStaged && removeLintStagedTask(lintStaged.file)) {
    notes.push(`removed "${LINT_STAGED_GLOB}": "${LINT_STAGED_TASK}" from ${lintStaged.file}`);
  }
  const publishGuard = packageDirs.map(uninstallPublishGuard).find((result) => result !== undefined);
  return { root: repo.root, results, notes, publishGuard };
}

/** Hooks keyfence is installed in that this install was not asked for (--pre-commit-only, --no-...). */
function notAsked(installed: readonly HookName[], asked: readonly HookName[], lintStagedCovers: boolean): HookName[] {
  return installed.filter((hook) => !asked.includes(hook) && !(lintStagedCovers && hook === 'pre-commit'));
}

const keptFromEarlier = (hooks: readonly HookName[]): string =>
  `keyfence's ${hooks.join(', ')} ${hooks.length === 1 ? 'hook, installed earlier, stays' : 'hooks, installed earlier, stay'} in place and keep checking; ` +
  'to keep only the hooks asked for now, run "keyfence uninstall" and then this install again.';

function hasKeyfenceLeftovers(dir: string): boolean {
  return HOOK_NAMES.some((hook) => {
    const file = join(dir, hook);
    if (existsSync(file + CHAINED_SUFFIX) || existsSync(file + REPLACED_SUFFIX)) return true;
    return [file, file + LEGACY_SUFFIX].some((path) => {
      try {
        return hasKeyfenceBlock(readFileSync(path, 'utf8'));
      } catch {
        return false;
      }
    });
  });
}

/** Directories whose package.json may configure husky or lint-staged: the nearest one to cwd, then the root. */
function projectDirs(root: string, cwd: string): string[] {
  const dirs: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (relative(root, dir).startsWith('..')) break;
    if (existsSync(join(dir, 'package.json'))) {
      dirs.push(dir);
      break;
    }
    if (dir === root) break;
  }
  if (!dirs.includes(root)) dirs.push(root);
  return dirs;
}

function preCommitRunsLintStaged(repo: HookRepo, husky: HuskySetup | undefined): boolean {
  const candidates = husky
    ? [join(husky.dir, 'pre-commit')]
    : [join(repo.hooksDir, 'pre-commit'), join(repo.hooksDir, 'pre-commit' + CHAINED_SUFFIX)];
  return candidates.some((file) => {
    try {
      return runsLintStaged(readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
  });
}

const rel = (root: string, path: string): string => relative(root, path) || '.';

const changed = (result: HookResult): boolean => result.outcome !== 'not-installed';
