// lint-staged: when a project runs lint-staged from its pre-commit hook, keyfence can run as one of its
// tasks instead. keyfence never edits that configuration unless asked (--lint-staged), and then only
// JSON configurations, as a textual insertion that uninstall takes out again byte for byte.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './fsOps.js';

export const LINT_STAGED_GLOB = '*';
export const LINT_STAGED_TASK = 'keyfence scan --staged';
const ENTRY = `"${LINT_STAGED_GLOB}": "${LINT_STAGED_TASK}"`;

/** Config files lint-staged looks for, in its order (lint-staged 16 lib/configFiles.js). */
const CONFIG_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.mts',
  '.lintstagedrc.js',
  '.lintstagedrc.ts',
  '.lintstagedrc.cjs',
  '.lintstagedrc.cts',
  'lint-staged.config.mjs',
  'lint-staged.config.mts',
  'lint-staged.config.js',
  'lint-staged.config.ts',
  'lint-staged.config.cjs',
  'lint-staged.config.cts',
];

export interface LintStagedConfig {
  /** Absolute path of the file holding the configuration. */
  file: string;
  /** In package.json under "lint-staged". */
  inManifest: boolean;
  /** The configuration already mentions keyfence. */
  hasKeyfence: boolean;
}

/** The first lint-staged configuration found in `dirs` (nearest first). */
export function findLintStaged(dirs: string[]): LintStagedConfig | undefined {
  for (const dir of dirs) {
    const manifest = join(dir, 'package.json');
    const manifestConfig = readJsonObject(manifest)?.['lint-staged'];
    if (manifestConfig !== undefined) {
      return { file: manifest, inManifest: true, hasKeyfence: JSON.stringify(manifestConfig).includes('keyfence') };
    }
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      if (existsSync(file) && statSync(file).isFile())
        return { file, inManifest: false, hasKeyfence: readFileSync(file, 'utf8').includes('keyfence') };
    }
  }
  return undefined;
}

export type TaskPlan = { text: string } | { manual: string } | { unchanged: true };

/**
 * The configuration text with `"*": "keyfence scan --staged"` added, or why it has to be done by hand.
 * Nothing is written: the caller applies the plan once everything else is known to succeed.
 */
export function planLintStagedTask(config: LintStagedConfig): TaskPlan {
  if (config.hasKeyfence) return { unchanged: true };
  const text = readFileSync(config.file, 'utf8');
  const parsed = parseJson(text);
  const object = config.inManifest ? (parsed as Record<string, unknown> | undefined)?.['lint-staged'] : parsed;
  if (!isPlainObject(object)) return { manual: `${config.file} is not a JSON object keyfence can edit` };
  if (LINT_STAGED_GLOB in object)
    return {
      manual: `${config.file} already has a "${LINT_STAGED_GLOB}" task; add "${LINT_STAGED_TASK}" to it (as the first entry of an array)`,
    };
  const opening = config.inManifest ? /"lint-staged"\s*:\s*\{/.exec(text) : /^\s*\{/.exec(text);
  if (!opening) return { manual: `could not find the lint-staged object in ${config.file}` };
  const at = opening.index + opening[0].length;
  const next = text.slice(at).match(/^\s*\n([ \t]*)\S/);
  const empty = /^\s*\}/.test(text.slice(at));
  const lineStart = text.lastIndexOf('\n', opening.index) + 1;
  const outerIndent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const indent = next?.[1] ?? outerIndent + '  ';
  const edited = empty
    ? `${text.slice(0, at)}\n${indent}${ENTRY}\n${outerIndent}${text.slice(at).replace(/^\s*/, '')}`
    : `${text.slice(0, at)}\n${indent}${ENTRY},${text.slice(at)}`;
  if (parseJson(edited) === undefined) return { manual: `editing ${config.file} would not give valid JSON` };
  return { text: edited };
}

export function applyLintStagedTask(config: LintStagedConfig, plan: { text: string }): void {
  writeFileAtomic(config.file, plan.text, statSync(config.file).mode & 0o7777);
}

/** Plans and applies at once. */
export function addLintStagedTask(config: LintStagedConfig): { changed: boolean } | { manual: string } {
  const plan = planLintStagedTask(config);
  if ('manual' in plan) return plan;
  if ('unchanged' in plan) return { changed: false };
  applyLintStagedTask(config, plan);
  return { changed: true };
}

/** Takes out exactly what addLintStagedTask inserted; anything else is left alone. */
export function removeLintStagedTask(file: string): boolean {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const entry = ENTRY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let edited = text.replace(new RegExp(`\\{\\n[ \\t]*${entry}\\n[ \\t]*\\}`), '{}');
  if (edited === text) edited = text.replace(new RegExp(`\\n[ \\t]*${entry},`), '');
  if (edited === text || parseJson(edited) === undefined) return false;
  writeFileAtomic(file, edited, statSync(file).mode & 0o7777);
  return true;
}

/** Whether a hook script runs lint-staged. */
export const runsLintStaged = (hookText: string): boolean => /\blint-staged\b/.test(hookText);

function readJsonObject(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  const value = parseJson(readFileSync(file, 'utf8'));
  return isPlainObject(value) ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
