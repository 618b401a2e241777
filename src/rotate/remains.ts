// Where a value still is: the tracked files in the work tree and the index, searched by git grep with
// the value on standard input (never on a command line). Only places are returned, never the lines.
import { spawnSync } from 'node:child_process';

export interface Remaining {
  where: 'work tree' | 'index';
  file: string;
  line: number;
}

export function findRemaining(root: string, value: string): Remaining[] {
  const found: Remaining[] = [];
  // git grep reads one pattern a line: a value over several lines is looked for by its longest line.
  const pattern = value.includes('\n') ? value.split(/\r?\n/).sort((a, b) => b.length - a.length)[0] ?? value : value;
  for (const where of ['work tree', 'index'] as const) {
    const args = ['-c', 'core.quotepath=off', 'grep', '-n', '-z', '-F', '--no-color', '-f', '-', ...(where === 'index' ? ['--cached'] : [])];
    const result = spawnSync('git', args, { cwd: root, input: `${pattern}\n`, maxBuffer: 256 * 1024 * 1024, windowsHide: true });
    if (result.status === 1) continue; // no match
    if (result.status !== 0) throw new Error(`git grep failed: ${result.stderr.toString('utf8').trim().split('\n')[0]}`);
    for (const record of result.stdout.toString('utf8').split('\n')) {
      const binary = /^Binary file (.*) matches$/.exec(record);
      if (binary) {
        found.push({ where, file: binary[1] as string, line: 0 });
        continue;
      }
      const [file, line] = record.split('\0');
      if (file && line) found.push({ where, file, line: Number(line) });
    }
  }
  return found;
}
