// Where a fixed string occurs in the tracked files (`git grep -F`), the string handed over on standard
// input, never on a command line (where other users' `ps` would show it).
import { runGitStatus } from './exec.js';

export interface GrepHit {
  file: string;
  /** 1-based; 0 for a binary file (git names the file, not the line). */
  line: number;
}

/** The places `pattern` (one line) occurs in the work tree's tracked files, or with `cached` in the index. */
export function grepFixed(root: string, pattern: string, options: { cached?: boolean } = {}): GrepHit[] {
  const args = ['grep', '-n', '-z', '-F', '--no-color', '-f', '-', ...(options.cached ? ['--cached'] : [])];
  const result = runGitStatus(args, { cwd: root, input: `${pattern}\n`, maxBuffer: 256 * 1024 * 1024 });
  if (result.code === 1) return []; // no match
  if (result.code !== 0) throw new Error(`git grep failed: ${result.stderr.toString('utf8').trim().split('\n')[0]}`);
  const hits: GrepHit[] = [];
  for (const record of result.stdout.toString('utf8').split('\n')) {
    const binary = /^Binary file (.*) matches$/.exec(record);
    if (binary) {
      hits.push({ file: binary[1] as string, line: 0 });
      continue;
    }
    const [file, line] = record.split('\0');
    if (file && line) hits.push({ file, line: Number(line) });
  }
  return hits;
}
