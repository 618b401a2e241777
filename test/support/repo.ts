// Real git repositories in temp directories, for end-to-end tests. No mocks of git.
import { execa, type Result } from 'execa';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(projectRoot, 'dist', 'cli.js');

let cliForAnyUser: string | undefined;

/**
 * The built CLI copied where any user can read it, for tests that drop root to `nobody` (permissions
 * do not stop root): a CI checkout may sit in a folder that only its owner can enter.
 */
export function cliPathForAnyUser(): string {
  if (!cliForAnyUser) {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-cli-'));
    for (const part of ['dist', 'hooks', 'package.json']) cpSync(join(projectRoot, part), join(dir, part), { recursive: true });
    execFileSync('chmod', ['-R', 'a+rX', dir]);
    cliForAnyUser = join(dir, 'dist', 'cli.js');
  }
  return cliForAnyUser;
}

/** An environment free of the outer repository's git state and of the user's global config. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('GIT_') || key === 'HUSKY') continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.invalid',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.invalid',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions that do not care which stream. */
  all: string;
}

const toRunResult = (r: Result): RunResult => ({
  exitCode: r.exitCode ?? -1,
  stdout: String(r.stdout ?? ''),
  stderr: String(r.stderr ?? ''),
  all: `${String(r.stdout ?? '')}\n${String(r.stderr ?? '')}`,
});

export interface RunOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string>;
}

export class TestRepo {
  private constructor(
    readonly dir: string,
    readonly home: string,
    readonly env: Record<string, string>,
  ) {}

  /** A fresh repository (`git init -b main`), or a bare one. */
  static async create(options: { bare?: boolean; env?: Record<string, string> } = {}): Promise<TestRepo> {
    const base = await mkdtemp(join(tmpdir(), 'keyfence-test-'));
    const dir = join(base, 'repo');
    const home = join(base, 'home');
    await mkdir(dir);
    await mkdir(home);
    const repo = new TestRepo(dir, home, isolatedEnv(home, options.env));
    await repo.git(['init', '-q', '-b', 'main', ...(options.bare ? ['--bare'] : [])]);
    return repo;
  }

  /** Runs git in the repository; never throws on a non-zero exit. */
  git(args: string[], options: RunOptions = {}): Promise<RunResult> {
    return this.run('git', args, options);
  }

  /** Runs git and throws with its output when it fails. */
  async gitOk(args: string[], options: RunOptions = {}): Promise<string> {
    const result = await this.git(args, options);
    if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed (${result.exitCode}):\n${result.all}`);
    return result.stdout;
  }

  /** Runs the built keyfence CLI. */
  keyfence(args: string[], options: RunOptions = {}): Promise<RunResult> {
    return this.run(process.execPath, [cliPath, ...args], options);
  }

  /** Runs any command in the repository, in its isolated environment; never throws on a non-zero exit. */
  async run(file: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
    const result = await execa(file, args, {
      cwd: options.cwd ?? this.dir,
      env: { ...this.env, ...options.env },
      extendEnv: false,
      reject: false,
      input: options.input,
      stripFinalNewline: false,
    });
    return toRunResult(result);
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  async write(file: string, content: string | Uint8Array, mode?: number): Promise<void> {
    const full = this.path(file);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
    if (mode !== undefined) await chmod(full, mode);
  }

  async read(file: string): Promise<string> {
    return readFile(this.path(file), 'utf8');
  }

  /** Writes, stages and commits (with --no-verify unless asked), for setting up history. */
  async commitFiles(files: Record<string, string>, message = 'setup', options: { verify?: boolean } = {}): Promise<RunResult> {
    for (const [file, content] of Object.entries(files)) await this.write(file, content);
    await this.gitOk(['add', '--', ...Object.keys(files)]);
    return this.git(['commit', '-q', '-m', message, ...(options.verify ? [] : ['--no-verify'])]);
  }

  /**
   * Makes `keyfence` resolvable the way a user's install would: node_modules/.bin/keyfence in the repo,
   * pointing at the built CLI.
   */
  async linkLocalBin(): Promise<void> {
    const bin = this.path('node_modules', '.bin', 'keyfence');
    await mkdir(dirname(bin), { recursive: true });
    await writeFile(bin, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`);
    await chmod(bin, 0o755);
  }

  async cleanup(): Promise<void> {
    await rm(dirname(this.dir), { recursive: true, force: true });
  }
}
