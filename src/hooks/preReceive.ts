// Runtime of a server's pre-receive hook: the one place a client cannot skip with --no-verify. git
// passes one line per ref on stdin, `<old sha> SP <new sha> SP <ref name>`; the commits to scan are the
// new ones, those not reachable from any ref the server already has (`<new> --not --all`: during
// pre-receive the refs still point at their old values). What the hook prints reaches the pusher as
// `remote:` lines.
import type { Finding } from '../types.js';
import { COMMIT_MESSAGE_FILE } from '../source/historyPatch.js';
import { formatBlockedReport } from './report.js';
import { plainStyle } from '../report/style.js';
import { isZeroId, parseReceivedRefs } from '../git/refUpdates.js';

export function newTips(stdin: string): string[] {
  return [
    ...new Set(
      parseReceivedRefs(stdin)
        .map((u) => u.newSha)
        .filter((sha) => !isZeroId(sha)),
    ),
  ];
}

/** Fails closed: a push keyfence could not check is rejected, with the cause. */
export async function runPreReceive(stdin: string): Promise<number> {
  try {
    return await check(stdin);
  } catch (error) {
    process.stderr.write(
      `keyfence could not check this push, so the server rejected it.\nCause: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
}

async function check(stdin: string): Promise<number> {
  const tips = newTips(stdin);
  if (tips.length === 0) return 0;
  const { scanHistory } = await import('../scanners.js');
  // The config as pushed (the first new tip), so that the server agrees with the pusher's own hooks.
  const result = await scanHistory({ cwd: process.cwd(), revisions: tips, notOnAnyRef: true, configRevision: tips[0] });
  const { assertFullySearched } = await import('../commands/completeness.js');
  const blocking = result.findings.filter((f) => f.severity === 'block');
  if (blocking.length === 0) {
    assertFullySearched(result, 'push');
    return 0;
  }
  process.stderr.write(report(blocking));
  // A file it could not search fully rejects the push too, said after the secrets.
  assertFullySearched(result, 'push');
  return 1;
}

function report(findings: readonly Finding[]): string {
  return formatBlockedReport(
    {
      headline: `keyfence rejected this push: ${findings.length === 1 ? 'a secret' : `${findings.length} secrets`} in the pushed commits.`,
      findings,
      fix: [
        'Rewrite the commits so that they never contained the key (git commit --amend, or git rebase -i <commit>~1),',
        ...(findings.some((f) => f.file === COMMIT_MESSAGE_FILE) ? ['reword a commit message that holds one,'] : []),
        'read the value from an environment variable instead, and push again. The server kept nothing of this push;',
      ],
      revoke: 'if the key was ever pushed or shared anywhere else, revoke it:',
    },
    plainStyle,
  );
}
