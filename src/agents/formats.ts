// The hook protocols of the coding agents keyfence guards: how each one's payload (JSON on stdin) maps to
// actions, and how each one is told "no". Sources for every field are listed in docs/agents.md.
import { isObject, patchWrites, str, stringsIn, type AgentAction } from './actions.js';

export const AGENT_NAMES = ['claude-code', 'cursor', 'gemini', 'codex', 'copilot', 'windsurf'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export type Verdict = { allow: true } | { allow: false; reason: string };

/** What the hook process does to answer: its exit status and what it writes. */
export interface Reply {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

export interface AgentFormat {
  /** The actions a payload asks for; an empty list when the event is not one keyfence checks. */
  actions(payload: Record<string, unknown>): AgentAction[];
  reply(verdict: Verdict): Reply;
}

/** Claude Code, Gemini CLI, Codex and Cascade block on exit status 2 and hand stderr to the agent (or the user). */
const exitTwo = (verdict: Verdict): Reply => (verdict.allow ? { exitCode: 0 } : { exitCode: 2, stderr: `${verdict.reason}\n` });

const PATH_KEYS = ['file_path', 'path', 'notebook_path', 'target_file', 'filePath', 'absolute_path'];
const CONTENT_KEYS = ['content', 'contents', 'new_string', 'new_str', 'newString', 'file_text', 'new_source', 'code_edit', 'text'];

/**
 * A tool call read by the shape of its arguments: a path and new content make a write (an edit's
 * `edits[].new_string` included); anything else is checked string by string.
 */
export function toolAction(tool: string, input: unknown): AgentAction[] {
  if (!isObject(input)) return typeof input === 'string' ? [{ kind: 'tool', tool, texts: [input] }] : [];
  const file = PATH_KEYS.map((k) => str(input[k])).find((v) => v !== undefined);
  const texts = CONTENT_KEYS.map((k) => input[k]).filter((v): v is string => typeof v === 'string');
  if (Array.isArray(input.edits))
    for (const edit of input.edits)
      if (isObject(edit)) texts.push(...CONTENT_KEYS.map((k) => edit[k]).filter((v): v is string => typeof v === 'string'));
  if (file !== undefined && texts.length > 0) return [{ kind: 'write', tool, file, texts }];
  const strings = stringsIn(input);
  return strings.length > 0 ? [{ kind: 'tool', tool, texts: strings }] : [];
}

const shell = (tool: string, command: unknown): AgentAction[] => {
  const text = Array.isArray(command) ? command.filter((c) => typeof c === 'string').join(' ') : str(command);
  return text ? [{ kind: 'shell', tool, command: text }] : [];
};

const prompt = (text: unknown): AgentAction[] => (typeof text === 'string' && text ? [{ kind: 'prompt', prompt: text }] : []);

/** Claude Code's PreToolUse / UserPromptSubmit payload (Codex and Gemini CLI use the same field names). */
function claudeLike(shellTools: readonly string[], promptEvents: readonly string[]) {
  return (payload: Record<string, unknown>): AgentAction[] => {
    if (
      promptEvents.includes(str(payload.hook_event_name) ?? '') ||
      (payload.tool_name === undefined && typeof payload.prompt === 'string')
    )
      return prompt(payload.prompt);
    const tool = str(payload.tool_name);
    if (tool === undefined) throw new PayloadError('the payload has neither tool_name nor prompt');
    const input = payload.tool_input;
    if (shellTools.includes(tool)) return shell(tool, isObject(input) ? input.command : input);
    if (tool === 'apply_patch') {
      const patch = isObject(input) ? (str(input.command) ?? str(input.patch) ?? str(input.input)) : str(input);
      if (patch === undefined) return toolAction(tool, input);
      const writes = patchWrites(patch, tool);
      return writes.length > 0 ? writes : [{ kind: 'tool', tool, texts: [patch] }];
    }
    return toolAction(tool, input);
  };
}

export class PayloadError extends Error {}

export const FORMATS: Record<AgentName, AgentFormat> = {
  'claude-code': { actions: claudeLike(['Bash'], ['UserPromptSubmit']), reply: exitTwo },
  gemini: { actions: claudeLike(['run_shell_command'], ['BeforeAgent']), reply: exitTwo },
  codex: { actions: claudeLike(['Bash', 'shell', 'exec_command', 'local_shell'], ['UserPromptSubmit']), reply: exitTwo },
  cursor: {
    actions(payload) {
      switch (payload.hook_event_name) {
        case 'beforeSubmitPrompt':
          return prompt(payload.prompt);
        case 'beforeShellExecution':
          return shell('shell', payload.command);
        case 'beforeMCPExecution':
          return toolAction(str(payload.tool_name) ?? 'MCP', parseMaybeJson(payload.tool_input));
        case 'preToolUse': {
          const tool = str(payload.tool_name) ?? 'tool';
          const input = parseMaybeJson(payload.tool_input);
          return tool === 'Shell' || tool === 'Bash' ? shell(tool, isObject(input) ? input.command : input) : toolAction(tool, input);
        }
        default:
          return [];
      }
    },
    // Cursor reads `permission` (tool and shell events) or `continue` (prompts) from stdout, and treats
    // exit status 2 as a denial too; both are given.
    reply(verdict) {
      if (verdict.allow) return { exitCode: 0, stdout: '{"permission":"allow","continue":true}\n' };
      const out = { permission: 'deny', continue: false, user_message: verdict.reason, agent_message: verdict.reason };
      return { exitCode: 2, stdout: `${JSON.stringify(out)}\n`, stderr: `${verdict.reason}\n` };
    },
  },
  copilot: {
    actions(payload) {
      if (typeof payload.toolName === 'string') {
        const args = parseMaybeJson(payload.toolArgs);
        return payload.toolName === 'bash' || payload.toolName === 'powershell'
          ? shell(payload.toolName, isObject(args) ? args.command : args)
          : toolAction(payload.toolName, args);
      }
      return prompt(payload.prompt);
    },
    // Copilot reads only `permissionDecision: "deny"` (with its reason) from stdout.
    reply(verdict) {
      if (verdict.allow) return { exitCode: 0 };
      return { exitCode: 0, stdout: `${JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: verdict.reason })}\n` };
    },
  },
  windsurf: {
    actions(payload) {
      const info = isObject(payload.tool_info) ? payload.tool_info : {};
      switch (payload.agent_action_name) {
        case 'pre_write_code':
          return toolAction('write_code', info);
        case 'pre_run_command':
          return shell('run_command', info.command_line);
        case 'pre_user_prompt':
          return prompt(info.user_prompt);
        case 'pre_mcp_tool_use':
          return toolAction(str(info.mcp_tool_name) ?? 'mcp', parseMaybeJson(info.mcp_tool_arguments));
        default:
          return [];
      }
    },
    reply: exitTwo,
  },
};

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export const isAgentName = (name: string | undefined): name is AgentName => (AGENT_NAMES as readonly string[]).includes(name ?? '');
