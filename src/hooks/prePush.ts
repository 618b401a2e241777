// Runtime of the pre-push hook: scans what a push would send and blocks it when a secret is in it: the
// commits nothing vouches for (see pushScope.ts), the messages of annotated tags, and the ref names
// themselves. git passes the remote name and URL as arguments and one line per ref on stdin:
//   <local ref> SP <local sha> SP <remote ref> SP <remote sha>
// Under the pre-commit framework, which reads stdin itself, the ref comes from its PRE_COMMIT_*
// environment. After a push that passed, keyfence's push record is updated (pushRecord.ts).
import { commitCount, resolveRevision, trackingRefs } from '../git/refs.js';
import { isZeroId, parsePushedRefs, type PushedRef } from '../git/refUpdates.js';
import type { Finding } from '../types.js';
import { COMMIT_MESSAGE_FILE } from '../source/historyPatch.js';
import { createStyle } from '../report/style.js';
import { formatBlockedReport } from './report.js';
import { pushScope, type PushScope } from './pushScope.js';
import { addCleanTips, readRecord, recordFile, writeRecord, type PushRecord } from './pushRecord.js';

/**
 * Under the pre-commit framework: the one ref it passes (it hands its hooks only the first ref of a
 * push). Its PRE_COMMIT_FROM_REF may come from stale tracking refs, so it is not taken as the remote's
 * value: the scope is worked out as for any new ref.
 */
export async function preCommitFrameworkUpdates(env: NodeJS.ProcessEnv, cwd: string): Promise<PushedRef[]> {
  const to = env.PRE_COMMIT_TO_REF ?? env.PRE_COMMIT_SOURCE ?? env.PRE_COMMIT_LOCAL_BRANCH;
  if (!to) return [];
  const localSha = await resolveRevision(cwd, to);
  return [
    {
      localRef: env.PRE_COMMIT_LOCAL_BRANCH ?? to,
      localSha,
      remoteRef: env.PRE_COMMIT_REMOTE_BRANCH ?? '',
      remoteSha: '0'.repeat(localSha.length),
    },
  ];
}

export async function runPrePush(args: string[], stdin: string): Promise<number> {
  const cwd = process.cwd();
  let [remote, url] = args;
  const framework = Boolean(process.env.PRE_COMMIT);
  let updates = parsePushedRefs(stdin);
  // Git always sends well-formed lines; text that is not one means the hook cannot tell what is pushed.
  if (updates.length === 0 && stdin.trim() !== '' && !framework) {
    throw new Error('the pre-push hook received input it could not read as "<local ref> <sha> <remote ref> <sha>" lines');
  }
  if (updates.length === 0 && framework) {
    updates = await preCommitFrameworkUpdates(process.env, cwd);
    remote ??= process.env.PRE_COMMIT_REMOTE_NAME || undefined;
    url ??= process.env.PRE_COMMIT_REMOTE_URL || undefined;
  }
  const file = await recordFile(cwd);
  const record = readRecord(file);
  const scope = await pushScope(updates, remote, url, cwd, record);
  if (!scope) return 0;

  const [{ scanHistory, scanText }, { pushedTexts }, { repoConfig }, { assertFullySearched }, { suppressionSummary }] = await Promise.all([
    import('../scanners.js'),
    import('./pushedText.js'),
    import('./repoConfig.js'),
    import('../commands/completeness.js'),
    import('../report/suppressions.js'),
  ]);
  // Each ref's commits are checked with the configuration committed at its tip (what is pushed).
  const result = await scanHistory({ cwd, ...scope.range, configAtTips: true });
  const blocking = result.findings.filter((f) => f.severity === 'block');
  // What the configuration kept out is said on every push, blocked or not.
  const trace = [suppressionSummary(result.suppressed), ...(result.notices ?? [])]
    .filter(Boolean)
    .map((line) => `keyfence: ${line}\n`)
    .join('');
  if (trace) process.stderr.write(trace);
  const texts = await pushedTexts(updates, cwd);
  if (texts.length > 0) {
    const config = await repoConfig(cwd);
    for (const text of texts) blocking.push(...(await scanText(text.text, { file: text.file, config })).findings);
  }
  if (blocking.length === 0) {
    // A file it could not search fully stops the push, and nothing is recorded as clean.
    assertFullySearched(result, 'push');
    await remember(record, file, scope, updates, cwd);
    return 0;
  }
  const heads = new Set(updates.map((u) => u.localSha));
  const commits = await oldestFirst([...new Set(blocking.map((f) => f.commit?.sha ?? ''))].filter(Boolean), cwd);
  process.stderr.write(report(blocking, commits, heads, remote, scope, result.stats.commits));
  // A file it could not search fully stops the push too, and is said after the secrets.
  assertFullySearched(result, 'push');
  return 1;
}

/** After a push that passed: the tips it made clean, and what is now known of the remote. */
async function remember(record: PushRecord, file: string, scope: PushScope, updates: readonly PushedRef[], cwd: string): Promise<void> {
  if (scope.closed) {
    const tips = new Map<string, string>();
    for (const u of updates) if (!isZeroId(u.localSha)) tips.set(u.localRef.startsWith('refs/') ? u.localRef : u.localSha, u.localSha);
    addCleanTips(record, tips);
  }
  if (scope.remote) {
    const { name, urls } = scope.remote;
    const refs = await trackingRefs(cwd, name);
    const recorded = record.remotes[name];
    if (scope.trust.kind === 'trusted' && recorded) {
      for (const [ref, sha] of Object.entries(recorded.stale)) if (refs.get(ref) !== sha) delete recorded.stale[ref];
    } else {
      // From now on these URLs are the remote's; the refs already here may still come from before.
      record.remotes[name] = { ...urls, stale: Object.fromEntries(refs) };
    }
  }
  writeRecord(file, record);
}

/** Commits ordered by how many ancestors they have: an ancestor always comes before its descendants. */
async function oldestFirst(shas: string[], cwd: string): Promise<string[]> {
  const depth = new Map<string, number>();
  for (const sha of shas.slice(0, 20)) {
    try {
      depth.set(sha, await commitCount(cwd, sha));
    } catch {
      depth.set(sha, Number.MAX_SAFE_INTEGER);
    }
  }
  return [...shas].sort((a, b) => (depth.get(a) ?? Number.MAX_SAFE_INTEGER) - (depth.get(b) ?? Number.MAX_SAFE_INTEGER));
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n === 1 ? 'a' : n} ${n === 1 ? one : many}`;

function report(
  findings: readonly Finding[],
  commits: readonly string[],
  heads: ReadonlySet<string>,
  remote: string | undefined,
  scope: PushScope,
  scanned: number,
): string {
  const inCommits = findings.filter((f) => f.commit);
  const elsewhere = findings.filter((f) => !f.commit);
  const where = [
    ...(inCommits.length > 0 ? [`${plural(commits.length, 'commit')} being pushed`] : []),
    ...(elsewhere.some((f) => f.file !== '(ref name)') ? ['a tag message'] : []),
    ...(elsewhere.some((f) => f.file === '(ref name)') ? ['a branch or tag name'] : []),
  ];
  const fix = ['Nothing was sent.'];
  if (inCommits.length > 0) {
    fix.push('Rewrite the commit so that it never contained the key, then push again.');
    const tipOnly = commits.every((sha) => heads.has(sha));
    if (tipOnly) {
      fix.push('  The secret is in the last commit of the branch: remove it (read it from the environment instead), then');
      fix.push('    git add -A && git commit --amend --no-edit');
    } else {
      const oldest = commits[0] as string;
      fix.push('  The secret is in an earlier commit: edit that commit with an interactive rebase:');
      fix.push(`    git rebase -i ${oldest.slice(0, 12)}~1      (use --root if it is the first commit)`);
      fix.push('    mark it "edit", remove the key, git add -A && git commit --amend --no-edit, git rebase --continue');
      fix.push('  (Removing the line in a new commit is not enough: the old commit would still be pushed.)');
    }
    if (inCommits.some((f) => f.file === COMMIT_MESSAGE_FILE)) {
      fix.push('  A key in a commit message: reword it with git commit --amend (last commit) or "reword" in git rebase -i.');
    }
    fix.push(...scopeNote(scope, scanned));
  }
  if (elsewhere.some((f) => f.file !== '(ref name)')) {
    fix.push("  A key in an annotated tag's message: delete the tag (git tag -d <name>), tag again with another message, push that.");
  }
  if (elsewhere.some((f) => f.file === '(ref name)')) {
    fix.push(
      '  A key in a branch or tag name: give it another name (git branch -m <old> <new>; a tag: delete it and tag again), push that.',
    );
  }
  return formatBlockedReport(
    {
      headline: `keyfence blocked this push${remote ? ` to ${remote}` : ''}: ${plural(findings.length, 'secret')} in ${where.join(' and ')}.`,
      findings,
      underFinding: (finding) => (finding.commit ? [`    ${finding.suggestion}`] : []),
      fix,
      revoke: 'A key that was ever pushed anywhere (another remote, a fork, a CI run) or shared must still be revoked:',
      closing: 'Bypass the check (not recommended): git push --no-verify',
    },
    createStyle(process.stderr),
  );
}

/** Why commits that may already be on the remote were scanned, and the explicit way to accept them. */
function scopeNote(scope: PushScope, scanned: number): string[] {
  const count = `${scanned} commit${scanned === 1 ? '' : 's'}`;
  if (scope.trust.kind === 'trusted') return [];
  if (scope.trust.kind === 'none') {
    return [
      `  This push goes to a URL that is no configured remote: nothing tells what it already has, so every commit keyfence has not`,
      `  scanned clean before was checked (${count}).`,
    ];
  }
  const name = scope.trust.remote;
  const why =
    scope.trust.reason === 'url-changed'
      ? `${name}'s URL has changed since keyfence recorded where its tracking branches come from`
      : `keyfence has no record of where ${name}'s tracking branches come from`;
  return [
    `  ${why}, so they were not taken as what`,
    `  ${name} already has: every commit keyfence has not scanned clean before was checked (${count}). If ${name} does hold`,
    '  these commits (the same repository under a new URL, a mirror), accept its tracking branches as they are now:',
    '    npx --no-install keyfence install --trust-remotes',
    '  or accept secrets that are already public elsewhere with a baseline (npx --no-install keyfence baseline).',
  ];
}
