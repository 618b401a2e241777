// husky v9: git runs .husky/_/<hook>, a stub that sources husky's dispatcher, which runs the user's
// .husky/<hook> with `sh -e` and node_modules/.bin on PATH. keyfence adds two lines (a marker comment and
// its command) to the user's file and never touches .husky/_ or core.hooksPath.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic, removeFile } from './fsOps.js';
import type { HookResult } from './outcome.js';
import type { HookName } from './template.js';
import { DEFAULT_LOCAL_BIN } from './template.js';
import { shellQuote } from './shellQuote.js';
import { readManifest } from './manifest.js';

const MARKER = '# keyfence: secret check (added by "keyfence install"; "keyfence uninstall" removes it)';
const CREATED_MARKER = '# keyfence: secret check (this file was created by "keyfence install"; "keyfence uninstall" removes it)';
const isMarker = (line: string): boolean => /^# keyfence: secret check \(/.test(line.trimEnd());

export interface HuskySetup {
  /** The user's hook directory, e.g. <root>/.husky. */
  dir: string;
  /** False when core.hooksPath does not (yet) point at <dir>/_ in this clone. */
  active: boolean;
  /**
   * False when core.hooksPath points at <dir>/_ but husky has not generated it in this work tree (a
   * fresh linked worktree before `npm install`): git then silently runs no hook at all.
   */
  generated: boolean;
}

/**
 * husky when core.hooksPath is `<dir>/_` and husky's dispatcher `<dir>/_/h` is there (or the folder is
 * named .husky); or, with no core.hooksPath, when package.json lists husky and .husky/ exists.
 */
export function detectHusky(hooksPathDir: string | undefined, packageDirs: string[]): HuskySetup | undefined {
  if (hooksPathDir !== undefined) {
    if (basename(hooksPathDir) !== '_') return undefined;
    const dir = dirname(hooksPathDir);
    const generated = existsSync(join(hooksPathDir, 'h'));
    if (generated || basename(dir) === '.husky') return { dir, active: true, generated };
    return undefined;
  }
  for (const pkgDir of packageDirs) {
    const manifest = readManifest(pkgDir);
    const listed = manifest && ['devDependencies', 'dependencies'].some((field) => Boolean((manifest[field] as Record<string, unknown> | undefined)?.husky));
    const dir = join(pkgDir, '.husky');
    if (listed && isDirectory(dir)) return { dir, active: false, generated: false };
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The command line for a husky hook file. husky puts the root node_modules/.bin on PATH; a keyfence
 * installed in a package folder is called by its path from the work tree root, because husky hooks in
 * monorepos often `cd` into the package first.
 */
export function huskyCommand(hook: HookName, localBin: string): string {
  const bin = localBin === DEFAULT_LOCAL_BIN ? 'keyfence' : `"$(git rev-parse --show-toplevel)"/${shellQuote(localBin)}`;
  return `${bin} hook ${hook} "$@"`;
}

export function installHusky(setup: HuskySetup, hooks: readonly HookName[], localBin: string): HookResult[] {
  return hooks.map((hook) => {
    const file = join(setup.dir, hook);
    const command = huskyCommand(hook, localBin);
    if (!existsSync(file)) {
      writeFileAtomic(file, `${CREATED_MARKER}\n${command}\n`, 0o644);
      return { hook, file, outcome: 'installed', note: 'created the file' };
    }
    const original = readFileSync(file, 'utf8');
    const next = addLines(original, command);
    if (next === original) return { hook, file, outcome: 'unchanged' };
    writeFileAtomic(file, next, statSync(file).mode & 0o7777);
    return { hook, file, outcome: hasOurLines(original) ? 'updated' : 'installed' };
  });
}

export function uninstallHusky(dir: string, hooks: readonly HookName[]): HookResult[] {
  return hooks.map((hook) => {
    const file = join(dir, hook);
    if (!existsSync(file)) return { hook, file, outcome: 'not-installed' };
    const original = readFileSync(file, 'utf8');
    if (!hasOurLines(original)) return { hook, file, outcome: 'not-installed' };
    const { text, created } = removeLines(original);
    if (created && text.trim() === '') {
      removeFile(file);
      return { hook, file, outcome: 'removed', note: 'keyfence had created the file' };
    }
    writeFileAtomic(file, text, statSync(file).mode & 0o7777);
    return { hook, file, outcome: 'removed', note: 'removed keyfence\'s lines; the rest of the file is unchanged' };
  });
}

export const hasOurLines = (text: string): boolean => text.split('\n').some(isMarker);

/** Splits into lines, remembering whether the text ended with a newline, so joining gives it back. */
function toLines(text: string): { lines: string[]; newlineAtEnd: boolean } {
  const newlineAtEnd = text.endsWith('\n');
  const body = newlineAtEnd ? text.slice(0, -1) : text;
  return { lines: body === '' ? [] : body.split('\n'), newlineAtEnd };
}

const fromLines = (lines: string[], newlineAtEnd: boolean): string => lines.join('\n') + (newlineAtEnd && lines.length > 0 ? '\n' : '');

/** Adds marker + command before a trailing `exit`/`exec` line, or at the end; updates them if present. */
export function addLines(text: string, command: string): string {
  const { lines, newlineAtEnd } = toLines(text);
  const at = lines.findIndex(isMarker);
  if (at >= 0) {
    if (isOurCommand(lines[at + 1])) lines[at + 1] = command;
    else lines.splice(at + 1, 0, command);
    return fromLines(lines, newlineAtEnd);
  }
  lines.splice(insertionPoint(lines), 0, MARKER, command);
  return fromLines(lines, newlineAtEnd || text === '');
}

function insertionPoint(lines: string[]): number {
  let last = lines.length - 1;
  while (last >= 0 && /^\s*(#.*)?$/.test(lines[last] ?? '')) last--;
  if (last >= 0 && /^\s*(exit|exec)\b/.test(lines[last] ?? '')) return last;
  return lines.length;
}

const isOurCommand = (line: string | undefined): boolean => line !== undefined && /\bkeyfence\b.* hook [a-z-]+/.test(line);

/** Removes every marker line and the keyfence command after it. */
export function removeLines(text: string): { text: string; created: boolean } {
  const { lines, newlineAtEnd } = toLines(text);
  let created = false;
  for (let at = lines.findIndex(isMarker); at >= 0; at = lines.findIndex(isMarker)) {
    if (lines[at]?.trimEnd() === CREATED_MARKER) created = true;
    lines.splice(at, isOurCommand(lines[at + 1]) ? 2 : 1);
  }
  return { text: fromLines(lines, newlineAtEnd), created };
}
