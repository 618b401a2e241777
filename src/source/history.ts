// Source: the commits of a repository, as the lines each commit adds.
//
// One streaming `git log --cc -U0` process for the whole range (never one process per commit), or on a
// large history with cores to spare a few, each reading a contiguous run of the commit list, their
// fragments handed on in the order one process gives (readAhead.ts): the same report either way. Each
// file a commit touches becomes one Fragment whose text holds only the lines that commit added, at
// their real line numbers (see paddedText), so a finding points at the right line of that commit and a
// PEM block added in one commit stays in one piece. Merge commits contribute the lines that are new
// against every parent: what a conflict resolution typed in.
//
// Each commit's message is scanned too, as the file "(commit message)": a key pasted into a message
// is in the history like any other, and a commit made with --no-verify skipped the commit-msg hook.
//
// A file git shows as binary has no lines in the patch: its blobs (the new one, and the first parent's
// to tell what is new) are read after the log with one `git cat-file --batch` and searched like any
// binary (content.ts), a commit answering only for what its version adds. A file whose added lines
// outgrow the memory bound comes in windows.
//
// Default range: every commit reachable from any ref (branches, tags, remote-tracking branches, HEAD),
// except the stash. A key on a side branch or a tag is as leaked as one on main.
import type { CommitInfo, Fragment, Skipped } from '../types.js';
import { UsageError } from '../types.js';
import { runGit } from '../git/exec.js';
import { gitOutputLines, listCommits } from '../git/logStream.js';
import { scanWorkers } from '../process/threads.js';
import { inOrderReadAhead } from './readAhead.js';
import { blobContent, readBlobs, type Blob } from '../git/blobs.js';
import { COMMIT_MESSAGE_FILE, HistoryPatchParser, paddedText, type AddedFile } from './historyPatch.js';
import { ContentReader, isSkipped, OVERLAP, PreviousCollector, readLimits, type PreviousContent, type ReadLimits } from './content.js';

export interface HistoryRange {
  /** Revisions and ranges as git understands them (`main`, `a..b`, `^x`). Empty: all refs. */
  revisions?: readonly string[];
  /** Also leave out commits reachable from this remote's tracking branches (`--not --remotes=<name>`). */
  notOnRemote?: string;
  /** Also leave out commits reachable from any ref (`--not --all`): what a server's pre-receive gets new. */
  notOnAnyRef?: boolean;
}

export interface HistoryOptions extends HistoryRange {
  /** A directory inside the repository. */
  cwd: string;
  /** The memory bound per file (content.ts readLimits): nothing is skipped for its size. */
  maxFileBytes: number;
  onSkip: (skipped: Skipped) => void;
  /** Files whose binary versions are not read at all (the pipeline reports them as ignored). */
  isIgnored?: (file: string) => boolean;
  /** Binary files whose name passes carry their digest (key stores: see Fragment.digest). */
  wantsDigest?: (name: string) => boolean;
  /** Called after each commit is read: how many so far, and the total when it is known. */
  onProgress?: (done: number, total: number | undefined) => void;
  /** Count the commits first (one quick `git rev-list --count`) so that progress has a total. */
  countTotal?: boolean;
  /** Called once at the end. */
  onDone?: (stats: HistoryStats) => void;
  /**
   * How many `git log` processes may read the range at once (default: one per worker thread, see
   * scanWorkers, and one for a push's range; fewer on a small history). onStreams is told how many
   * it started.
   */
  streams?: number;
  onStreams?: (count: number) => void;
}

export interface HistoryStats {
  commits: number;
  seconds: number;
  commitsPerSecond: number;
}

// Settings a user's config could change in ways that would break parsing or hide lines.
const GIT_CONFIG = ['-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'log.showSignature=false'];

// Header line, then the raw message ending in two NULs (see historyPatch.ts).
const LOG_FORMAT = '--format=%x00%H%x00%P%x00%aI%x00%an <%ae>%n%B%x00%x00';

/** Rejects a user-supplied revision that git would read as an option. */
export function checkRevisions(revisions: readonly string[]): void {
  for (const revision of revisions) {
    if (revision.startsWith('-') || revision.length === 0) {
      throw new UsageError(`"${revision}" is not a revision or range (expected e.g. main, HEAD~20..HEAD, v1.0..main)`);
    }
  }
}

export function revisionArgs(range: HistoryRange): string[] {
  const revisions = range.revisions ?? [];
  checkRevisions(revisions);
  const args = revisions.length > 0 ? [...revisions] : ['--exclude=refs/stash', '--all'];
  if (range.notOnRemote !== undefined || range.notOnAnyRef) args.push('--not');
  if (range.notOnRemote !== undefined) args.push(`--remotes=${range.notOnRemote}`);
  if (range.notOnAnyRef) args.push('--all');
  return args;
}

/** What every `git log` of a history scan shows, and how (the revisions come after). */
const LOG_OPTIONS = [
  ...GIT_CONFIG,
  'log',
  '--cc',
  '-U0',
  '--root',
  '-M',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--full-index',
  LOG_FORMAT,
];

export function gitLogArgs(range: HistoryRange): string[] {
  return [...LOG_OPTIONS, ...revisionArgs(range), '--'];
}

/** Exactly the commits given on standard input, in that order: the same output `git log` gives them in its walk. */
const LISTED_COMMITS_ARGS = [...LOG_OPTIONS, '--no-walk=unsorted', '--stdin', '--'];

/**
 * Below this many commits per process, a history is read by one `git log`: a process costs a start-up,
 * and a push's few commits gain nothing from more.
 */
const MIN_COMMITS_PER_STREAM = 256;
/** More `git log` processes than this outrun what one thread parses; they would only wait. */
const MAX_STREAMS = 8;
/** Text one `git log` process may have parsed ahead of the scan (characters), split between the processes. */
const READ_AHEAD_CHARS = 64 * 1024 * 1024;

/** Number of commits in the range (`git rev-list --count`). */
export async function countCommits(cwd: string, range: HistoryRange): Promise<number> {
  const stdout = await runGit(['rev-list', '--count', ...revisionArgs(range), '--'], { cwd });
  return Number.parseInt(stdout.toString('utf8').trim(), 10) || 0;
}

/**
 * The `git log` processes that read the range: one for the whole range, or, on a large history with
 * cores to spare, one per contiguous run of the commit list (`rev-list` gives the order `log` walks
 * in), whose outputs one after the other are the single process's output. A push's range stays with
 * one process (no `rev-list` before its usual few commits).
 */
async function planStreams(options: HistoryOptions): Promise<{ streams: Array<{ args: string[]; input?: string }>; commits?: number }> {
  const whole = { streams: [{ args: gitLogArgs(options) }] };
  const pushScope = options.notOnRemote !== undefined || options.notOnAnyRef;
  const wanted = options.streams ?? (pushScope ? 1 : Math.min(scanWorkers(), MAX_STREAMS));
  if (wanted <= 1) return whole;
  let commits: string[];
  try {
    commits = await listCommits(options.cwd, revisionArgs(options));
  } catch {
    // A range git cannot list (a revision that does not exist): the one `git log` says why, as ever.
    return whole;
  }
  // Asked for explicitly (tests), it is the count, whatever the history's size.
  const count = Math.min(wanted, options.streams !== undefined ? commits.length : Math.floor(commits.length / MIN_COMMITS_PER_STREAM));
  if (count <= 1) return { ...whole, commits: commits.length };
  const streams = Array.from({ length: count }, (_, i) => {
    const run = commits.slice(Math.floor((i * commits.length) / count), Math.floor(((i + 1) * commits.length) / count));
    return { args: LISTED_COMMITS_ARGS, input: `${run.join('\n')}\n` };
  });
  return { streams, commits: commits.length };
}

type BinaryVersion = { file: string; commit: CommitInfo; blobs: { old: string; new: string } };

export async function* historyFragments(options: HistoryOptions): AsyncGenerator<Fragment> {
  const started = process.hrtime.bigint();
  const plan = await planStreams(options);
  const total = options.countTotal ? (plan.commits ?? (await countCommits(options.cwd, options))) : undefined;
  options.onStreams?.(plan.streams.length);
  const limits = readLimits(options.maxFileBytes);
  let commits = 0;
  const onCommit = () => {
    commits++;
    options.onProgress?.(commits, total);
  };
  // The binary versions each process met, read after the logs, in log order.
  const binaries: BinaryVersion[][] = plan.streams.map(() => []);
  if (plan.streams.length === 1) {
    yield* logFragments(plan.streams[0] as { args: string[] }, options, limits, onCommit, binaries[0] as BinaryVersion[]);
  } else {
    const stop = new AbortController();
    const sources = plan.streams.map((stream, i) =>
      logFragments(stream, options, limits, onCommit, binaries[i] as BinaryVersion[], stop.signal),
    );
    yield* inOrderReadAhead(sources, {
      budget: READ_AHEAD_CHARS / plan.streams.length,
      weigh: (fragment) => fragment.text.length,
      stop: () => stop.abort(),
    });
  }
  yield* binaryFragments(binaries.flat(), options, limits);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  options.onDone?.({ commits, seconds, commitsPerSecond: seconds > 0 ? commits / seconds : commits });
}

/** The fragments of one `git log` process's output, as it comes; binary versions are listed in `binaries`. */
async function* logFragments(
  stream: { args: string[]; input?: string },
  options: HistoryOptions,
  limits: ReadLimits,
  onCommit: () => void,
  binaries: BinaryVersion[],
  signal?: AbortSignal,
): AsyncGenerator<Fragment> {
  const ready: Fragment[] = [];
  const parser = new HistoryPatchParser({
    memoryBytes: limits.memoryBytes,
    overlap: OVERLAP,
    onWindow: (fragment) => ready.push(fragment),
    onCommit,
    onMessage: (commit, message) => {
      ready.push({ file: COMMIT_MESSAGE_FILE, text: message, commit });
    },
    onFile: (file: AddedFile) => {
      if (file.skip === 'binary') {
        if (!file.blobs || /^0+$/.test(file.blobs.new)) return;
        if (options.isIgnored?.(file.file)) ready.push({ file: file.file, text: '', commit: file.commit });
        else binaries.push({ file: file.file, commit: file.commit, blobs: file.blobs });
        return;
      }
      ready.push(toFragment(file.commit, file.file, file.lines));
    },
  });
  for await (const lines of gitOutputLines(stream.args, { cwd: options.cwd, input: stream.input, signal })) {
    for (const line of lines) parser.push(line);
    while (ready.length > 0) yield ready.shift() as Fragment;
  }
  parser.end();
  while (ready.length > 0) yield ready.shift() as Fragment;
}

function toFragment(commit: CommitInfo, file: string, lines: Array<[number, string]>): Fragment {
  return { file, text: paddedText(lines), commit };
}

/** The binary versions the log showed, read and searched: each commit for what its version adds. */
async function* binaryFragments(binaries: readonly BinaryVersion[], options: HistoryOptions, limits: ReadLimits): AsyncGenerator<Fragment> {
  if (binaries.length === 0) return;
  const hasOld = (blobs: { old: string }) => !/^0+$/.test(blobs.old);
  const oids = binaries.flatMap(({ blobs }) => (hasOld(blobs) ? [blobs.old, blobs.new] : [blobs.new]));
  const blobs = readBlobs(oids, { cwd: options.cwd, maxBytes: limits.memoryBytes });
  const reported = new Set<string>();
  const { wantsDigest } = options;
  for (const { file, commit, blobs: ids } of binaries) {
    let previous: PreviousContent | undefined;
    if (hasOld(ids)) {
      const old = (await blobs.next()).value as Blob | undefined;
      if (old && !old.missing) {
        const collector = new PreviousCollector({ file, limits, wantsDigest });
        for await (const chunk of blobContent(old)) collector.push(chunk);
        previous = collector.end();
      }
    }
    const blob = (await blobs.next()).value as Blob | undefined;
    // A blob missing from a partial clone: said like a file that cannot be searched.
    if (!blob || blob.missing) {
      notice({
        file,
        reason: 'not-fully-searched',
        detail: `its version in commit ${commit.sha.slice(0, 12)} is not in the object database`,
      });
      continue;
    }
    const reader = new ContentReader({ file, limits, tracksAdded: true, onlyAdded: true, previous, commit, wantsDigest });
    for await (const chunk of blobContent(blob)) {
      for (const item of reader.push(chunk)) {
        if (isSkipped(item)) notice(item, commit);
        else yield item;
      }
    }
    for (const item of reader.end()) {
      if (isSkipped(item)) notice(item, commit);
      else yield item;
    }
  }
  for await (const _ of blobs);

  /** One notice per file, naming the first commit it was met in. */
  function notice(item: Skipped, commit?: CommitInfo): void {
    if (reported.has(item.file)) return;
    reported.add(item.file);
    options.onSkip(commit ? { ...item, detail: `${item.detail ?? ''} (in commit ${commit.sha.slice(0, 12)})`.trim() } : item);
  }
}
