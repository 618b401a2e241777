import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** Turns a path into the form reports use: relative to `base`, with `/` separators. */
export function toReportPath(base: string, file: string): string {
  const absolute = isAbsolute(file) ? file : join(base, file);
  const rel = relative(base, absolute) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** The real path of a directory, so that git's answers and ours agree when a path has symlinks in it. */
export function realDirectory(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
