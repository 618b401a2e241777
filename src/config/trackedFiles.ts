// The files `keyfence baseline` scans: tracked by git (not untracked junk), present on disk, and not
// submodules. Paths come back relative to the repository root.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { listIndex } from '../git/files.js';

const GITLINK = '160000';

export async function trackedFiles(root: string, cwd: string, paths: readonly string[]): Promise<string[]> {
  // Without paths, the whole repository (git would list only the current directory). With paths,
  // pathspecs stay relative to cwd and --full-name still reports root-relative names.
  const records = await listIndex({ cwd: paths.length > 0 ? cwd : root, paths, fullName: true });
  const files = new Set(records.filter((r) => r.mode !== GITLINK).map((r) => r.path));
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
