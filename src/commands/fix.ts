// keyfence fix [--dry-run] [paths...]: moves the secrets found in what is staged (or in the given
// paths) into .env and rewrites the code to read them from the environment.
import { UsageError } from '../types.js';

const help = `Usage: keyfence fix [--dry-run] [paths...]

Moves secrets found in what is staged (or in the given paths) into .env, rewrites the code to read
them from the environment, keeps .env git-ignored, adds the names to .env.example, and re-stages
the changed files. Unstaged changes are kept.

  --dry-run   show the changes as a diff (secrets masked) without making them`;

export async function run(argv: string[]): Promise<number> {
  let dryRun = false;
  const paths: string[] = [];
  for (const arg of argv) {
    if (arg === '--dry-run' || arg === '-n') dryRun = true;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${help}\n`);
      return 0;
    } else if (arg === '--') continue;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" for fix. Run "keyfence fix --help".`);
    else paths.push(arg);
  }
  const [{ Git }, { planFix }, { applyPlan, renderDiff, renderSummary }, scanners, { realDirectory }] = await Promise.all([
    import('../fix/git.js'),
    import('../fix/plan.js'),
    import('../fix/apply.js'),
    import('../scanners.js'),
    import('../source/relativePath.js'),
  ]);
  // Findings' paths are relative to the real current directory (git resolves symlinks the same way).
  const cwd = realDirectory(process.cwd());
  const git = await Git.open(cwd);
  // With paths, both what is staged there and what is on disk: the commit and the work tree get fixed.
  const staged = await scanners.scanStaged({ cwd, paths: paths.length ? paths : undefined });
  const onDisk = paths.length ? (await scanners.scanPaths({ cwd, paths })).findings : [];
  const plan = await planFix(git, [...staged.findings, ...onDisk], cwd);
  if (dryRun) process.stdout.write(renderDiff(plan));
  else await applyPlan(git, plan);
  process.stdout.write(renderSummary(plan, dryRun));
  return plan.adviceOnly.length ? 1 : 0;
}
