// `keyfence hook <name>`: what the installed git hooks run. A hook fails closed: if keyfence cannot
// check a commit, the commit is blocked with the cause and the bypass, never silently let through.
import { UsageError } from '../types.js';

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  switch (name) {
    case 'pre-commit':
    case 'pre-merge-commit':
      return guarded('commit', () => preCommit(rest));
    // commit-msg and pre-push runtimes live in src/push/.
    case 'commit-msg':
      return guarded('commit', async () => (await import('../push/commitMsg.js')).runCommitMsg(rest));
    case 'pre-push':
      return guarded('push', async () => (await import('../push/prePush.js')).runPrePush(rest, await readStdin()));
    case 'pre-receive': // on a server: not installed by `keyfence install`, see docs/ci.md
      return (await import('../push/preReceive.js')).runPreReceive(await readStdin());
    default:
      throw new UsageError(`unknown hook "${name ?? ''}"; keyfence runs as pre-commit, commit-msg or pre-push.`);
  }
}

async function preCommit(argv: string[]): Promise<number> {
  const [{ parseCommandArgs }, { allowReveal }, { assertStagedComplete }, { scanStaged }, { formatText }, { lazyStyle, onFirstUse }] = await Promise.all([
    import('./args.js'),
    import('./reveal.js'),
    import('./completeness.js'),
    import('../scanners.js'),
    import('../report/text.js'),
    import('../report/style.js'),
  ]);
  const { values, positionals } = parseCommandArgs('hook pre-commit', argv, {
    'show-secrets': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  });
  // The report goes to stderr (git shows a hook's output there); a clean commit never touches it.
  const stderr = onFirstUse(() => process.stderr);
  const reveal = allowReveal(values, stderr, 'standard error');
  const result = await scanStaged({ paths: positionals });
  const report = formatText(result, { style: lazyStyle(stderr), mode: 'commit', reveal });
  if (report) process.stderr.write(report);
  assertStagedComplete(result);
  return result.findings.some((f) => f.severity === 'block') ? 1 : 0;
}

/** All of stdin (git writes the pushed refs there); nothing when it is a terminal. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs a hook body; any error blocks the operation with a one-paragraph explanation. */
async function guarded(operation: 'commit' | 'push', body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const cause = error instanceof UsageError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(
      `keyfence could not check this ${operation}, so it was stopped rather than let through unchecked.\n` +
        `Cause: ${cause}\n` +
        `Fix the cause and try again, or bypass the check once with: git ${operation} --no-verify\n`,
    );
    return 2;
  }
}
