// Source: the commits of a repository, as the lines each commit adds.
//
// One streaming `git log --cc -U0` process for the whole range (never one process per commit). Each
// file a commit touches becomes one Fragment whose text holds only the lines that commit added, at
// their real line numbers (see paddedText), so a finding points at the right line of that commit and a
// PEM block added in one commit stays in one piece. Merge commits contribute the lines that are new
// against every parent: what a conflict resolution typed in.
//
// Each commit's message is scanned too, as the file "(commit message)": a key pasted into a message
// is in the history like any other, and a commit made with --no-verify skipped the commit-msg hook.
//
// Default range: every commit reachable from any ref (branches, tags, remote-tracking branches, HEAD),
// except the stash. A key on a side branch or a tag is as leaked as one on main.
import type { CommitInfo, Fragment, Skipped } from '../types.js';
import { UsageError } from '../types.js';
import { gitFailed, gitMissing, runGit, spawnGit } from '../git/exec.js';
import { COMMIT_MESSAGE_FILE, HistoryPatchParser, paddedText, type AddedFile } from './historyPatch.js';

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
  maxFileBytes: number;
  onSkip: (skipped: Skipped) => void;
  /** Called after each commit is read: how many so far, and the total when it is known. */
  onProgress?: (done: number, total: number | undefined) => void;
  /** Count the commits first (one quick `git rev-list --count`) so that progress has a total. */
  countTotal?: boolean;
  /** Called once at the end. */
  onDone?: (stats: HistoryStats) => void;
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

export function gitLogArgs(range: HistoryRange): string[] {
  return [
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
    LOG_FORMAT,
    ...revisionArgs(range),
    '--',
  ];
}

/** Number of commits in the range (`git rev-list --count`). */
export async function countCommits(cwd: string, range: HistoryRange): Promise<number> {
  const stdout = await runGit(['rev-list', '--count', ...revisionArgs(range), '--'], { cwd });
  return Number.parseInt(stdout.toString('utf8').trim(), 10) || 0;
}

export async function* historyFragments(options: HistoryOptions): AsyncGenerator<Fragment> {
  const started = process.hrtime.bigint();
  const total = options.countTotal ? await countCommits(options.cwd, options) : undefined;
  const args = gitLogArgs(options);
  let child: ReturnType<typeof spawnGit>;
  try {
    child = spawnGit(args, { cwd: options.cwd });
  } catch (error) {
    throw gitMissing(error);
  }
  child.stdin.on('error', () => undefined);
  child.stdin.end();
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error) => reject(gitMissing(error)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => undefined);

  const ready: Fragment[] = [];
  const reportedBinary = new Set<string>();
  let commits = 0;
  const parser = new HistoryPatchParser({
    maxFileBytes: options.maxFileBytes,
    onCommit: () => {
      commits++;
      options.onProgress?.(commits, total);
    },
    onMessage: (commit, message) => {
      ready.push({ file: COMMIT_MESSAGE_FILE, text: message, commit });
    },
    onFile: (file: AddedFile) => {
      if (file.skip === 'binary' || file.skip === 'too-large') {
        const key = `${file.skip}\0${file.file}`;
        if (!reportedBinary.has(key)) {
          reportedBinary.add(key);
          options.onSkip({ file: file.file, reason: file.skip, detail: `first seen in commit ${file.commit.sha.slice(0, 12)}` });
        }
        return;
      }
      ready.push(toFragment(file.commit, file.file, file.lines));
    },
  });

  let completed = false;
  try {
    child.stdout.setEncoding('utf8');
    // Pieces of a line not yet ended: a minified line can span many chunks; join them only once.
    let pending: string[] = [];
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      let from = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', from)) {
        const piece = chunk.slice(from, nl);
        parser.push(pending.length > 0 ? pending.join('') + piece : piece);
        pending = [];
        from = nl + 1;
      }
      if (from < chunk.length) pending.push(chunk.slice(from));
      while (ready.length > 0) yield ready.shift() as Fragment;
    }
    if (pending.length > 0) parser.push(pending.join(''));
    parser.end();
    while (ready.length > 0) yield ready.shift() as Fragment;
    const code = await exited;
    if (code !== 0) throw gitFailed(['log'], code, stderr);
    completed = true;
  } finally {
    if (!completed && child.exitCode === null) child.kill();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  options.onDone?.({ commits, seconds, commitsPerSecond: seconds > 0 ? commits / seconds : commits });
}

function toFragment(commit: CommitInfo, file: string, lines: Array<[number, string]>): Fragment {
  return { file, text: paddedText(lines), commit };
}
