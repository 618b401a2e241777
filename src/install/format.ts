// The installer's report: one line per hook, then notes and warnings, paths relative to the cwd.
import { isAbsolute, relative } from 'node:path';
import type { HookResult, Outcome } from './outcome.js';

const LABEL: Record<Outcome, string> = {
  installed: 'installed',
  chained: 'installed, chained',
  replaced: 'installed, replaced',
  updated: 'updated',
  unchanged: 'already installed',
  removed: 'removed',
  restored: 'removed, restored',
  'kept-edits': 'removed',
  'not-installed': 'not installed',
  damaged: 'left as is',
};

/** A path as the user would type it from `cwd`. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** A message with every absolute path in it shown relative to `cwd`. */
export const relativizePaths = (cwd: string, text: string): string => text.replaceAll(/\/[^\s:;,()"]+/g, (p) => displayPath(cwd, p));

export function formatResults(cwd: string, results: HookResult[]): string[] {
  const width = Math.max(...results.map((r) => r.hook.length), 0);
  return results.map((r) => {
    const note = r.note ? `: ${relativizePaths(cwd, r.note)}` : '';
    return `  ${r.hook.padEnd(width)}  ${LABEL[r.outcome]} (${displayPath(cwd, r.file)})${note}`;
  });
}
