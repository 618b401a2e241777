// What occupies a hook's path, decided without changing anything: nothing, keyfence's own hook, another
// script, or something keyfence will not chain without being told (a binary, a broken link, a directory).
import { lstatSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../types.js';
import { hasKeyfenceBlock } from './template.js';

export type HookFile =
  | { kind: 'absent' }
  | { kind: 'ours'; content: string; mode: number }
  | { kind: 'script'; symlink: boolean; executable: boolean; content: string }
  | { kind: 'unusual'; reason: string };

const BINARY_PROBE = 8000;

export function inspectHookFile(path: string): HookFile {
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    if (code === 'ENOTDIR')
      throw new UsageError(`the hooks directory ${dirname(path)} is not a directory (check core.hooksPath). Nothing was changed.`);
    throw new UsageError(`cannot inspect the hook ${path}: ${(error as Error).message}. Nothing was changed.`);
  }
  let target: Stats;
  try {
    target = link.isSymbolicLink() ? statSync(path) : link;
  } catch {
    return { kind: 'unusual', reason: 'it is a symbolic link to a file that does not exist' };
  }
  if (!target.isFile()) return { kind: 'unusual', reason: 'it is not a regular file' };
  const bytes = readFileSync(path);
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return { kind: 'unusual', reason: 'it is a binary program, not a script' };
  const content = bytes.toString('utf8');
  if (!link.isSymbolicLink() && hasKeyfenceBlock(content)) return { kind: 'ours', content, mode: link.mode & 0o7777 };
  return { kind: 'script', symlink: link.isSymbolicLink(), executable: (target.mode & 0o111) !== 0, content };
}

/** True when something (even a broken symbolic link) exists at `path`. */
export function occupied(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
