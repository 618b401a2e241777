// The one way keyfence runs a program other than git (git has its own runner, src/git/exec.ts, tuned
// for the hooks). node:child_process, not execa: the package ships without dependencies, and these calls
// are few and wait for the whole output anyway.
import { spawnSync } from 'node:child_process';
import { UsageError } from '../types.js';

export interface ProgramOptions {
  cwd: string;
  /** The whole environment of the program (default: keyfence's own). */
  env?: NodeJS.ProcessEnv;
  /** Bounds the output held; past it, the run fails. */
  maxBuffer?: number;
}

export interface ProgramResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` to completion. A program that cannot be started (not on PATH, not executable) throws a
 * UsageError that says so, naming `purpose`; any exit status is returned, for the caller to judge.
 */
export function runProgram(command: string, args: readonly string[], purpose: string, options: ProgramOptions): ProgramResult {
  // Windows runs npm through npm.cmd, which only a shell can start.
  const viaShell = process.platform === 'win32' && !/[\\/]/.test(command) && !command.endsWith('.exe');
  const result = spawnSync(viaShell ? `${command}.cmd` : command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
    shell: viaShell,
    windowsHide: true,
  });
  const error = result.error as NodeJS.ErrnoException | undefined;
  if (error) {
    if (error.code === 'ENOENT') throw new UsageError(`${command} was not found on PATH; keyfence needs it ${purpose}.`, { cause: error });
    throw new UsageError(`could not run ${command} ${purpose}: ${error.message}`, { cause: error });
  }
  return {
    status: result.status ?? -1,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
  };
}
