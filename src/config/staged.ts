// The configuration of a staged scan (pre-commit hook, `scan --staged`, lint-staged, the pre-commit
// framework inside a commit): the one being committed, read from the index, never a work-tree file
// that is untracked or has unstaged changes. And what the commit changes in it: a commit that widens
// what the check lets through says so.
//
// Cost on a usual commit: no git process. The staged patch (source/staged.ts) already carries the new
// text of any config file the commit changes, and its old text for the comparison with HEAD. Other
// config files are looked up in the index file (git/indexFile.ts) and read from the work tree when
// their blob id (git/blobId.ts) is the one staged; otherwise - the work-tree copy differs, the index
// is in a form not parsed here (split index, sparse directory, over 16 MiB) - one `git cat-file
// --batch` reads them. A scan limited to paths (lint-staged) lists the config files' changes with one
// more `git diff --cached`.
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import { listIndex } from '../git/files.js';
import { blobId } from '../git/blobId.js';
import { indexPath, lookUpIndex, objectFormat, type IndexEntry } from '../git/indexFile.js';
import { UsageError, type Config } from '../types.js';
import { readObjects } from '../git/objects.js';
import { CONFIG_FILE, defaultConfig, loadConfigFrom, PACKAGE_FILE, PACKAGE_KEY, type ConfigFiles } from './load.js';
import { configNotices, notStagedNotice, unstagedChangesNotice, wideningNotice } from './notices.js';
import { DEFAULT_BASELINE_FILE } from './schema.js';
import { describeWidening } from './widening.js';

/** The shape of source/staged.ts's StagedChanges (config reads it, and does not import the source). */
export interface ChangeEntry {
  status: string;
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  path: string;
  fromPath?: string;
}

export interface Changes {
  entries: readonly ChangeEntry[];
  contents: ReadonlyMap<number, { current: Buffer; previous: Buffer }>;
}

export interface StagedConfig {
  config: Config;
  /** What the report must say about the configuration (config/notices.ts). */
  notices: string[];
}

export interface StagedConfigOptions {
  /** The work tree's top level and git directory. */
  root: string;
  gitDir: string;
  /** Where git runs for the scan (GIT_INDEX_FILE may be relative to it). */
  cwd: string;
  /** What the commit changes, read by the staged source. */
  changes: Changes;
  /** False when `changes` covers only some paths (a scan of named files): the config files' own changes are then listed here. */
  complete: boolean;
}

const REGULAR = 0o100000;
const SYMLINK = 0o120000;
const GITLINK = 0o160000;
const MAX_LINKS = 8;

interface RawFile {
  mode: number;
  bytes: Buffer;
}

/** A source of files as git stores them: mode and bytes, by root-relative path. */
type RawFiles = (paths: readonly string[]) => Promise<Map<string, RawFile | undefined>>;

export async function loadStagedConfig(options: StagedConfigOptions): Promise<StagedConfig> {
  const notices: string[] = [];
  const index = new IndexReader(options, notices);
  const config = await loadConfigFrom(followingLinks(index.read));
  const changes = options.complete
    ? options.changes
    : await configChanges(options.root, [CONFIG_FILE, PACKAGE_FILE, DEFAULT_BASELINE_FILE, config.baselineFile ?? DEFAULT_BASELINE_FILE]);
  const watched = new Set([CONFIG_FILE, PACKAGE_FILE, DEFAULT_BASELINE_FILE, config.baselineFile ?? DEFAULT_BASELINE_FILE]);
  const touched = changes.entries.filter((e) => watched.has(e.path) || (e.fromPath !== undefined && watched.has(e.fromPath)));
  if (touched.length > 0) {
    const head = await headConfig(options, changes, index);
    const widening = describeWidening(head ?? defaultConfig, config);
    if (widening.length > 0) {
      const files = [
        ...new Set(touched.flatMap((e) => [e.fromPath, e.path]).filter((p): p is string => p !== undefined && watched.has(p))),
      ];
      notices.push(wideningNotice(files, widening, head === undefined));
    }
  }
  notices.push(...configNotices(config));
  return { config, notices };
}

/** The configuration in HEAD, from the commit's changes (old sides) and the index (unchanged files). */
async function headConfig(options: StagedConfigOptions, changes: Changes, index: IndexReader): Promise<Config | undefined> {
  let listed = changes;
  const covered = new Set(options.complete ? [] : [CONFIG_FILE, PACKAGE_FILE, DEFAULT_BASELINE_FILE]);
  const raw: RawFiles = async (paths) => {
    const result = new Map<string, RawFile | undefined>();
    const unchanged: string[] = [];
    const byOid: Array<{ path: string; mode: number; oid: string }> = [];
    for (const path of paths) {
      // A scan of named files listed only the config files' changes: list this one too.
      if (!options.complete && !covered.has(path)) {
        const more = await configChanges(options.root, [path]);
        listed = { entries: [...listed.entries, ...more.entries], contents: listed.contents };
        covered.add(path);
      }
      const fromHere = listed.entries.findIndex((e) => e.fromPath === path && e.status === 'R');
      const atHere = listed.entries.findIndex((e) => e.path === path);
      const index = fromHere !== -1 ? fromHere : atHere;
      if (index === -1) {
        unchanged.push(path);
        continue;
      }
      const entry = listed.entries[index] as ChangeEntry;
      const oldMode = Number.parseInt(entry.oldMode, 8);
      const regular = entry.oldMode === '100644' || entry.oldMode === '100755';
      // Added, copied to, or renamed to this path: HEAD had nothing here.
      if (fromHere === -1 && (entry.status === 'A' || entry.status[0] === 'C' || entry.status[0] === 'R' || /^0+$/.test(entry.oldOid))) {
        result.set(path, undefined);
        continue;
      }
      const carried = listed.contents.get(index);
      if (carried && regular) result.set(path, { mode: oldMode, bytes: carried.previous });
      else byOid.push({ path, mode: oldMode, oid: entry.oldOid });
    }
    const objects = await readObjects(
      options.root,
      byOid.map((o) => o.oid),
    );
    byOid.forEach((o, i) => {
      const object = objects[i];
      if (!object) throw new UsageError(`the object of ${o.path} in HEAD is missing from the repository`);
      result.set(o.path, { mode: o.mode, bytes: object.content });
    });
    for (const [path, file] of await index.raw(unchanged)) result.set(path, file);
    return result;
  };
  try {
    return await loadConfigFrom(followingLinks(raw));
  } catch (error) {
    // The commit may well repair a broken configuration; the comparison then starts from nothing.
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

/** The config files' changes between HEAD and the index (for a scan limited to other paths). */
async function configChanges(root: string, paths: readonly string[]): Promise<Changes> {
  const { listChanges } = await import('../source/staged.js');
  return { entries: await listChanges({ cwd: root, paths: [...new Set(paths)] }), contents: new Map() };
}

/** ConfigFiles over raw files, following symbolic links that stay inside the repository. */
function followingLinks(raw: RawFiles): ConfigFiles {
  const read = async (path: string, hops = 0): Promise<string | undefined> => {
    const file = (await raw([path])).get(path);
    if (!file) return undefined;
    if (file.mode === GITLINK) throw new UsageError(`${path} is a submodule in the index, not a configuration file`);
    if (file.mode !== SYMLINK) return file.bytes.toString('utf8');
    if (hops >= MAX_LINKS) throw new UsageError(`${path}: too many levels of symbolic links`);
    const target = file.bytes.toString('utf8');
    const resolved = posix.normalize(posix.join(posix.dirname(path), target));
    if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
      throw new UsageError(
        `${path} is a symbolic link to a file outside the repository; keyfence reads the configuration as it is committed: commit the file itself`,
      );
    }
    const text = await read(resolved, hops + 1);
    if (text === undefined) throw new UsageError(`${path} is a symbolic link to a file that is not in the index`);
    return text;
  };
  return {
    read: (path) => read(path),
    prefetch: async (paths) => {
      await raw(paths);
    },
  };
}

/**
 * Files as the index holds them. The commit's patch carries the new text of changed files; the rest
 * are looked up in the index file and read from the work tree when their blob id matches, or from git.
 */
class IndexReader {
  private readonly cache = new Map<string, RawFile | undefined>();
  private format: 'sha1' | 'sha256' | undefined;

  constructor(
    private readonly options: StagedConfigOptions,
    private readonly notices: string[],
  ) {}

  readonly read: RawFiles = (paths) => this.raw(paths);

  async raw(paths: readonly string[]): Promise<Map<string, RawFile | undefined>> {
    const wanted = [...new Set(paths)].filter((p) => !this.cache.has(p));
    if (wanted.length > 0) await this.load(wanted);
    return new Map(paths.map((p) => [p, this.cache.get(p)]));
  }

  private async load(paths: string[]): Promise<void> {
    const rest: string[] = [];
    for (const path of paths) {
      const carried = this.carried(path);
      if (carried) this.cache.set(path, carried);
      else rest.push(path);
    }
    if (rest.length === 0) return;
    this.format ??= objectFormat(this.options.gitDir, this.options.changes.entries[0]?.newOid);
    const lookup = lookUpIndex(indexPath(this.options.gitDir, this.options.cwd), rest, this.format);
    if (lookup.kind === 'unsupported') {
      await this.fromGit(rest.map((path) => ({ path, spec: `:${path}` })));
      return;
    }
    const fromGit: Array<{ path: string; spec: string; mode: number }> = [];
    for (const path of rest) {
      const entry = lookup.entries.get(path);
      if (!entry) {
        this.cache.set(path, undefined);
        this.noteUntracked(path);
        continue;
      }
      const copy = this.workTreeCopy(path, entry);
      if (copy && blobId(copy, this.format) === entry.oid) {
        this.cache.set(path, { mode: entry.mode, bytes: copy });
        continue;
      }
      fromGit.push({ path, spec: entry.oid, mode: entry.mode });
    }
    await this.fromGit(fromGit);
    for (const { path } of fromGit)
      this.noteUnstaged(path, this.workTreeCopy(path, { mode: this.cache.get(path)?.mode ?? REGULAR, oid: '' }));
  }

  /** The new text of `path` when the commit changes it and the patch carries it. */
  private carried(path: string): RawFile | undefined {
    const { entries, contents } = this.options.changes;
    const index = entries.findIndex((e) => e.path === path && e.status !== 'D');
    if (index === -1) return undefined;
    const content = contents.get(index);
    const mode = Number.parseInt((entries[index] as ChangeEntry).newMode, 8);
    return content && mode !== SYMLINK && mode !== GITLINK ? { mode, bytes: content.current } : undefined;
  }

  private async fromGit(files: Array<{ path: string; spec: string; mode?: number }>): Promise<void> {
    if (files.length === 0) return;
    // Modes are unknown for `:path` answers: a link's blob is its target, which is what the mode says.
    const needModes = files.filter((f) => f.mode === undefined);
    const modes =
      needModes.length > 0
        ? await indexModes(
            this.options.root,
            needModes.map((f) => f.path),
          )
        : new Map<string, number>();
    const objects = await readObjects(
      this.options.root,
      files.map((f) => f.spec),
    );
    files.forEach((file, i) => {
      const object = objects[i];
      this.cache.set(file.path, object ? { mode: file.mode ?? modes.get(file.path) ?? REGULAR, bytes: object.content } : undefined);
    });
  }

  private workTreeCopy(path: string, entry: IndexEntry): Buffer | undefined {
    const full = join(this.options.root, path);
    // Most config files are absent: ask without the cost of an exception.
    const stats = lstatSync(full, { throwIfNoEntry: false });
    if (!stats) return undefined;
    try {
      return entry.mode === SYMLINK && stats.isSymbolicLink() ? readlinkSync(full, { encoding: 'buffer' }) : readFileSync(full);
    } catch {
      return undefined;
    }
  }

  /** A config file on disk that the commit does not hold is not used: say so, it was likely meant to be. */
  private noteUntracked(path: string): void {
    const copy = this.workTreeCopy(path, { mode: REGULAR, oid: '' });
    if (copy === undefined || !this.concernsKeyfence(path, copy)) return;
    this.notices.push(notStagedNotice(path));
  }

  private noteUnstaged(path: string, copy: Buffer | undefined): void {
    const staged = this.cache.get(path);
    if (copy === undefined || !staged || staged.bytes.equals(copy)) return;
    if (!this.concernsKeyfence(path, copy) && !this.concernsKeyfence(path, staged.bytes)) return;
    this.notices.push(unstagedChangesNotice(path));
  }

  /** package.json matters only when it holds a "keyfence" key. */
  private concernsKeyfence(path: string, bytes: Buffer): boolean {
    return path !== PACKAGE_FILE || bytes.includes(`"${PACKAGE_KEY}"`);
  }
}

/** Index modes of `paths`, from git (when the index file could not be read here). */
async function indexModes(root: string, paths: readonly string[]): Promise<Map<string, number>> {
  const modes = new Map<string, number>();
  for (const record of await listIndex({ cwd: root, paths, literal: true })) modes.set(record.path, Number.parseInt(record.mode, 8));
  return modes;
}
