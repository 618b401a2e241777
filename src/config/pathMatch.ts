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
    if (glob === '' || glob === '/') continue;
    if (glob.startsWith('/')) anchored.push(glob.slice(1));
    else if (glob.includes('/')) anchored.push(glob);
    else anyDepth.push(glob);
  }
  if (anchored.length === 0 && anyDepth.length === 0) return never;
  const matchPath = anchored.length ? picomatch(anchored, { dot: true }) : never;
  const matchName = anyDepth.length ? picomatch(anyDepth, { dot: true }) : never;
  const matches = (path: string, name: string): boolean => matchName(name) || matchPath(path);
  // Files of a scan share directories: remember each directory's answer.
  const directories = new Map<string, boolean>();
  const directoryIgnored = (dir: string): boolean => {
    if (dir === '') return false;
    const known = directories.get(dir);
    if (known !== undefined) return known;
    const slash = dir.lastIndexOf('/');
    const result = directoryIgnored(slash === -1 ? '' : dir.slice(0, slash)) || matches(dir, dir.slice(slash + 1));
    if (directories.size > 50_000) directories.clear();
    directories.set(dir, result);
    return result;
  };
  return (file) => {
    const path = normalizePath(file).replace(/\/+$/, '');
    const slash = path.lastIndexOf('/');
    return directoryIgnored(slash === -1 ? '' : path.slice(0, slash)) || matches(path, path.slice(slash + 1));
  };
}

/** `/` separators, no leading `./`. */
export function normalizePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}
