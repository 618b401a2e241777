// keyfence fix [--dry-run | --recover] [paths...]: moves the secrets found in what is staged (or in the
// given paths) into .env and rewrites the code to read them from the environment.
import { UsageError } from '../types.js';

const help = `Usage: keyfence fix [--dry-run | --recover] [paths...]

Moves secrets found in what is staged (or in the given paths) into .env, rewrites the code to read
them from the environment, keeps .env git-ignored, adds the names to .env.example, and re-stages
the changed files. Unstaged changes are kept.

Every value is written to a journal under .git (mode 600) before any file changes. If a fix is
interrupted (Ctrl-C undoes it; a crash or kill -9 leaves the journal), the next keyfence fix
finishes it first.

  --dry-run   show the changes as a diff (secrets and .env values masked) without making them
  --recover   only finish a fix that was interrupted`;

export async function run(argv: string[]): Promise<number> {
  let dryRun = false;
  let recoverOnly = false;
  const paths: string[] = [];
  let literal = false;
  for (const arg of argv) {
    if (literal) paths.push(arg);
    else if (arg === '--dry-run' || arg === '-n') dryRun = true;
    else if (arg === '--recover') recoverOnly = true;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${help}\n`);
      return 0;
    } else if (arg === '--') literal = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" for fix. Run "keyfence fix --help".`);
    else paths.push(arg);
  }
  if (dryRun && recoverOnly) throw new UsageError('--dry-run and --recover do not go together');
  // The scanner and the planner load only once a fix that was interrupted is out of the way.
  const [{ Git }, apply, { readJournal, journalFolder }, { heldSignal, Interrupted }, { realDirectory }] = await Promise.all([
    import('../fix/git.js'),
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
      if (await readJournal(await journalFolder(git))) throw new UsageError('a keyfence fix was interrupted here; run keyfence fix --recover (or keyfence fix) to finish it first');
    } else {
      const recovery = await apply.recoverFix(git);
      if (recovery) process.stdout.write(apply.renderRecovery(recovery));
      if (recoverOnly) {
        if (!recovery) process.stdout.write('keyfence fix: no interrupted fix to finish\n');
        return recovery?.conflicts.length ? 1 : 0;
      }
    }
    const [{ planFix }, scanners, { nextSteps }] = await Promise.all([import('../fix/plan.js'), import('../scanners.js'), import('../fix/nextSteps.js')]);
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
