// Installs keyfence's hook script into a git hooks directory (.git/hooks, or wherever core.hooksPath
// points) and takes it out again.
//
// Layout: a hook that was already there is renamed to `<hook>.keyfence-chained` and keyfence's script
// runs it first (same arguments, same stdin), so it keeps working and its failure still blocks. With
// --force it is renamed to `<hook>.keyfence-replaced` instead and no longer runs. A rename keeps the
// file byte for byte, with its mode, and keeps a symbolic link a link; uninstall renames it back.
import { HOOK_NAMES, isEmptyScript, removeBlock, renderGitHook, replaceBlock, hasBrokenBlock, type HookName } from './template.js';
import { inspectHookFile, occupied, type HookFile } from './hookFile.js';
import { moveFile, removeFile, replaceKeepingAside, writeFileAtomic } from './fsOps.js';
import { isPreCommitFrameworkHook } from './preCommitFramework.js';
import type { HookResult } from './outcome.js';
import { UsageError } from '../types.js';
import { join } from 'node:path';
import { readFileSync, renameSync, rmSync } from 'node:fs';

export const CHAINED_SUFFIX = '.keyfence-chained';
export const REPLACED_SUFFIX = '.keyfence-replaced';
/**
 * `pre-commit install` (the pre-commit framework), finding a hook that is not its own, moves it to
 * `<hook>.legacy` and runs it from its own hook ("migration mode"). keyfence's hook then lives on there.
 */
export const LEGACY_SUFFIX = '.legacy';
const HOOK_MODE = 0o755;

export interface GitHooksInstall {
  hooksDir: string;
  hooks: readonly HookName[];
  /** keyfence's bin relative to the work tree root. */
  localBin: string;
  force: boolean;
}

/**
 * Checks every hook first, so that a refusal leaves all of them untouched; and if a write still fails
 * part way (permissions, a full disk), the hooks already written are undone, so that no half install
 * is left behind.
 */
export function installGitHooks(options: GitHooksInstall): HookResult[] {
  const plans = options.hooks.map((hook) => planInstall(options, hook));
  const done: HookResult[] = [];
  try {
    for (const plan of plans) done.push(plan.apply());
  } catch (error) {
    for (const plan of plans.slice(0, done.length).reverse()) {
      try {
        plan.undo();
      } catch {
        // The error to report is the first one; it names the path that failed.
      }
    }
    throw error;
  }
  return done;
}

interface Plan {
  apply: () => HookResult;
  /** Puts back what `apply` changed. */
  undo: () => void;
}

function planInstall(options: GitHooksInstall, hook: HookName): Plan {
  const legacy = movedByPreCommitFramework(join(options.hooksDir, hook));
  if (legacy) return planLegacyUpdate(options, hook, legacy);
  const file = join(options.hooksDir, hook);
  const chained = file + CHAINED_SUFFIX;
  const replaced = file + REPLACED_SUFFIX;
  const rendered = renderGitHook(hook, options.localBin);
  const current = inspectHookFile(file);

  switch (current.kind) {
    case 'absent':
      return {
        apply: () => {
          writeFileAtomic(file, rendered, HOOK_MODE);
          return {
            hook,
            file,
            outcome: 'installed',
            ...(occupied(chained) ? { note: `the earlier hook ${chained} runs first again` } : {}),
          };
        },
        undo: () => rmSync(file, { force: true }),
      };
    case 'ours':
      return {
        apply: () => {
          const next = replaceBlock(current.content, rendered);
          if (next === current.content) return { hook, file, outcome: 'unchanged' };
          writeFileAtomic(file, next, current.mode | 0o100);
          return { hook, file, outcome: 'updated' };
        },
        undo: () => writeFileAtomic(file, current.content, current.mode),
      };
    case 'script':
    case 'unusual': {
      for (const leftover of [chained, replaced]) {
        if (occupied(leftover)) {
          throw new UsageError(
            `${file} is not keyfence's hook, and ${leftover} is left over from an earlier install. ` +
              `keyfence will not overwrite either. Decide which one you want, delete or rename the other, and run "keyfence install" again.`,
          );
        }
      }
      if (current.kind === 'script' && hasBrokenBlock(current.content) && !options.force) {
        throw new UsageError(
          `${file} holds a damaged keyfence block (its closing marker is missing). Fix it by hand, or run "keyfence install --force" to set this file aside and install a fresh hook.`,
        );
      }
      if (current.kind === 'unusual' && !options.force) {
        throw new UsageError(
          `the existing ${hook} hook ${file} cannot be chained: ${current.reason}. ` +
            `Nothing was changed. Run "keyfence install --force" to set it aside as ${replaced} (it will no longer run; "keyfence uninstall" puts it back).`,
        );
      }
      const aside = options.force ? replaced : chained;
      return {
        apply: () => {
          replaceKeepingAside(file, aside, rendered, HOOK_MODE);
          if (options.force)
            return { hook, file, outcome: 'replaced', note: `the previous hook was set aside as ${aside} and no longer runs` };
          const idle =
            current.kind === 'script' && !current.executable
              ? ' (it is not executable, so git did not run it and keyfence does not either)'
              : '';
          return { hook, file, outcome: 'chained', note: `the previous hook, now ${aside}, runs first${idle}` };
        },
        undo: () => {
          rmSync(file, { force: true });
          renameSync(aside, file);
        },
      };
    }
  }
}

/**
 * keyfence's hook at `<hook>.legacy`, where `pre-commit install` moved it, with the framework's own hook
 * at `<hook>` (which runs it): the file keyfence's hook now is, or undefined.
 */
function movedByPreCommitFramework(file: string): string | undefined {
  const legacy = file + LEGACY_SUFFIX;
  return isPreCommitFrameworkHook(file) && inspectHookFile(legacy).kind === 'ours' ? legacy : undefined;
}

/**
 * keyfence's hook was moved to `<hook>.legacy`: its block is updated there, where the framework runs it.
 * The hook keyfence had chained stays at `<hook>.keyfence-chained`, where the moved hook no longer finds
 * it (the hook looks next to itself): a copy of the framework's own hook is deleted (the framework's
 * current hook runs keyfence, and running its older copy from inside would fail), any other hook is moved
 * next to the moved keyfence hook, so that it runs first again.
 */
function planLegacyUpdate(options: GitHooksInstall, hook: HookName, legacy: string): Plan {
  const current = inspectHookFile(legacy) as Extract<HookFile, { kind: 'ours' }>;
  const next = replaceBlock(current.content, renderGitHook(hook, options.localBin));
  const stale = join(options.hooksDir, hook) + CHAINED_SUFFIX;
  const relocated = legacy + CHAINED_SUFFIX;
  const staleKind = !occupied(stale) ? 'none' : isPreCommitFrameworkHook(stale) ? 'framework' : occupied(relocated) ? 'blocked' : 'user';
  if (staleKind === 'blocked') {
    throw new UsageError(
      `${stale} and ${relocated} both exist (left from earlier installs). keyfence will not overwrite either. Keep the one you want, delete the other, and run "keyfence install" again.`,
    );
  }
  let staleContent: Buffer | undefined;
  return {
    apply: () => {
      const notes = [
        `the pre-commit framework moved keyfence's hook to ${legacy} and runs it from ${join(options.hooksDir, hook)}; keyfence stays there`,
      ];
      if (next !== current.content) writeFileAtomic(legacy, next, current.mode | 0o100);
      if (staleKind === 'framework') {
        staleContent = readFileSync(stale);
        removeFile(stale);
        notes.push(`removed ${stale}, an older copy of the framework's hook`);
      } else if (staleKind === 'user') {
        moveFile(stale, relocated);
        notes.push(`the hook keyfence had chained, now ${relocated}, runs first again`);
      }
      return { hook, file: legacy, outcome: next === current.content ? 'unchanged' : 'updated', note: notes.join('; ') };
    },
    undo: () => {
      writeFileAtomic(legacy, current.content, current.mode);
      if (staleContent) writeFileAtomic(stale, staleContent.toString('utf8'), HOOK_MODE);
      if (staleKind === 'user' && occupied(relocated)) renameSync(relocated, stale);
    },
  };
}

export function uninstallGitHooks(hooksDir: string, hooks: readonly HookName[] = HOOK_NAMES): HookResult[] {
  return hooks.map((hook) => {
    const file = join(hooksDir, hook);
    const legacy = movedByPreCommitFramework(file);
    return legacy ? uninstallLegacy(file, legacy, hook) : uninstallOne(file, hook);
  });
}

/**
 * keyfence's hook at `<hook>.legacy` comes out; what keyfence had chained goes back to `.legacy`, where
 * the framework runs it as it ran keyfence, unless it is a copy of the framework's own hook (deleted).
 */
function uninstallLegacy(file: string, legacy: string, hook: HookName): HookResult {
  const result = uninstallOne(legacy, hook);
  const stale = file + CHAINED_SUFFIX;
  if (!occupied(stale)) return result;
  if (isPreCommitFrameworkHook(stale)) {
    removeFile(stale);
    return {
      ...result,
      note: [result.note, `removed ${stale}, an older copy of the pre-commit framework's hook`].filter(Boolean).join('; '),
    };
  }
  if (occupied(legacy))
    return {
      ...result,
      note: [result.note, `the hook from before keyfence is still at ${stale}: merge it by hand if you want it back`]
        .filter(Boolean)
        .join('; '),
    };
  moveFile(stale, legacy);
  return {
    ...result,
    outcome: 'restored',
    note: `the hook from before keyfence is back at ${legacy}, which the pre-commit framework runs`,
  };
}

function uninstallOne(file: string, hook: HookName): HookResult {
  const aside = [file + CHAINED_SUFFIX, file + REPLACED_SUFFIX].find(occupied);
  const current = inspectHookFile(file);
  if (current.kind === 'ours') {
    const rest = removeBlock(current.content);
    if (!isEmptyScript(rest)) {
      writeFileAtomic(file, rest, current.mode);
      const note = aside ? `; the hook from before keyfence is still at ${aside}: merge it by hand if you want it back` : '';
      return { hook, file, outcome: 'kept-edits', note: `removed keyfence's block and kept the lines you added${note}` };
    }
    removeFile(file);
    if (!aside) return { hook, file, outcome: 'removed' };
    moveFile(aside, file);
    return { hook, file, outcome: 'restored', note: 'the hook from before keyfence is back' };
  }
  if (current.kind === 'absent' && aside) {
    moveFile(aside, file);
    return { hook, file, outcome: 'restored', note: 'the hook from before keyfence is back' };
  }
  if (current.kind === 'script' && hasBrokenBlock(current.content)) {
    // Without its closing marker nobody can tell where keyfence's lines end and the user's begin.
    return {
      hook,
      file,
      outcome: 'damaged',
      note: `keyfence's block has lost its closing line ("# <<< keyfence ${hook} hook <<<"), so it is not clear where it ends; delete it by hand, from "# >>> keyfence ${hook} hook >>>" down to the line that runs keyfence${aside ? `, then merge back ${aside} if you want it` : ''}`,
    };
  }
  return {
    hook,
    file,
    outcome: 'not-installed',
    ...(aside ? { note: `${file} is not keyfence's; ${aside} was left as is` } : {}),
  };
}

/** The hooks in `hooksDir` that run keyfence's hook script (directly, or from where the framework moved it). */
export function keyfenceHooksIn(hooksDir: string): HookName[] {
  return HOOK_NAMES.filter((hook) => {
    const file = join(hooksDir, hook);
    return inspectHookFile(file).kind === 'ours' || movedByPreCommitFramework(file) !== undefined;
  });
}
