// The few git operations `keyfence fix` needs, run in the repository root with paths relative to it.
import { execa } from 'execa';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../types.js';

export class Git {
  constructor(readonly root: string) {}

  static async open(cwd: string): Promise<Git> {
    const result = await execa('git', ['rev-parse', '--show-toplevel'], { cwd, reject: false });
    if (result.exitCode !== 0) throw new UsageError('not inside a git repository');
    return new Git(String(result.stdout).trim());
  }

  private async run(args: string[], input?: string | Uint8Array): Promise<{ code: number; stdout: string; stderr: string }> {
    const result = await execa('git', args, { cwd: this.root, reject: false, input, stripFinalNewline: false, encoding: 'utf8' });
    return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  private async ok(args: string[], input?: string | Uint8Array): Promise<string> {
    const result = await this.run(args, input);
    if (result.code !== 0) throw new UsageError(`git ${args[0]} failed: ${result.stderr.trim()}`);
    return result.stdout;
  }

  /** The index entry of a path (stage 0), or undefined when it is not in the index. */
  async indexEntry(path: string): Promise<{ mode: string; sha: string } | undefined> {
    // -z: paths come back verbatim (no quoting of spaces or non-ASCII characters).
    const out = await this.ok(['ls-files', '-s', '-z', '--', path]);
    const entries = out.split('\0').filter((e) => e.endsWith(`\t${path}`));
    if (entries.length === 0) return undefined;
    if (entries.length > 1 || !/^\d+ [0-9a-f]+ 0\t/.test(entries[0] as string)) throw new UsageError(`${path} has merge conflicts; resolve them first`);
    const [mode, sha] = (entries[0] as string).split(/[ \t]/);
    return { mode: mode as string, sha: sha as string };
  }

  async readBlob(sha: string): Promise<Uint8Array> {
    const result = await execa('git', ['cat-file', 'blob', sha], { cwd: this.root, reject: false, encoding: 'buffer', stripFinalNewline: false });
    if (result.exitCode !== 0) throw new UsageError(`git cat-file failed: ${Buffer.from(result.stderr).toString().trim()}`);
    return result.stdout;
  }

  /** Writes a blob as is (no filters: it is already in index form) and points the index entry at it. */
  async stage(path: string, text: string, mode: string): Promise<void> {
    const sha = (await this.ok(['hash-object', '-w', '--no-filters', '--stdin'], text)).trim();
    await this.ok(['update-index', '--add', '--cacheinfo', `${mode},${sha},${path}`]);
  }

  /** Stages a new file from the work tree, as `git add` would (filters included). */
  async add(path: string): Promise<void> {
    await this.ok(['add', '--', path]);
  }

  async untrack(path: string): Promise<void> {
    await this.ok(['rm', '--cached', '-q', '--', path]);
  }

  /** True when git ignores the path (whether or not it is tracked). */
  async isIgnored(path: string): Promise<boolean> {
    return (await this.run(['check-ignore', '-q', '--no-index', '--', path])).code === 0;
  }

  async indexFile(): Promise<string> {
    const path = (await this.ok(['rev-parse', '--git-path', 'index'])).trim();
    return isAbsolute(path) ? path : resolve(this.root, path);
  }
}
