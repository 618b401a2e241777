// husky v9: git runs .husky/_/<hook>, a stub that sources husky's dispatcher, which runs the user's
// .husky/<hook> with `sh -e` and node_modules/.bin on PATH. keyfence adds two lines (a marker comment and
// its command) to the user's file and never touches .husky/_ or core.hooksPath.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic, removeFile } from './fsOps.js';
import type { HookResult } from './outcome.js';
import type { HookName } from './template.js';
import { DEFAULT_LOCAL_BIN, HOOK_NAMES } from './template.js';
import { bypassOf, operationOf } from './operation.js';
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
    const listed =
      manifest &&
      ['devDependencies', 'dependencies'].some((field) => Boolean((manifest[field] as Record<string, unknown> | undefined)?.husky));
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

/** How a hook passes keyfence its token (see src/commands/hook.ts). */
const TOKEN_VARIABLE = 'KEYFENCE_HOOK_TOKEN';

/**
 * The command line for a husky hook file. It runs first in the file (see insertionPoint), from the work
 * tree root, where husky's PATH entry node_modules/.bin points; a keyfence installed in a package folder
 * only is called by its path from the root. `|| exit $?` makes a block stop the hook whatever the file
 * does around it (`set +e`, a later command, a final `exit 0`), and an exit status of 0 counts only with
 * keyfence's reply to this run's token (see src/commands/hook.ts): a damaged install that exits 0
 * blocks too. A hook never uses the network: node is spared loading extra CA certificates (see
 * hooks/git-hook.sh).
 */
export function huskyCommand(hook: HookName, localBin: string): string {
  const bin = localBin === DEFAULT_LOCAL_BIN ? 'keyfence' : shellQuote(localBin);
  const operation = operationOf(hook);
  return (
    `kf_reply=$(NODE_EXTRA_CA_CERTS= ${TOKEN_VARIABLE}=$$ ${bin} hook ${hook} "$@") || exit $?; ` +
    `[ "$kf_reply" = "keyfence-ok $$" ] || { echo "keyfence did not confirm that it checked this ${operation === 'am' ? 'patch' : operation}: reinstall it (npm install), or skip the check once: ${bypassOf(operation)}" >&2; exit 1; }`
  );
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
    return { hook, file, outcome: 'removed', note: "removed keyfence's lines; the rest of the file is unchanged" };
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

/**
 * Adds marker + command as the first command of the file. A current command already there is updated
 * where it is (the user may have moved it below their own PATH setup); a command from an older keyfence
 * (no handshake) is moved to the top with its marker.
 */
export function addLines(text: string, command: string): string {
  const { lines, newlineAtEnd } = toLines(text);
  const at = lines.findIndex(isMarker);
  if (at >= 0) {
    const current = lines[at + 1];
    if (isOurCommand(current) && current?.includes(TOKEN_VARIABLE)) {
      lines[at + 1] = command;
      return fromLines(lines, newlineAtEnd);
    }
    const marker = lines[at] as string;
    lines.splice(at, isOurCommand(current) ? 2 : 1);
    lines.splice(insertionPoint(lines), 0, marker, command);
    return fromLines(lines, newlineAtEnd);
  }
  lines.splice(insertionPoint(lines), 0, MARKER, command);
  return fromLines(lines, newlineAtEnd || text === '');
}

/**
 * Before the first line that does anything but set up the shell, so that no command of the file (an
 * `exit 0` on some condition, an `exec`) comes before keyfence's line. Comments, blank lines, `set`
 * flags, variable assignments, `export` and sourced files (e.g. a version manager that puts node on
 * PATH) stay above it; a line that chains commands (`;`, `&`, `|`), continues on the next line or leaves
 * a quote open ends that set-up part.
 */
function insertionPoint(lines: string[]): number {
  let at = 0;
  while (at < lines.length && isPrologue(lines[at] as string)) at++;
  return at;
}

function isPrologue(line: string): boolean {
  if (/^\s*(#.*)?$/.test(line)) return true;
  if (!/^\s*(?:\.\s|source\s|export\s|set(?:\s+[-+][A-Za-z]+|\s+[-+]o\s+\w+)+\s*$|[A-Za-z_]\w*=\S*\s*$)/.test(line)) return false;
  if (/[;&|]|\\\s*$/.test(line)) return false;
  const unescaped = line.replace(/\\./g, '');
  return (unescaped.match(/"/g) ?? []).length % 2 === 0 && (unescaped.match(/'/g) ?? []).length % 2 === 0;
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

/** The hooks whose husky file carries keyfence's lines. */
export function keyfenceHuskyHooks(dir: string): HookName[] {
  return HOOK_NAMES.filter((hook) => {
    try {
      return hasOurLines(readFileSync(join(dir, hook), 'utf8'));
    } catch {
      return false;
    }
  });
}
