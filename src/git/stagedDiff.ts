// The git command that reads what a commit changes: run by src/source/staged.ts, or by the hook script
// ahead of node (pipedPatch.ts).
import { join } from 'node:path';

// Deletions are listed too (never scanned): a commit that deletes a config file changes what the hook
// allows (config/staged.ts). --irreversible-delete keeps their old text out of the patch.
export const LIST_ARGS = [
  '--literal-pathspecs',
  'diff',
  '--cached',
  '--raw',
  '-z',
  '--no-abbrev',
  '-M',
  '--diff-filter=ACDMRT',
  '--ignore-submodules=none',
];
/** The whole text of each file in the patch, old and new, exactly as stored (no drivers, no colour). */
const WHOLE_FILE_PATCH_ARGS = [
  '-p',
  '--full-index',
  `-U${2 ** 31 - 1}`,
  '--irreversible-delete',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--submodule=short',
];

/** Past this much patch output, the commit is read blob by blob (streaming) instead. Small, because git
 * has done that much work for nothing when a large commit gets there (8 MB: ~50 ms, 2 MB: ~15 ms). */
export const PATCH_READ_BYTES = 2 * 1024 * 1024;

/** Declares a conversion for every path (see staged.ts); in the package's dist/ folder. */
export const OBJECTS_ONLY_ATTRIBUTES = 'staged.gitattributes';

/** GIT_DIFF_OPTS=--unified=<n> would override -U and cut the files down to their changes. */
export const PATCH_ENV: NodeJS.ProcessEnv = Object.freeze({ GIT_DIFF_OPTS: undefined });

export function withPaths(args: string[], paths: string[] | undefined): string[] {
  return paths && paths.length > 0 ? [...args, '--', ...paths] : args;
}

/**
 * The listing and every changed file whole, in one command (after exec.ts's BASE_ARGS). Past
 * PATCH_READ_BYTES a file is read from its blob anyway: git need not diff it (core.bigFileThreshold makes
 * it a "Binary files differ" line, an instant instead of seconds for a file of 100 MB).
 */
export function stagedPatchArgs(distDir: string, paths?: string[]): string[] {
  return [
    '-c',
    `core.attributesFile=${join(distDir, OBJECTS_ONLY_ATTRIBUTES)}`,
    '-c',
    `core.bigFileThreshold=${PATCH_READ_BYTES}`,
    ...withPaths([...LIST_ARGS, ...WHOLE_FILE_PATCH_ARGS], paths),
  ];
}
