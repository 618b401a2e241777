// The two scan sources of src/commands/scanSources.ts that do more than call a scanner: `--history [revs]`
// and `--pre-commit [files]`.
import type { OutputFormat, ScanResult } from '../types.js';
import type { SourceOutcome } from './scanSources.js';
import { UsageError } from '../types.js';
import { formatInfo } from '../report/formats.js';

/** A history scan, and on standard error how many commits it read and how fast. */
export async function scanHistoryWithStats(revisions: string[], format: OutputFormat): Promise<ScanResult> {
  const [{ scanHistory }, { terminalProgress }] = await Promise.all([import('../scanners.js'), import('../report/progress.js')]);
  const progress = terminalProgress(process.stderr);
  let result: Awaited<ReturnType<typeof scanHistory>>;
  try {
    result = await scanHistory({ revisions, onProgress: progress && ((done, total) => progress.update(done, total)) });
  } finally {
    progress?.finish();
  }
  const { commits, seconds, commitsPerSecond } = result.stats;
  if (formatInfo(format).forPeople || process.stderr.isTTY) {
    process.stderr.write(
      `keyfence: scanned ${commits} commit${commits === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (${Math.round(commitsPerSecond)} commits/s)\n`,
    );
  }
  return result;
}

/**
 * The one entry of our .pre-commit-hooks.yaml. The hook declares no stages (stage names changed
 * between pre-commit versions), so it works out which stage it runs in:
 * - pre-push (pre-commit sets PRE_COMMIT_REMOTE_NAME / PRE_COMMIT_TO_REF): the commits being pushed;
 * - commit-msg (the one file passed is inside the git directory): the commit message;
 * - inside `git commit` or `git merge` (git sets GIT_INDEX_FILE for the hook): what the commit adds to
 *   the files passed, blocking on added lines;
 * - anything else (`pre-commit run --files X`, `--all-files`): the files may not be staged at all, so
 *   they are scanned as they are on disk and every secret counts. A file named is never reported clean
 *   without being read.
 */
export async function preCommitFramework(files: string[]): Promise<SourceOutcome> {
  const env = process.env;
  if (env.PRE_COMMIT_REMOTE_NAME !== undefined || env.PRE_COMMIT_TO_REF !== undefined) {
    const { runPrePush } = await import('../hooks/prePush.js');
    return { exitCode: await runPrePush(env.PRE_COMMIT_REMOTE_NAME ? [env.PRE_COMMIT_REMOTE_NAME] : [], '') };
  }
  if (files.length === 1 && (await isInGitDir(files[0] as string))) {
    const { runCommitMsg } = await import('../hooks/commitMsg.js');
    return { exitCode: await runCommitMsg(files) };
  }
  const { scanStaged, scanPaths } = await import('../scanners.js');
  if (env.GIT_INDEX_FILE) {
    // Inside a commit it fails closed like the hook does.
    const [staged, { assertStagedComplete }] = await Promise.all([
      scanStaged(files.length > 0 ? { paths: files } : {}),
      import('./completeness.js'),
    ]);
    return { result: staged, mode: 'commit', check: () => assertStagedComplete(staged) };
  }
  if (files.length === 0)
    throw new UsageError('--pre-commit outside a commit needs the files to scan (the pre-commit framework passes them)');
  return { result: await scanPaths({ paths: files }), mode: 'scan' };
}

/** True for a path inside the repository's git directory (.git/COMMIT_EDITMSG and the like). */
async function isInGitDir(file: string): Promise<boolean> {
  const [{ absoluteGitDir }, { realpath }, path] = await Promise.all([
    import('../git/locations.js'),
    import('node:fs/promises'),
    import('node:path'),
  ]);
  try {
    const gitDir = await absoluteGitDir(process.cwd());
    const full = await realpath(path.resolve(file));
    const rel = path.relative(await realpath(gitDir), full);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}
