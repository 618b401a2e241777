// Path globs the way people expect them from .gitignore: picomatch syntax with dotfiles included, a
// pattern without a slash matches a file or directory name at any depth (`*.lock`, `fixtures`), a
// leading slash anchors to the root, and a pattern that matches a directory covers everything below it.
import picomatch from 'picomatch';

export type PathMatcher = (file: string) => boolean;

const never: PathMatcher = () => false;

export function createPathMatcher(globs: readonly string[]): PathMatcher {
  const anchored: string[] = [];
  const anyDepth: string[] = [];
  for (const raw of globs) {
    let glob = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (glob.length > 1) glob = glob.replace(/\/+$/, '');
    if (glob.startsWith('/')) anchored.push(glob.slice(1));
    else if (glob.includes('/')) anchored.push(glob);
    else anyDepth.push(glob);
  }
  if (anchored.length === 0 && anyDepth.length === 0) return never;
  const matchPath = anchored.length ? picomatch(anchored, { dot: true }) : never;
  const matchName = anyDepth.length ? picomatch(anyDepth, { dot: true }) : never;
  return (file) => {
    const segments = normalizePath(file).split('/');
    let prefix = '';
    for (const segment of segments) {
      prefix = prefix ? `${prefix}/${segment}` : segment;
      if (matchName(segment) || matchPath(prefix)) return true;
    }
    return false;
  };
}

/** `/` separators, no leading `./`. */
export function normalizePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}
