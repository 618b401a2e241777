// The files `keyfence baseline` scans: tracked by git (not untracked junk), present on disk, and not
// submodules. Paths come back relative to the repository root.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from '../git/exec.js';

const GITLINK = '160000';

export async function trackedFiles(root: string, cwd: string, paths: readonly string[]): Promise<string[]> {
  // Without paths, the whole repository (git would list only the current directory). With paths,
  // pathspecs stay relative to cwd and --full-name still reports root-relative names.
  const out = await runGit(['ls-files', '-z', '-s', '--full-name', '--', ...paths], { cwd: paths.length > 0 ? cwd : root });
  const files = new Set<string>();
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const mode = record.slice(0, record.indexOf(' '));
    if (mode === GITLINK) continue;
    files.add(record.slice(tab + 1));
  }
  const present: string[] = [];
  for (const file of files) {
    // Deleted in the work tree but still in the index: nothing on disk to accept.
    const exists = await lstat(join(root, file)).then(
      () => true,
      () => false,
    );
    if (exists) present.push(file);
  }
  return present;
}

/** Tracked files whose work-tree or staged content differs from the last commit (root-relative). */
export async function uncommittedFiles(root: string): Promise<Set<string>> {
  const out = await runGit(['status', '--porcelain=v1', '-z', '--untracked-files=no'], { cwd: root });
  const records = out.toString('utf8').split('\0');
  const files = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as string;
    if (record.length < 4) continue;
    files.add(record.slice(3));
    // A rename or copy is followed by its original path.
    if (record[0] === 'R' || record[0] === 'C') i++;
  }
  return files;
}
