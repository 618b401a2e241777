// The one way keyfence runs git: every command in src/ goes through here (the functions of src/git/ name
// what they ask). It uses node:child_process rather than execa on purpose: this is the pre-commit hot
// path, and loading execa costs more start-up time than the whole scan of a small commit
// (shared/research/ecosystem.md §5.1). execa is a devDependency, for the tests and benchmarks.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { UsageError } from '../types.js';

/**
 * Options every keyfence git call shares: no pager, no colour, paths from the top of the work tree
 * (diff.relative=true would limit a diff to the current directory and make its paths relative to it;
 * a config setting, unlike --no-relative, is understood by every git version).
 */
export const BASE_ARGS = ['-c', 'core.quotepath=off', '-c', 'color.ui=false', '-c', 'diff.relative=false', '--no-pager'];

export interface GitOptions {
  cwd: string;
  input?: string | Uint8Array;
  /** Extra environment; the caller's environment (GIT_INDEX_FILE, GIT_DIR...) is always inherited. */
  env?: NodeJS.ProcessEnv;
}

/** Starts git and hands back the process, for callers that stream its output. */
export function spawnGit(args: string[], options: GitOptions): ChildProcessWithoutNullStreams {
  const child = spawn('git', [...BASE_ARGS, ...args], {
    cwd: options.cwd,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  return child;
}

/**
 * Runs git to completion and returns stdout; a non-zero exit becomes a UsageError quoting git.
 * Synchronous underneath: every caller waits for the whole output anyway, and spawnSync sets up no
 * streams or sockets for the pipes (a few milliseconds of every hook).
 */
export function runGit(args: string[], options: GitOptions): Promise<Buffer> {
  try {
    return Promise.resolve(runGitSync(args, options));
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** runGit without the promise; `maxBuffer` bounds the output held (past it, an ENOBUFS error). */
export function runGitSync(args: string[], options: GitOptions & { maxBuffer?: number }): Buffer {
  const result = runGitStatus(args, options);
  if (result.code !== 0) throw gitFailed(args, result.code, result.stderr.toString('utf8'));
  return result.stdout;
}

export interface GitResult {
  /** git's exit status; null when it was killed by a signal. */
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

/**
 * Runs git to completion and returns its exit status with its output, for the callers to whom a
 * non-zero status is an answer (check-ignore, cat-file -e). A git that cannot be started throws.
 */
export function runGitStatus(args: string[], options: GitOptions & { maxBuffer?: number }): GitResult {
  const result = spawnSync('git', [...BASE_ARGS, ...args], {
    cwd: options.cwd,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    input: options.input,
    maxBuffer: options.maxBuffer ?? Infinity,
    windowsHide: true,
  });
  const error = result.error as NodeJS.ErrnoException | undefined;
  // git may exit before reading all its input (EPIPE, e.g. outside a repository): its exit code and
  // stderr tell what happened.
  if (error && error.code !== 'EPIPE') {
    if (error.code === 'ENOBUFS') throw error;
    throw gitMissing(error);
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** True when git exits 0; false on any other status and when git cannot be run at all. */
export function gitSucceeds(args: string[], options: GitOptions): boolean {
  try {
    return runGitStatus(args, options).code === 0;
  } catch {
    return false;
  }
}

export function gitMissing(error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new UsageError('git was not found on PATH; keyfence needs git to read what is staged.', { cause: error });
  return new UsageError(`could not run git: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

export function gitFailed(args: string[], code: number | null, stderr: string): UsageError {
  const message = stderr.trim().split('\n').slice(0, 6).join('\n') || `exit code ${code}`;
  if (/not a git repository/i.test(message)) {
    return new UsageError(
      'not a git repository (or any of the parent directories). Run keyfence inside a git work tree, or scan paths with "keyfence scan <paths>".',
    );
  }
  if (/must be run in a work tree/i.test(message)) {
    return new UsageError(
      'there is no work tree here (a bare repository or a .git directory): there is nothing staged to scan. Use "keyfence scan --history" for commits.',
    );
  }
  const command = args
    .filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-c')
    .slice(0, 2)
    .join(' ');
  return new UsageError(`git ${command} failed: ${message}`);
}
