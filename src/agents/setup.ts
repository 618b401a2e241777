// Where each coding agent reads its hooks, and what keyfence adds there: one entry per event that can
// block (before a tool runs, before a prompt is sent). Project level by default (committed, so the team
// gets it), or the user's own configuration. Sources in docs/agents.md.
import type { AgentName } from './formats.js';

export type Scope = 'project' | 'user';

export interface AgentSetup {
  name: AgentName;
  label: string;
  /** The settings file, relative to the project root or to the home directory. */
  file: Record<Scope, string>;
  /** Files or folders whose presence says the project (or the user) uses this agent. */
  signs: Record<Scope, string[]>;
  /** What a file keyfence creates starts with (besides the hooks). */
  skeleton: Record<string, unknown>;
  /** The entries: the array each goes into (a key path) and the entry itself. */
  entries(command: string): Array<{ path: string[]; entry: Record<string, unknown> }>;
  /** The variable the agent sets to the project's directory when it runs a hook, if it sets one. */
  projectDirVariable?: string;
  /** How a failure is reported when the hook cannot even start keyfence. */
  failure: 'exit-2' | 'cursor-json' | 'copilot-json';
}

const command = (c: string) => ({ type: 'command', command: c });

export const SETUPS: readonly AgentSetup[] = [
  {
    name: 'claude-code',
    label: 'Claude Code',
    file: { project: '.claude/settings.json', user: '.claude/settings.json' },
    signs: { project: ['.claude', 'CLAUDE.md', '.mcp.json'], user: ['.claude'] },
    skeleton: {},
    entries: (c) => [
      { path: ['hooks', 'PreToolUse'], entry: { matcher: 'Write|Edit|MultiEdit|NotebookEdit|Bash', hooks: [command(c)] } },
      { path: ['hooks', 'UserPromptSubmit'], entry: { hooks: [command(c)] } },
    ],
    projectDirVariable: 'CLAUDE_PROJECT_DIR',
    failure: 'exit-2',
  },
  {
    name: 'cursor',
    label: 'Cursor',
    file: { project: '.cursor/hooks.json', user: '.cursor/hooks.json' },
    signs: { project: ['.cursor', '.cursorrules'], user: ['.cursor'] },
    skeleton: { version: 1 },
    // preToolUse sees file writes; beforeShellExecution and beforeSubmitPrompt exist in every Cursor
    // with hooks. No matcher: a tool name keyfence does not know is checked rather than skipped.
    entries: (c) => [
      { path: ['hooks', 'preToolUse'], entry: { command: c, failClosed: true } },
      { path: ['hooks', 'beforeShellExecution'], entry: { command: c, failClosed: true } },
      { path: ['hooks', 'beforeSubmitPrompt'], entry: { command: c, failClosed: true } },
    ],
    failure: 'cursor-json',
  },
  {
    name: 'gemini',
    label: 'Gemini CLI',
    file: { project: '.gemini/settings.json', user: '.gemini/settings.json' },
    signs: { project: ['.gemini', 'GEMINI.md'], user: ['.gemini'] },
    skeleton: {},
    entries: (c) => [
      {
        path: ['hooks', 'BeforeTool'],
        entry: { matcher: 'write_file|replace|run_shell_command', hooks: [{ ...command(c), name: 'keyfence' }] },
      },
      { path: ['hooks', 'BeforeAgent'], entry: { hooks: [{ ...command(c), name: 'keyfence' }] } },
    ],
    projectDirVariable: 'GEMINI_PROJECT_DIR',
    failure: 'exit-2',
  },
  {
    name: 'codex',
    label: 'Codex CLI',
    file: { project: '.codex/hooks.json', user: '.codex/hooks.json' },
    signs: { project: ['.codex'], user: ['.codex'] },
    skeleton: {},
    entries: (c) => [
      { path: ['hooks', 'PreToolUse'], entry: { matcher: 'Bash|apply_patch', hooks: [command(c)] } },
      { path: ['hooks', 'UserPromptSubmit'], entry: { hooks: [command(c)] } },
    ],
    failure: 'exit-2',
  },
  {
    name: 'copilot',
    label: 'GitHub Copilot (coding agent and CLI)',
    file: { project: '.github/hooks/keyfence.json', user: '.copilot/hooks/keyfence.json' },
    signs: { project: ['.github/copilot-instructions.md', '.github/hooks', '.github/instructions'], user: ['.copilot'] },
    skeleton: { version: 1 },
    // Copilot ignores what a prompt hook answers, so only tool calls can be stopped.
    entries: (c) => [{ path: ['hooks', 'preToolUse'], entry: { type: 'command', bash: c, timeoutSec: 30 } }],
    failure: 'copilot-json',
  },
  {
    name: 'windsurf',
    label: 'Windsurf (Cascade)',
    file: { project: '.windsurf/hooks.json', user: '.codeium/windsurf/hooks.json' },
    signs: { project: ['.windsurf', '.windsurfrules'], user: ['.codeium/windsurf'] },
    skeleton: {},
    entries: (c) => [
      { path: ['hooks', 'pre_write_code'], entry: { command: c, show_output: true } },
      { path: ['hooks', 'pre_run_command'], entry: { command: c, show_output: true } },
      { path: ['hooks', 'pre_user_prompt'], entry: { command: c, show_output: true } },
    ],
    failure: 'exit-2',
  },
];

/** What marks a command as keyfence's agent hook (uninstall finds its entries by it). */
export const HOOK_MARKER = '"$kf" hook agent ';

/**
 * The shell command an agent runs: keyfence from the project (the recorded bin, found from the project
 * directory the agent names or the current one), else from PATH. Any failure to run it (no keyfence, no
 * node, a crash: every exit status but 0 and keyfence's own 2) is turned into a block with a reason, in
 * the agent's protocol: the guard never fails open.
 */
export function hookCommand(setup: AgentSetup, localBin: string): string {
  const bin = localBin.replace(/[^\w./@+-]/g, '');
  const candidates = [...(setup.projectDirVariable ? [`"\${${setup.projectDirVariable}:-.}/${bin}"`] : []), `./${bin}`];
  const find = candidates.map((c) => `[ -x "$kf" ] || kf=${c}`).join('; ');
  const why =
    'keyfence could not run (exit $s), so this call is blocked. Install it (npm install --save-dev keyfence) or remove the guard (keyfence uninstall --agents).';
  let fail: string;
  switch (setup.failure) {
    case 'exit-2':
      fail = `[ "$s" -eq 2 ] || echo "${why}" >&2; exit 2`;
      break;
    case 'cursor-json':
      fail = `[ "$s" -eq 2 ] || echo "{\\"permission\\":\\"deny\\",\\"continue\\":false,\\"user_message\\":\\"${why}\\",\\"agent_message\\":\\"${why}\\"}"; exit 2`;
      break;
    case 'copilot-json':
      fail = `echo "{\\"permissionDecision\\":\\"deny\\",\\"permissionDecisionReason\\":\\"${why}\\"}"; exit 0`;
      break;
  }
  return `kf=; ${find}; [ -x "$kf" ] || kf=keyfence; ${HOOK_MARKER}${setup.name} || { s=$?; ${fail}; }`;
}

/** The whole file keyfence writes when the agent has no settings file yet. */
export function renderNewFile(setup: AgentSetup, hookCmd: string): string {
  const hooks: Record<string, unknown[]> = {};
  for (const { path, entry } of setup.entries(hookCmd)) (hooks[path[1] as string] ??= []).push(entry);
  return `${JSON.stringify({ ...setup.skeleton, hooks }, null, 2)}\n`;
}

/** Whether a settings file's text holds keyfence's hook (for `agent`, or any), as JSON spells it. */
export function mentionsHook(text: string, agent = ''): boolean {
  return text.includes(JSON.stringify(HOOK_MARKER + agent).slice(1, -1));
}

/** True for one line of settings whose every command is keyfence's agent hook (and there is one). */
export function isKeyfenceEntry(text: string): boolean {
  const commands = [...text.matchAll(/"(?:command|bash|powershell)"\s*:\s*("(?:[^"\\]|\\.)*")/g)].map(
    (m) => JSON.parse(m[1] as string) as string,
  );
  return commands.length > 0 && commands.every((c) => c.includes(HOOK_MARKER));
}
