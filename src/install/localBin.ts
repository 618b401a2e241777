// Which keyfence the hooks should run. Hooks start at the work tree root, so the path of the project's
// own node_modules/.bin/keyfence is recorded relative to that root: the nearest one at or above the
// directory `keyfence install` runs in (a monorepo may install keyfence in a package folder only).
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_LOCAL_BIN } from './template.js';

const BIN = join('node_modules', '.bin', 'keyfence');

/** The recorded bin path (POSIX separators, relative to root), and whether it exists now. */
export function findLocalBin(root: string, cwd: string): { path: string; found: boolean } {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const rel = relative(root, dir);
    if (rel.startsWith('..')) break;
    if (isExecutable(join(dir, BIN))) return { path: join(rel, BIN).split(sep).join('/'), found: true };
    if (rel === '') break;
  }
  return { path: DEFAULT_LOCAL_BIN, found: false };
}

/** A keyfence on PATH that will still be there at commit time (npx's temporary cache does not count). */
export function globalBinOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('_npx') || dir.split(sep).includes('node_modules')) continue;
    const candidate = join(dir, 'keyfence');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
