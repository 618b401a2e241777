// The git operations `keyfence fix` needs, run in the repository root with paths relative to it.
// Paths are literal (a file named `:x` or `*.js` is that file, not a pathspec), and every write to the
// index goes to a copy (`withIndex`): the real index is only ever replaced whole, under its lock
// (transaction.ts).
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../types.js';
import { runGitStatus } from './exec.js';
import { parseIndexListing } from './files.js';
import { readObjects } from './objects.js';
import { visible } from '../report/snippet.js';

export interface IndexEntry {
  mode: string;
  sha: string;
}

export class Git {
  private readonly gitPaths = new Map<string, string>();

  constructor(
    readonly root: string,
    /** The index file this instance reads and writes; undefined: git's own (GIT_INDEX_FILE or .git/index). */
    readonly indexPath?: string,
  ) {}

  static async open(cwd: string): Promise<Git> {
    const names = ['index', 'keyfence-fix'];
    const result = runGit(['rev-parse', '--show-toplevel', ...names.flatMap((n) => ['--git-path', n])], { cwd });
    if (result.code !== 0) throw new UsageError('not inside a git repository');
    const [root, ...paths] = result.stdout.toString('utf8').split('\n');
    const repo = new Git(root as string);
    // Relative answers are relative to where git ran.
    names.forEach((name, i) => {
      repo.gitPaths.set(name, resolve(cwd, paths[i] as string));
    });
    return repo;
  }

  /** The same repository, reading and writing another index file. */
  withIndex(indexPath: string): Git {
    return new Git(this.root, indexPath);
  }

  private async run(args: string[], input?: string | Uint8Array): Promise<{ code: number; stdout: string; stderr: string }> {
    // check-ignore takes no pathspec magic at all (and reads its paths from stdin here).
    const env: Record<string, string> = args[0] === 'check-ignore' ? {} : { GIT_LITERAL_PATHSPECS: '1' };
    if (this.indexPath) env.GIT_INDEX_FILE = this.indexPath;
    const result = runGit(args, { cwd: this.root, input, env });
    return { code: result.code, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
  }

  private async ok(args: string[], input?: string | Uint8Array): Promise<string> {
    const result = await this.run(args, input);
    if (result.code !== 0) throw new UsageError(`git ${args[0]} failed: ${visible(result.stderr.trim())}`);
    return result.stdout;
  }

  /** The index entry of a path (stage 0), or undefined when it is not in the index. */
  async indexEntry(path: string): Promise<IndexEntry | undefined> {
    return (await this.indexEntries([path])).get(path);
  }

  /** The stage-0 entries of these paths (absent ones are missing from the map); a conflict is an error. */
  async indexEntries(paths: readonly string[]): Promise<Map<string, IndexEntry>> {
    const found = new Map<string, IndexEntry>();
    if (paths.length === 0) return found;
    const wanted = new Set(paths);
    // -z: paths come back verbatim (no quoting of spaces or non-ASCII characters).
    const out = await this.ok(['ls-files', '-s', '-z', '--', ...paths]);
    for (const { mode, oid, stage, path } of parseIndexListing(out)) {
      if (!wanted.has(path)) continue;
      if (stage !== '0' || found.has(path)) throw new UsageError(`${visible(path)} has merge conflicts; resolve them first`);
      found.set(path, { mode, sha: oid });
    }
    return found;
  }

  /** The contents of these blobs, in one `git cat-file --batch`. */
  async readBlobs(shas: readonly string[]): Promise<Map<string, Buffer>> {
    const blobs = new Map<string, Buffer>();
    const wanted = [...new Set(shas)];
    if (wanted.length === 0) return blobs;
    const objects = await readObjects(this.root, wanted);
    wanted.forEach((sha, i) => {
      const object = objects[i];
      if (object?.type !== 'blob') throw new UsageError(`git cat-file: ${sha} is not a blob`);
      blobs.set(sha, object.content);
    });
    return blobs;
  }

  /**
   * Writes a blob and returns its id: as is (`filtersFor` unset: the text is already in index form), or
   * through the filters git add would apply to that path.
   */
  async writeBlob(text: string | Uint8Array, filtersFor?: string): Promise<string> {
    const args =
      filtersFor === undefined
        ? ['hash-object', '-w', '--no-filters', '--stdin']
        : ['hash-object', '-w', `--path=${filtersFor}`, '--stdin'];
    return (await this.ok(args, text)).trim();
  }

  async hasObject(sha: string): Promise<boolean> {
    return (await this.run(['cat-file', '-e', sha])).code === 0;
  }

  /** Points (or adds) each path's index entry at a blob, or removes it (`entry` undefined). */
  async setEntries(updates: ReadonlyArray<{ path: string; entry: IndexEntry | undefined }>): Promise<void> {
    // -z: any byte but NUL may be in a path. --index-info reads `mode SP sha TAB path`.
    const set = updates.filter((u) => u.entry).map(({ path, entry }) => `${entry?.mode} ${entry?.sha}\t${path}\0`);
    const removed = updates.filter((u) => !u.entry).map(({ path }) => `${path}\0`);
    if (set.length) await this.ok(['update-index', '--add', '-z', '--index-info'], set.join(''));
    if (removed.length) await this.ok(['update-index', '--force-remove', '-z', '--stdin'], removed.join(''));
  }

  /** True when git ignores the path (whether or not it is tracked). */
  async isIgnored(path: string): Promise<boolean> {
    return (await this.ignored([path])).has(path);
  }

  /** Which of these paths git ignores (tracked or not), in one call. */
  async ignored(paths: readonly string[]): Promise<Set<string>> {
    if (paths.length === 0) return new Set();
    const result = await this.run(['check-ignore', '--no-index', '--stdin', '-z'], paths.map((p) => `${p}\0`).join(''));
    return new Set(result.stdout.split('\0').filter(Boolean));
  }

  /**
   * For each path decided by a negation (`!.env`) that keeps it from being ignored, that rule:
   * `source:line:pattern`.
   */
  async negations(paths: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (paths.length === 0) return found;
    const result = await this.run(['check-ignore', '-v', '-n', '-z', '--no-index', '--stdin'], paths.map((p) => `${p}\0`).join(''));
    const fields = result.stdout.split('\0');
    for (let i = 0; i + 3 < fields.length; i += 4) {
      const [source, line, pattern, path] = fields.slice(i, i + 4) as [string, string, string, string];
      if (pattern.startsWith('!')) found.set(path, `${source}:${line}:${pattern}`);
    }
    return found;
  }

  /** The index file git uses for this work tree (absolute). */
  async indexFile(): Promise<string> {
    if (this.indexPath) return this.indexPath;
    return this.gitPath('index');
  }

  /** `git rev-parse --git-path`, absolute: where a file of this work tree's git directory lives. */
  async gitPath(name: string): Promise<string> {
    let path = this.gitPaths.get(name);
    if (path === undefined) {
      const answer = (await this.ok(['rev-parse', '--git-path', name])).replace(/\n$/, '');
      path = isAbsolute(answer) ? answer : resolve(this.root, answer);
      this.gitPaths.set(name, path);
    }
    return path;
  }
}

/** Runs git to completion (fix runs a few small commands, one after the other); any exit status is returned. */
function runGit(
  args: string[],
  options: { cwd: string; input?: string | Uint8Array; env?: Record<string, string> },
): { code: number; stdout: Buffer; stderr: Buffer } {
  const result = runGitStatus(args, { cwd: options.cwd, input: options.input, env: options.env ?? {} });
  return { code: result.code ?? -1, stdout: result.stdout, stderr: result.stderr };
}
