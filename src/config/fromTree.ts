// The configuration as committed at a revision: what pushes and history scans use (the work tree never
// decides what a push lets through), and what a bare repository or a server has. Read through git
// (`ls-tree` for modes, `cat-file --batch` for contents) and validated by the ordinary loader, so that
// errors read the same as on disk.
import { posix } from 'node:path';
import { UsageError, type Config } from '../types.js';
import { hasObject, readObjects } from '../git/objects.js';
import { listTree } from '../git/files.js';
import { defaultConfig, loadConfigFrom, type ConfigFiles } from './load.js';

const SYMLINK = '120000';
const MAX_LINKS = 8;

export async function loadConfigAt(cwd: string, revision: string): Promise<Config> {
  if (!hasObject(cwd, `${revision}^{commit}`)) return { ...defaultConfig };
  const label = revision.length >= 40 ? revision.slice(0, 12) : revision;
  try {
    return await loadConfigFrom(committedFiles(cwd, revision));
  } catch (error) {
    // Say which commit's configuration is wrong: the work tree's may well be fine.
    if (error instanceof UsageError)
      throw new UsageError(`${error.message} (in the configuration committed at ${label})`, { cause: error });
    throw error;
  }
}

function committedFiles(cwd: string, revision: string): ConfigFiles {
  const cache = new Map<string, { mode: string; text: string } | undefined>();
  const load = async (paths: readonly string[]): Promise<void> => {
    const wanted = [...new Set(paths)].filter((p) => !cache.has(p));
    if (wanted.length === 0) return;
    const found = new Map<string, { mode: string; oid: string }>();
    for (const [path, { mode, type, oid }] of await listTree(cwd, revision, wanted)) if (type === 'blob') found.set(path, { mode, oid });
    const present = wanted.filter((p) => found.has(p));
    const objects = await readObjects(
      cwd,
      present.map((p) => (found.get(p) as { oid: string }).oid),
    );
    for (const path of wanted) cache.set(path, undefined);
    present.forEach((path, i) => {
      const object = objects[i];
      if (object) cache.set(path, { mode: (found.get(path) as { mode: string }).mode, text: object.content.toString('utf8') });
    });
  };
  const read = async (path: string, hops = 0): Promise<string | undefined> => {
    await load([path]);
    const file = cache.get(path);
    if (!file || file.mode !== SYMLINK) return file?.text;
    const resolved = posix.normalize(posix.join(posix.dirname(path), file.text));
    if (hops >= MAX_LINKS || file.text.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
      throw new UsageError(`${path} is a symbolic link keyfence cannot follow inside the commit; commit the file itself`);
    }
    return read(resolved, hops + 1);
  };
  return { read: (path) => read(path), prefetch: (paths) => load(paths) };
}
