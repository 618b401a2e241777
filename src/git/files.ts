// Which files git knows of: the index listing (`ls-files -s`), paths by kind (tracked, untracked,
// ignored), a tree's entries (`ls-tree`) and the tracked files that changed (`status`). Paths are
// relative to the top of the work tree unless said otherwise.
import { runGit, runGitSync } from './exec.js';

/** One record of `git ls-files -s`: `<mode> SP <object> SP <stage> TAB <path>`. */
export interface IndexRecord {
  /** Octal, as git prints it (`100644`, `120000`, `160000`). */
  mode: string;
  oid: string;
  /** 0, or 1-3 for the sides of a merge conflict. */
  stage: string;
  path: string;
}

/** Parses `git ls-files -s -z` output. */
export function parseIndexListing(out: string): IndexRecord[] {
  const records: IndexRecord[] = [];
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, oid, stage] = record.slice(0, tab).split(' ');
    if (mode === undefined || oid === undefined || stage === undefined) continue;
    records.push({ mode, oid, stage, path: record.slice(tab + 1) });
  }
  return records;
}

export interface IndexListingOptions {
  cwd: string;
  /** Pathspecs (relative to cwd); none: everything under cwd. */
  paths?: readonly string[];
  /** Paths are literal: `*.js` or `:x` is that file, not a pattern or magic. */
  literal?: boolean;
  /** Paths relative to the top of the work tree even when cwd is below it. */
  fullName?: boolean;
}

/** The index entries (`git ls-files -s`) of the index git uses here (GIT_INDEX_FILE honoured). */
export async function listIndex(options: IndexListingOptions): Promise<IndexRecord[]> {
  const args = [
    ...(options.literal ? ['--literal-pathspecs'] : []),
    'ls-files',
    '-s',
    '-z',
    ...(options.fullName ? ['--full-name'] : []),
    '--',
    ...(options.paths ?? []),
  ];
  return parseIndexListing((await runGit(args, { cwd: options.cwd })).toString('utf8'));
}

const PATHS_OF_KIND = {
  tracked: [],
  untracked: ['--others', '--exclude-standard'],
  /** Untracked and ignored; a wholly ignored folder is one entry ending in `/`. */
  ignored: ['--others', '--ignored', '--exclude-standard', '--directory'],
} as const;

/** Paths of one kind under `cwd` (or matching `paths`, literal), relative to cwd. `maxBuffer` bounds the output (past it, ENOBUFS). */
export function listPaths(
  cwd: string,
  kind: keyof typeof PATHS_OF_KIND,
  options: { paths?: readonly string[]; maxBuffer?: number } = {},
): string[] {
  const pathspecs = options.paths ? ['--', ...options.paths] : [];
  const out = runGitSync(['ls-files', '-z', ...PATHS_OF_KIND[kind], ...pathspecs], {
    cwd,
    ...(options.paths ? { env: LITERAL } : {}),
    maxBuffer: options.maxBuffer,
  });
  return out.toString('utf8').split('\0').filter(Boolean);
}

const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };

/** One entry of `git ls-tree`. */
export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
}

/** The entries of `revision`'s tree at these literal paths (from the top of the tree); absent paths are missing. */
export async function listTree(cwd: string, revision: string, paths: readonly string[]): Promise<Map<string, TreeEntry>> {
  const listing = (await runGit(['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', revision, '--', ...paths], { cwd })).toString(
    'utf8',
  );
  const entries = new Map<string, TreeEntry>();
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, oid] = record.slice(0, tab).split(' ') as [string, string, string];
    entries.set(record.slice(tab + 1), { mode, type, oid });
  }
  return entries;
}

/** Tracked files whose work-tree or staged content differs from the last commit. */
export async function changedTrackedFiles(root: string): Promise<Set<string>> {
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
