// Where a value still is: the tracked files in the work tree and the index, searched by git grep with
// the value on standard input (never on a command line). Only places are returned, never the lines.
import { grepFixed } from '../git/grep.js';

export interface Remaining {
  where: 'work tree' | 'index';
  file: string;
  line: number;
}

export function findRemaining(root: string, value: string): Remaining[] {
  const found: Remaining[] = [];
  // git grep reads one pattern a line: a value over several lines is looked for by its longest line.
  const pattern = value.includes('\n') ? (value.split(/\r?\n/).sort((a, b) => b.length - a.length)[0] ?? value) : value;
  for (const where of ['work tree', 'index'] as const) {
    for (const hit of grepFixed(root, pattern, { cached: where === 'index' })) found.push({ where, ...hit });
  }
  return found;
}
