// keyfence fix [--dry-run | --recover] [paths...]: moves the secrets found in what is staged (or in the
// given paths) into .env and rewrites the code to read them from the environment.
import { UsageError } from '../types.js';
import { parseCommand } from './commandLine.js';
import { fix as spec } from './specs/fix.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const dryRun = Boolean(parsed.values['dry-run']);
  const recoverOnly = Boolean(parsed.values.recover);
  const paths = parsed.positionals;
  // The scanner and the planner load only once a fix that was interrupted is out of the way.
  const [{ Git }, apply, { readJournal, journalFolder }, { heldSignal, Interrupted }, { realDirectory }] = await Promise.all([
    import('../git/repoIndex.js'),
    import('../fix/apply.js'),
    import('../fix/journal.js'),
    import('../fix/transaction.js'),
    import('../source/relativePath.js'),
  ]);
  try {
    // Findings' paths are relative to the real current directory (git resolves symlinks the same way).
    const cwd = realDirectory(process.cwd());
    const git = await Git.open(cwd);
    // A fix that was interrupted is finished before anything else is planned.
    if (dryRun) {
      if (await readJournal(await journalFolder(git)))
        throw new UsageError('a keyfence fix was interrupted here; run keyfence fix --recover (or keyfence fix) to finish it first');
    } else {
      const recovery = await apply.recoverFix(git);
      if (recovery) process.stdout.write(apply.renderRecovery(recovery));
      if (recoverOnly) {
        if (!recovery) process.stdout.write('keyfence fix: no interrupted fix to finish\n');
        return recovery?.conflicts.length ? 1 : 0;
      }
    }
    const [{ planFix }, scanners, { nextSteps }] = await Promise.all([
      import('../fix/plan.js'),
      import('../scanners.js'),
      import('../fix/nextSteps.js'),
    ]);
    // With paths, both what is staged there and what is on disk: the commit and the work tree get fixed.
    const staged = await scanners.scanStaged({ cwd, paths: paths.length ? paths : undefined });
    const onDisk = paths.length ? (await scanners.scanPaths({ cwd, paths })).findings : [];
    const plan = await planFix(git, [...staged.findings, ...onDisk], cwd);
    if (dryRun) process.stdout.write(apply.renderDiff(plan));
    else await apply.applyPlan(git, plan);
    process.stdout.write(apply.renderSummary(plan, dryRun, nextSteps(git.root, plan)));
    const late = heldSignal();
    if (late && !dryRun) {
      process.stderr.write(`keyfence: ${late} arrived once the fix was complete; it is kept\n`);
      return new Interrupted(late).exitCode;
    }
    return plan.adviceOnly.length ? 1 : 0;
  } catch (error) {
    if (error instanceof apply.FixInterrupted) {
      process.stderr.write(`keyfence: ${apply.printable(error.message)}\n`);
      return error.exitCode;
    }
    // File names and git's words reach the terminal: no control characters.
    if (error instanceof UsageError) throw new UsageError(apply.printable(error.message), { cause: error });
    throw error;
  }
}
