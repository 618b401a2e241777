// The other places a rotated key lives, written through the user's own CLIs: a GitHub Actions secret
// (`gh secret set`) and a Vercel environment variable (`vercel env add`). The value reaches each program
// on standard input only: a command line is visible to every user of the machine (ps, /proc) and may be
// logged.
import { runProgram } from '../process/run.js';
import { UsageError } from '../types.js';

export const STORE_KINDS = ['gh', 'vercel'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export const VERCEL_ENVIRONMENTS = ['production', 'preview', 'development'] as const;
export type VercelEnvironment = (typeof VERCEL_ENVIRONMENTS)[number];

export interface StoreCommand {
  /** What the user reads: `GitHub secret OPENAI_API_KEY (owner/repo)`. */
  label: string;
  program: string;
  args: string[];
  /** Completes "keyfence needs it ..." when the program is missing. */
  purpose: string;
}

export interface StoreOutcome {
  command: StoreCommand;
  ok: boolean;
  /**
   * Why it failed: the program missing, or its exit status and what it printed, whole and unmasked:
   * mask it before `clip` (a cut key would no longer be recognised, and would show).
   */
  problem?: string;
}

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `owner/repo` or `host/owner/repo`, as gh's --repo takes it. */
const GH_REPO = /^(?:[A-Za-z0-9.-]+\/)?[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Why GitHub would refuse `name` as an Actions secret name, with a name it would take; undefined if none. */
export function ghSecretNameProblem(name: string): string | undefined {
  if (!SECRET_NAME.test(name)) return `"${name}" is not a GitHub secret name (letters, digits and _, not starting with a digit)`;
  if (/^GITHUB_/i.test(name)) {
    const suggestion = `GH_${name.slice('GITHUB_'.length)}`;
    return `GitHub refuses secret names that start with GITHUB_; choose another with --gh-name, e.g. --gh-name ${suggestion} (and read that name in your workflow: \${{ secrets.${suggestion} }})`;
  }
  return undefined;
}

export function ghRepoProblem(repo: string): string | undefined {
  return GH_REPO.test(repo) ? undefined : `--gh-repo must be OWNER/REPO (or HOST/OWNER/REPO), not "${repo}"`;
}

// gh ships as gh.exe on Windows; vercel is an npm package, started through vercel.cmd (the runner's
// default for a bare name there).
const GH = process.platform === 'win32' ? 'gh.exe' : 'gh';

export function ghCommand(secretName: string, repo?: string): StoreCommand {
  const problem = ghSecretNameProblem(secretName) ?? (repo === undefined ? undefined : ghRepoProblem(repo));
  if (problem) throw new UsageError(`rotate: ${problem}`);
  return {
    label: `GitHub secret ${secretName}${repo ? ` (${repo})` : ''}`,
    program: GH,
    // Without --body (or --env-file) and with standard input not a terminal, gh reads the value from it.
    args: ['secret', 'set', secretName, ...(repo ? ['--repo', repo] : [])],
    purpose: 'to store the new value as a GitHub secret (https://cli.github.com)',
  };
}

export function vercelCommand(name: string, environment: VercelEnvironment): StoreCommand {
  return {
    label: `Vercel ${environment} variable ${name}`,
    program: 'vercel',
    // --force replaces the variable when it exists, which is the usual case for a rotation.
    args: ['env', 'add', name, environment, '--force'],
    purpose: 'to store the new value as a Vercel environment variable (https://vercel.com/docs/cli)',
  };
}

/** Runs one store command with the value on standard input. Never throws for a missing or failing program. */
export function runStore(command: StoreCommand, value: string, cwd: string): StoreOutcome {
  try {
    const result = runProgram(command.program, command.args, command.purpose, { cwd, input: value, maxBuffer: 1024 * 1024 });
    if (result.status === 0) return { command, ok: true };
    const said = result.stderr.trim() || result.stdout.trim();
    return { command, ok: false, problem: `${command.program} exited with status ${result.status}${said ? `: ${said}` : ''}` };
  } catch (error) {
    if (error instanceof UsageError) return { command, ok: false, problem: error.message };
    throw error;
  }
}

/** At most three lines of 200 characters, control characters removed: enough to say what went wrong. */
export function clip(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 3)
    .map((line) => line.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200))
    .join(' / ');
}
