// A long-running git command whose output is read as it comes (`git log -p` of a whole history), and
// the commit list a history scan splits between several of them. Fails closed: a git that exits
// non-zero ends the stream with an error quoting git, even after its output has been read.
import { gitFailed, gitMissing, runGit, spawnGit } from './exec.js';

export interface GitStreamOptions {
  cwd: string;
  /** Written to git's standard input, which is then closed (e.g. commits for `--stdin`). */
  input?: string;
  /** Kills git: the stream then ends with an error. */
  signal?: AbortSignal;
}

/**
 * Runs git and yields its standard output as complete lines, without their newline, one batch per chunk
 * read (a minified line may span many chunks). Stopping early kills git.
 */
export async function* gitOutputLines(args: string[], options: GitStreamOptions): AsyncGenerator<string[]> {
  let child: ReturnType<typeof spawnGit>;
  try {
    child = spawnGit(args, { cwd: options.cwd });
  } catch (error) {
    throw gitMissing(error);
  }
  const kill = () => child.kill();
  options.signal?.addEventListener('abort', kill, { once: true });
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(gitMissing(error)));
    child.on('close', (code) => resolve(code));
  });
  exited.catch(() => undefined);

  let completed = false;
  try {
    child.stdout.setEncoding('utf8');
    // Pieces of a line not yet ended: joined only once the line ends.
    let pending: string[] = [];
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      const lines: string[] = [];
      let from = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', from)) {
        const piece = chunk.slice(from, nl);
        lines.push(pending.length > 0 ? pending.join('') + piece : piece);
        pending = [];
        from = nl + 1;
      }
      if (from < chunk.length) pending.push(chunk.slice(from));
      if (lines.length > 0) yield lines;
    }
    if (pending.length > 0) yield [pending.join('')];
    const code = await exited;
    // Named by its subcommand alone ("git log failed"): the rest is keyfence's own options.
    if (code !== 0) throw gitFailed(args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-c').slice(0, 1), code, stderr);
    completed = true;
  } finally {
    options.signal?.removeEventListener('abort', kill);
    if (!completed && child.exitCode === null) child.kill();
  }
}

/** The commits `revisionArgs` name, in the order `git log` with the same arguments shows them. */
export async function listCommits(cwd: string, revisionArgs: readonly string[]): Promise<string[]> {
  const stdout = await runGit(['rev-list', ...revisionArgs, '--'], { cwd });
  return stdout
    .toString('latin1')
    .split('\n')
    .filter((line) => line.length > 0);
}
