// `keyfence install --agents` / `keyfence uninstall --agents`: add keyfence's hook entries to each coding
// agent's settings, and take them out again byte for byte (a file keyfence created is removed).
import { existsSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { UsageError } from '../types.js';
import { removeFile, writeFileAtomic } from '../install/fsOps.js';
import { findLocalBin } from '../install/localBin.js';
import { DEFAULT_LOCAL_BIN } from '../install/template.js';
import { AGENT_NAMES } from './formats.js';
import { insertEntry, removeEntries } from './jsonText.js';
import { HOOK_MARKER, hookCommand, isKeyfenceEntry, mentionsHook, renderNewFile, SETUPS, type AgentSetup, type Scope } from './setup.js';

export interface AgentOptions {
  cwd: string;
  scope: Scope;
  /** Agents named on the command line; otherwise those the project (or the user) shows signs of using. */
  agents?: readonly string[];
  /** The home directory for --user (default: the user's). */
  home?: string;
}

export type AgentOutcome = 'installed' | 'unchanged' | 'removed' | 'damaged';

export interface AgentResult {
  agent: AgentSetup;
  file: string;
  outcome: AgentOutcome;
  note?: string;
}

export interface AgentReport {
  base: string;
  results: AgentResult[];
  notes: string[];
}

async function baseDir(options: AgentOptions): Promise<string> {
  if (options.scope === 'user') return options.home ?? process.env.HOME ?? homedir();
  const { workTreeRoot } = await import('../git/repo.js');
  return (await workTreeRoot(options.cwd)) ?? options.cwd;
}

function select(options: AgentOptions, base: string): { setups: AgentSetup[]; notes: string[] } {
  const named =
    options.agents
      ?.flatMap((a) => a.split(','))
      .map((a) => a.trim())
      .filter(Boolean) ?? [];
  if (named.includes('all')) return { setups: [...SETUPS], notes: [] };
  if (named.length > 0) {
    const unknown = named.filter((n) => !(AGENT_NAMES as readonly string[]).includes(n));
    if (unknown.length > 0)
      throw new UsageError(
        `unknown agent ${unknown.map((u) => `"${u}"`).join(', ')}; keyfence knows ${AGENT_NAMES.join(', ')} (or "all").`,
      );
    return { setups: SETUPS.filter((s) => named.includes(s.name)), notes: [] };
  }
  const setups = SETUPS.filter((s) => s.signs[options.scope].some((sign) => existsSync(join(base, sign))));
  if (setups.length === 0) {
    throw new UsageError(
      `no coding agent's configuration was found in ${base}. Name the agents to guard: ` +
        `keyfence install --agent claude-code (or ${AGENT_NAMES.filter((n) => n !== 'claude-code').join(', ')}, or all). Nothing was changed.`,
    );
  }
  return {
    setups,
    notes: [
      `guarding the agents this ${options.scope === 'user' ? 'user' : 'project'} uses: ${setups.map((s) => s.label).join(', ')} (add others with --agent <name>)`,
    ],
  };
}

export async function installAgents(options: AgentOptions): Promise<AgentReport> {
  const base = await baseDir(options);
  const { setups, notes } = select(options, base);
  const localBin = options.scope === 'user' ? DEFAULT_LOCAL_BIN : findLocalBin(base, options.cwd).path;
  // Every file is planned (and every parse error raised) before the first one is written.
  const plans = setups.map((setup) => {
    const file = join(base, setup.file[options.scope]);
    const command = hookCommand(setup, localBin);
    if (!existsSync(file)) return { setup, file, text: renderNewFile(setup, command), mode: 0o644, outcome: 'installed' as const };
    const before = readFileSync(file, 'utf8');
    const mode = statSync(file).mode & 0o7777;
    if (mentionsHook(before, setup.name)) return { setup, file, text: undefined, mode, outcome: 'unchanged' as const };
    const text = setup.entries(command).reduce((t, { path, entry }) => insertEntry(t, file, path, JSON.stringify(entry)), before);
    return { setup, file, text, mode, outcome: 'installed' as const };
  });
  for (const plan of plans) if (plan.text !== undefined) writeFileAtomic(plan.file, plan.text, plan.mode);
  if (options.scope === 'project') notes.push('commit these files so that everyone working on the project gets the guard.');
  return { base, results: plans.map(({ setup, file, outcome }) => ({ agent: setup, file, outcome })), notes };
}

export async function uninstallAgents(options: AgentOptions): Promise<AgentReport> {
  const base = await baseDir(options);
  const named = options.agents?.length ? select(options, base).setups : SETUPS;
  const results: AgentResult[] = [];
  for (const setup of named) {
    const file = join(base, setup.file[options.scope]);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (!mentionsHook(text)) continue;
    const command = ownCommand(text, setup);
    if (command !== undefined && text === renderNewFile(setup, command)) {
      removeFile(file);
      removeEmptyDirs(dirname(file), base);
      results.push({ agent: setup, file, outcome: 'removed', note: 'keyfence had created this file' });
      continue;
    }
    const { text: after, removed, stray } = removeEntries(text, file, isKeyfenceEntry);
    if (removed > 0) writeFileAtomic(file, after, statSync(file).mode & 0o7777);
    if (stray > 0) {
      results.push({
        agent: setup,
        file,
        outcome: 'damaged',
        note: `${stray} keyfence entr${stray === 1 ? 'y was' : 'ies were'} moved or edited by hand and left in place: remove ${stray === 1 ? 'it' : 'them'} yourself`,
      });
    } else if (removed > 0) results.push({ agent: setup, file, outcome: 'removed' });
  }
  return { base, results, notes: [] };
}

function ownCommand(text: string, setup: AgentSetup): string | undefined {
  try {
    const found: string[] = [];
    JSON.stringify(JSON.parse(text), (_key, value: unknown) => {
      if (typeof value === 'string' && value.includes(HOOK_MARKER + setup.name)) found.push(value);
      return value;
    });
    return found[0];
  } catch {
    return undefined;
  }
}

/** Folders left empty by removing a file keyfence created, up to (not including) the base. */
function removeEmptyDirs(dir: string, base: string): void {
  while (relative(base, dir) && !relative(base, dir).startsWith('..')) {
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

export function formatAgentReport(cwd: string, title: string, report: AgentReport): string {
  const width = Math.max(0, ...report.results.map((r) => r.agent.label.length));
  const lines = [title];
  if (report.results.length === 0) lines.push('  nothing to do: no keyfence agent hooks were found');
  for (const r of report.results) {
    const shown = relative(cwd, r.file).startsWith('..') ? r.file : relative(cwd, r.file);
    const label = { installed: 'installed', unchanged: 'already installed', removed: 'removed', damaged: 'left as is' }[r.outcome];
    lines.push(`  ${r.agent.label.padEnd(width)}  ${label} (${shown})${r.note ? `: ${r.note}` : ''}`);
  }
  for (const note of report.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}
