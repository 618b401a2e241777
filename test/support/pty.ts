// Runs a command on a pseudo-terminal, for the paths keyfence takes only on a terminal (the hidden
// prompt, the y/N questions). Node has no pty of its own and the package adds no dependency for tests,
// so python3's pty module holds the terminal: it forks the command on a new pty, copies what the test
// writes to the terminal's input and what the terminal shows to its own stdout.
import { execFileSync, spawn } from 'node:child_process';

const RELAY = `
import os, pty, select, signal, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
reading_input = True
while True:
    ready, _, _ = select.select([fd] + ([0] if reading_input else []), [], [])
    if fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 4096)
        if data:
            os.write(fd, data)
        else:
            reading_input = False
_, status = os.waitpid(pid, 0)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
`;

let python: string | null | undefined;

/** The python3 that can hold a pty, or null (then `ptyUnavailable` says why). */
function pythonWithPty(): string | null {
  if (python !== undefined) return python;
  python = null;
  for (const candidate of ['python3', 'python']) {
    try {
      // The absolute path: a pyenv shim may not work under the tests' isolated HOME.
      python = execFileSync(candidate, ['-c', 'import pty, select, sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
      break;
    } catch {
      // not installed, or without the pty module (Windows)
    }
  }
  return python;
}

/** Why no test can run on a pseudo-terminal here, or undefined when one can. */
export function ptyUnavailable(): string | undefined {
  if (process.platform === 'win32') return 'no pseudo-terminal on Windows (python pty needs POSIX)';
  const exe = pythonWithPty();
  if (!exe) return 'python3 with its pty module is not installed';
  try {
    execFileSync(exe, ['-c', RELAY, process.execPath, '-e', 'process.exit(process.stdin.isTTY && process.stderr.isTTY ? 0 : 3)'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    return undefined;
  } catch (error) {
    return `a command started through python's pty module does not see a terminal (${(error as Error).message.split('\n')[0]})`;
  }
}

export interface PtyOptions {
  cwd: string;
  env: Record<string, string>;
}

export class PtyRun {
  /** Everything the terminal showed so far (stdout and stderr of the command, and any echo). */
  output = '';
  readonly exit: Promise<number>;
  private readonly child;
  private waiters: { match: (text: string) => boolean; resolve: () => void }[] = [];

  constructor(file: string, args: string[], options: PtyOptions) {
    const exe = pythonWithPty();
    if (!exe) throw new Error(ptyUnavailable());
    this.child = spawn(exe, ['-c', RELAY, file, ...args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.output += chunk;
      const met = this.waiters.filter((w) => w.match(this.output));
      this.waiters = this.waiters.filter((w) => !met.includes(w));
      for (const w of met) w.resolve();
    });
    this.exit = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code) => resolve(code ?? -1));
    });
  }

  /**
   * Resolves once the terminal has shown `text` (`times` times: a second question of the same words).
   * Fails when the command exits first; the timeout only guards against a hang, it measures nothing.
   */
  waitFor(text: string, times = 1, timeoutMs = 120_000): Promise<void> {
    const match = (output: string) => output.split(text).length > times;
    if (match(this.output)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the terminal never showed ${JSON.stringify(text)}; it showed:\n${this.output}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      void this.exit.then(() => {
        clearTimeout(timer);
        if (match(this.output)) resolve();
        else reject(new Error(`the command exited before showing ${JSON.stringify(text)}; it showed:\n${this.output}`));
      });
    });
  }

  /** Types `text` at the terminal (a key press of Enter is "\r"). */
  type(text: string): void {
    this.child.stdin.write(text);
  }

  kill(): void {
    this.child.kill();
  }
}
