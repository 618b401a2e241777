// `keyfence hook <name>`: what the installed git hooks run. A hook fails closed: if keyfence cannot
// check a commit, the commit is blocked with the cause and the bypass, never silently let through.
import { writeSync } from 'node:fs';
import { UsageError } from '../types.js';
import { bypassOf, type Operation } from '../install/operation.js';
import { preCommit } from '../hooks/preCommit.js';

export async function run(argv: string[]): Promise<number> {
  const code = await dispatch(argv);
  if (code === 0) confirm();
  return code;
}

/**
 * Tells the hook script (hooks/git-hook.sh, or keyfence's husky line) that the check ran to its end and
 * passed: it writes back the token the script passed, on stdout, which no hook report uses. A script
 * accepts exit status 0 only with this reply, so a broken install that exits 0 without running still
 * blocks.
 */
function confirm(): void {
  const token = process.env.KEYFENCE_HOOK_TOKEN;
  if (token !== undefined && /^[\w.-]{1,64}$/.test(token)) writeSync(1, `keyfence-ok ${token}\n`);
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // Each hook's runtime is its module in src/hooks/.
  switch (name) {
    case 'pre-commit':
    case 'pre-merge-commit':
      return guarded('commit', () => preCommit(rest, 'commit'));
    // `git am`: after the patch is applied to the index, before its commit.
    case 'pre-applypatch':
      return guarded('am', () => preCommit(rest, 'am'));
    case 'commit-msg':
      return guarded('commit', async () => (await import('../hooks/commitMsg.js')).runCommitMsg(rest));
    case 'applypatch-msg':
      return guarded('am', async () => (await import('../hooks/commitMsg.js')).runCommitMsg(rest, 'am'));
    case 'pre-push':
      return guarded('push', async () => (await import('../hooks/prePush.js')).runPrePush(rest, await readStdin()));
    case 'pre-receive': // on a server: not installed by `keyfence install`, see docs/ci.md
      return (await import('../hooks/preReceive.js')).runPreReceive(await readStdin());
    default:
      throw new UsageError(
        `unknown hook "${name ?? ''}"; keyfence runs as pre-commit, pre-merge-commit, commit-msg, pre-push, applypatch-msg or pre-applypatch.`,
      );
  }
}

/** All of stdin (git writes the pushed refs there); nothing when it is a terminal. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs a hook body; any error blocks the operation with a one-paragraph explanation. */
async function guarded(operation: Operation, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const cause = error instanceof UsageError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    const what = operation === 'am' ? 'patch (git am)' : operation;
    process.stderr.write(
      `keyfence could not check this ${what}, so it was stopped rather than let through unchecked.\n` +
        `Cause: ${cause}\n` +
        `Fix the cause and try again, or bypass the check once with: ${bypassOf(operation)}\n`,
    );
    return 2;
  }
}
