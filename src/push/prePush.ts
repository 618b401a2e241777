// Runtime of the pre-push hook: scans the commits a push would send and blocks it when one of them adds
// a secret. git passes the remote name and URL as arguments and one line per ref on stdin:
//   <local ref> SP <local sha> SP <remote ref> SP <remote sha>
// What is scanned, per ref: deletion (local sha all zeros): nothing; update: remote_sha..local_sha; new
// branch (remote sha all zeros): the commits not on any of the remote's tracking branches. A remote sha
// we do not have (someone pushed since our last fetch) cannot be excluded: the remote's tracking
// branches bound the range instead. Under the pre-commit framework, which reads stdin itself, the refs
// come from its PRE_COMMIT_* environment.
import { runGit } from '../git/exec.js';
import type { Finding } from '../types.js';
import type { HistoryRange } from '../source/history.js';
import { COMMIT_MESSAGE_FILE } from '../source/historyPatch.js';
import { createStyle } from '../report/style.js';
import { findingLines, revokeLines } from './report.js';

export interface RefUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

const isZero = (sha: string) => /^0+$/.test(sha);

export function parseRefUpdates(stdin: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of stdin.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length !== 4) continue;
    const [localRef, localSha, remoteRef, remoteSha] = parts as [string, string, string, string];
    if (!/^[0-9a-f]{40,64}$/i.test(localSha) || !/^[0-9a-f]{40,64}$/i.test(remoteSha)) continue;
    updates.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return updates;
}

/**
 * The commits to scan for these ref updates, or undefined when the push sends no commits. `remote` is
 * what git passes: a remote's name, or the URL when pushing to a URL (`url` is then the same).
 */
export async function pushRange(updates: readonly RefUpdate[], remote: string | undefined, cwd: string, url?: string): Promise<HistoryRange | undefined> {
  const include = updates.filter((u) => !isZero(u.localSha)).map((u) => u.localSha);
  if (include.length === 0) return undefined;
  const exclude: string[] = [];
  for (const u of updates) {
    if (isZero(u.localSha) || isZero(u.remoteSha)) continue;
    if (await hasCommit(u.remoteSha, cwd)) exclude.push(`^${u.remoteSha}`);
  }
  const name = await remoteName(remote, url, cwd);
  return { revisions: [...new Set(include), ...new Set(exclude)], ...(name ? { notOnRemote: name } : {}) };
}

/** The range when the pre-commit framework runs this hook (it consumed stdin). */
export function preCommitFrameworkRange(env: NodeJS.ProcessEnv): HistoryRange | undefined {
  const to = env.PRE_COMMIT_TO_REF ?? env.PRE_COMMIT_SOURCE;
  const from = env.PRE_COMMIT_FROM_REF ?? env.PRE_COMMIT_ORIGIN;
  const remote = env.PRE_COMMIT_REMOTE_NAME || undefined;
  if (to) return { revisions: from && !isZero(from) ? [`${from}..${to}`] : [to], ...(remote ? { notOnRemote: remote } : {}) };
  // Pushing a branch whose every commit is new: pre-commit sets no refs, only the branch.
  if (env.PRE_COMMIT_LOCAL_BRANCH) return { revisions: [env.PRE_COMMIT_LOCAL_BRANCH], ...(remote ? { notOnRemote: remote } : {}) };
  return undefined;
}

export async function runPrePush(args: string[], stdin: string): Promise<number> {
  const cwd = process.cwd();
  const [remote, url] = args;
  const updates = parseRefUpdates(stdin);
  // Git always sends well-formed lines; text that is not one means the hook cannot tell what is pushed.
  if (updates.length === 0 && stdin.trim() !== '' && !process.env.PRE_COMMIT) {
    throw new Error('the pre-push hook received input it could not read as "<local ref> <sha> <remote ref> <sha>" lines');
  }
  const range = updates.length > 0 ? await pushRange(updates, remote, cwd, url) : process.env.PRE_COMMIT ? preCommitFrameworkRange(process.env) : undefined;
  if (!range) return 0;
  const [{ scanHistory }, { suppressionSummary }] = await Promise.all([import('../scanners.js'), import('../report/suppressions.js')]);
  // Each ref's commits are checked with the configuration committed at its tip (what is pushed).
  const result = await scanHistory({ cwd, ...range, configAtTips: true });
  const blocking = result.findings.filter((f) => f.severity === 'block');
  // What the configuration kept out is said on every push, blocked or not.
  const trace = [suppressionSummary(result.suppressed), ...(result.notices ?? [])].filter(Boolean).map((line) => `keyfence: ${line}\n`).join('');
  if (trace) process.stderr.write(trace);
  if (blocking.length === 0) return 0;
  const heads = new Set(updates.length > 0 ? updates.map((u) => u.localSha) : await frameworkHeads(process.env, cwd));
  const commits = await oldestFirst([...new Set(blocking.map((f) => f.commit?.sha ?? ''))].filter(Boolean), cwd);
  process.stderr.write(report(blocking, commits, heads, remote));
  return 1;
}

/** Commits ordered by how many ancestors they have: an ancestor always comes before its descendants. */
async function oldestFirst(shas: string[], cwd: string): Promise<string[]> {
  const depth = new Map<string, number>();
  for (const sha of shas.slice(0, 20)) {
    try {
      depth.set(sha, Number.parseInt((await runGit(['rev-list', '--count', sha], { cwd })).toString('utf8'), 10));
    } catch {
      depth.set(sha, Number.MAX_SAFE_INTEGER);
    }
  }
  return [...shas].sort((a, b) => (depth.get(a) ?? Number.MAX_SAFE_INTEGER) - (depth.get(b) ?? Number.MAX_SAFE_INTEGER));
}

function report(findings: readonly Finding[], commits: readonly string[], heads: ReadonlySet<string>, remote: string | undefined): string {
  const style = createStyle(process.stderr);
  const out = [
    style.bold(style.red(`keyfence blocked this push${remote ? ` to ${remote}` : ''}: ${findings.length === 1 ? 'a secret' : `${findings.length} secrets`} in ${commits.length === 1 ? 'a commit' : `${commits.length} commits`} being pushed.`)),
    '',
  ];
  for (const finding of findings) out.push(...findingLines(finding, style), `    ${finding.suggestion}`, '');
  out.push('Nothing was sent. Rewrite the commit so that it never contained the key, then push again.');
  const tipOnly = commits.every((sha) => heads.has(sha));
  if (tipOnly) {
    out.push('  The secret is in the last commit of the branch: remove it (read it from the environment instead), then');
    out.push('    git add -A && git commit --amend --no-edit');
  } else {
    const oldest = commits[0] as string;
    out.push('  The secret is in an earlier commit: edit that commit with an interactive rebase:');
    out.push(`    git rebase -i ${oldest.slice(0, 12)}~1      (use --root if it is the first commit)`);
    out.push('    mark it "edit", remove the key, git add -A && git commit --amend --no-edit, git rebase --continue');
    out.push('  (Removing the line in a new commit is not enough: the old commit would still be pushed.)');
  }
  if (findings.some((f) => f.file === COMMIT_MESSAGE_FILE)) {
    out.push('  A key in a commit message: reword it with git commit --amend (last commit) or "reword" in git rebase -i.');
  }
  out.push(
    'A key that was ever pushed anywhere (another remote, a fork, a CI run) or shared must still be revoked:',
    ...revokeLines(findings, style),
    style.dim('Bypass the check (not recommended): git push --no-verify'),
  );
  return `${out.join('\n')}\n`;
}

/** Under the pre-commit framework: the commit being pushed, from its environment. */
async function frameworkHeads(env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  const ref = env.PRE_COMMIT_TO_REF ?? env.PRE_COMMIT_SOURCE ?? env.PRE_COMMIT_LOCAL_BRANCH;
  if (!ref) return [];
  try {
    return [(await runGit(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`], { cwd })).toString('utf8').trim()];
  } catch {
    return [];
  }
}

async function hasCommit(sha: string, cwd: string): Promise<boolean> {
  try {
    await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd });
    return true;
  } catch {
    return false;
  }
}

/** The configured remote pushed to: by name, or the one whose URL is the URL pushed to. */
async function remoteName(remote: string | undefined, url: string | undefined, cwd: string): Promise<string | undefined> {
  if (remote === undefined) return undefined;
  let config: string;
  try {
    config = (await runGit(['config', '--get-regexp', '^remote\\..*\\.url$'], { cwd })).toString('utf8');
  } catch {
    return undefined; // no remotes configured
  }
  const remotes = config
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return { name: line.slice('remote.'.length, line.lastIndexOf('.url', space)), url: line.slice(space + 1) };
    });
  if (remotes.some((r) => r.name === remote)) return remote;
  return remotes.find((r) => r.url === (url ?? remote))?.name;
}
