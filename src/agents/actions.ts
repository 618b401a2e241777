// What an agent is about to do, in terms keyfence can check: content going into a file, a shell
// command, a prompt, or some other tool call. Each agent's payload is turned into these (formats.ts).

export type AgentAction =
  /** New content for a file: only what the call adds (an edit's replacement, never the text it replaces). */
  | { kind: 'write'; tool: string; file: string; texts: string[] }
  | { kind: 'shell'; tool: string; command: string }
  | { kind: 'prompt'; prompt: string }
  /** A tool keyfence has no model of: every string argument is checked. */
  | { kind: 'tool'; tool: string; texts: string[] };

/** Argument names that hold the text an edit replaces: present in the file already, not added by the call. */
const REPLACED_TEXT = new Set(['old_string', 'old_str', 'oldString', 'old_text', 'oldText', 'search']);

/** Every string in a tool's arguments (nested objects and arrays too), except text an edit replaces. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!REPLACED_TEXT.has(key)) stringsIn(item, out);
  }
  return out;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The files and added lines of a patch in the apply_patch envelope (`*** Add File: <path>` with `+`
 * lines, `*** Update File: <path>` with hunks, `*** Delete File:`, `*** Move to:`). Lines a hunk
 * removes or keeps are not new content. Header lines are read with surrounding whitespace trimmed.
 */
export function patchWrites(patch: string, tool: string): AgentAction[] {
  const actions: Array<{ kind: 'write'; tool: string; file: string; texts: string[] }> = [];
  let current: { kind: 'write'; tool: string; file: string; texts: string[] } | undefined;
  for (const raw of patch.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(line);
    if (header) {
      current = header[1] === 'Delete' ? undefined : { kind: 'write', tool, file: (header[2] as string).trim(), texts: [] };
      if (current) actions.push(current);
      continue;
    }
    const move = /^\*\*\* Move to: (.+)$/.exec(line);
    if (move && current) {
      current.file = (move[1] as string).trim();
      continue;
    }
    if (current && raw.startsWith('+')) current.texts.push(raw.slice(1));
  }
  return actions.map((a) => ({ ...a, texts: [a.texts.join('\n')] }));
}
