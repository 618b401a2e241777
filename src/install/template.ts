// The hook script keyfence writes into a git hooks directory. The text lives in hooks/git-hook.sh (shipped
// in the package); here it is filled in, and its managed block is found, replaced or removed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './packageRoot.js';
import { shellQuote } from './shellQuote.js';
import { bypassOf, operationOf } from './operation.js';

// pre-merge-commit: a merge that needs no conflict resolution runs this hook instead of pre-commit.
// applypatch-msg and pre-applypatch: `git am` runs these instead of commit-msg and pre-commit.
export const HOOK_NAMES = ['pre-commit', 'pre-merge-commit', 'commit-msg', 'pre-push', 'applypatch-msg', 'pre-applypatch'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export { operationOf, bypassOf, type Operation } from './operation.js';

/** Local bin path recorded when none was found: the hook then looks on PATH. */
export const DEFAULT_LOCAL_BIN = 'node_modules/.bin/keyfence';

const BLOCK_BEGIN = /^# >>> keyfence [a-z-]+ hook >>>\r?$/;
const BLOCK_END = /^# <<< keyfence [a-z-]+ hook <<<\r?$/;

let cachedTemplate: string | undefined;
function template(): string {
  cachedTemplate ??= readFileSync(join(packageRoot(), 'hooks', 'git-hook.sh'), 'utf8');
  return cachedTemplate;
}

/** The whole hook file for `hook`, calling keyfence at `localBin` (relative to the work tree root). */
export function renderGitHook(hook: HookName, localBin: string = DEFAULT_LOCAL_BIN): string {
  return template()
    .replaceAll('@HOOK@', hook)
    .replaceAll('@OPERATION@', operationOf(hook))
    .replaceAll('@BYPASS@', bypassOf(operationOf(hook)))
    .replaceAll('@LOCAL_BIN@', shellQuote(localBin));
}

interface BlockSpan {
  /** Line index of the opening marker. */
  start: number;
  /** Line index of the closing marker. */
  end: number;
}

function findBlock(lines: string[]): BlockSpan | undefined {
  const start = lines.findIndex((line) => BLOCK_BEGIN.test(line));
  if (start < 0) return undefined;
  const offset = lines.slice(start + 1).findIndex((line) => BLOCK_END.test(line));
  if (offset < 0) return undefined;
  return { start, end: start + 1 + offset };
}

/** True when the text holds a complete keyfence block. */
export const hasKeyfenceBlock = (content: string): boolean => findBlock(content.split('\n')) !== undefined;

/** True when the text holds the opening marker but not a complete block (someone cut it up). */
export const hasBrokenBlock = (content: string): boolean =>
  content.split('\n').some((line) => BLOCK_BEGIN.test(line)) && !hasKeyfenceBlock(content);

/** The managed block of a rendered hook, as lines. */
function blockLines(rendered: string): string[] {
  const lines = rendered.split('\n');
  const span = findBlock(lines);
  if (!span) throw new Error('hooks/git-hook.sh has no keyfence block markers');
  return lines.slice(span.start, span.end + 1);
}

/** `content` with its keyfence block replaced by the block of `rendered`; lines outside are kept. */
export function replaceBlock(content: string, rendered: string): string {
  const lines = content.split('\n');
  const span = findBlock(lines);
  if (!span) return content;
  lines.splice(span.start, span.end - span.start + 1, ...blockLines(rendered));
  return lines.join('\n');
}

/** `content` without its keyfence block. */
export function removeBlock(content: string): string {
  const lines = content.split('\n');
  const span = findBlock(lines);
  if (!span) return content;
  lines.splice(span.start, span.end - span.start + 1);
  return lines.join('\n');
}

/** True when a script has nothing left but a shebang, blank lines and comments. */
export function isEmptyScript(content: string): boolean {
  return content.split('\n').every((line) => /^\s*(#.*)?$/.test(line));
}
