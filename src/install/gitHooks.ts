// Installs keyfence's hook script into a git hooks directory (.git/hooks, or wherever core.hooksPath
// points) and takes it out again.
//
// Layout: a hook that was already there is renamed to `<hook>.keyfence-chained` and keyfence's script
// runs it first (same arguments, same stdin), so it keeps working and its failure still blocks. With
// --force it is renamed to `<hook>.keyfence-replaced` instead and no longer runs. A rename keeps the
// file byte for byte, with its mode, and keeps a symbolic link a link; uninstall renames it back.
import { HOOK_NAMES, isEmptyScript, removeBlock, renderGitHook, replaceBlock, hasBrokenBlock, type HookName } from './template.js';
import { inspectHookFile, occupied } from './hookFile.js';
import { moveFile, removeFile, replaceKeepingAside, writeFileAtomic } from './fsOps.js';
import type { HookResult } from './outcome.js';
import { UsageError } from '../types.js';
import { join } from 'node:path';
import { renameSync, rmSync } from 'node:fs';

export const CHAINED_SUFFIX = '.keyfence-chained';
export const REPLACED_SUFFIX = '.keyfence-replaced';
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
          return { hook, file, outcome: 'installed', ...(occupied(chained) ? { note: `the earlier hook ${chained} runs first again` } : {}) };
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
        throw new UsageError(`${file} holds a damaged keyfence block (its closing marker is missing). Fix it by hand, or run "keyfence install --force" to set this file aside and install a fresh hook.`);
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
          if (options.force) return { hook, file, outcome: 'replaced', note: `the previous hook was set aside as ${aside} and no longer runs` };
          const idle = current.kind === 'script' && !current.executable ? ' (it is not executable, so git did not run it and keyfence does not either)' : '';
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

export function uninstallGitHooks(hooksDir: string, hooks: readonly HookName[] = HOOK_NAMES): HookResult[] {
  return hooks.map((hook) => uninstallOne(join(hooksDir, hook), hook));
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
