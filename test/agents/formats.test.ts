// Payload parsing per agent and the settings-text edits, without starting a process.
import { describe, expect, it } from 'vitest';
import { FORMATS, PayloadError } from '../../src/agents/formats.js';
import { insertEntry, removeEntries } from '../../src/agents/jsonText.js';
import { isKeyfenceEntry } from '../../src/agents/setup.js';

describe('payloads', () => {
  it('Codex apply_patch: added lines per file, the destination of a move, nothing for a deletion', () => {
    const patch = [
      '*** Begin Patch',
      '*** Update File: a.py',
      '*** Move to: b.py',
      '@@',
      '-x = 1',
      '+x = 2',
      '*** Delete File: c.py',
      '  *** Add File: d.ts',
      '+const d = 1;',
      '*** End Patch',
    ].join('\n');
    expect(FORMATS.codex.actions({ hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: patch } })).toEqual([
      { kind: 'write', tool: 'apply_patch', file: 'b.py', texts: ['x = 2'] },
      { kind: 'write', tool: 'apply_patch', file: 'd.ts', texts: ['const d = 1;'] },
    ]);
  });

  it('Claude Code Edit: the replacement only; an unknown tool: every string argument', () => {
    expect(
      FORMATS['claude-code'].actions({ tool_name: 'Edit', tool_input: { file_path: 'a.js', old_string: 'OLD', new_string: 'NEW' } }),
    ).toEqual([{ kind: 'write', tool: 'Edit', file: 'a.js', texts: ['NEW'] }]);
    expect(FORMATS['claude-code'].actions({ tool_name: 'mcp__db__query', tool_input: { sql: 'select 1', opts: { note: 'n' } } })).toEqual([
      { kind: 'tool', tool: 'mcp__db__query', texts: ['select 1', 'n'] },
    ]);
  });

  it('Copilot toolArgs is a JSON string; Windsurf wraps everything in tool_info', () => {
    expect(FORMATS.copilot.actions({ toolName: 'create', toolArgs: '{"path":"a.py","file_text":"T"}' })).toEqual([
      { kind: 'write', tool: 'create', file: 'a.py', texts: ['T'] },
    ]);
    expect(FORMATS.windsurf.actions({ agent_action_name: 'pre_run_command', tool_info: { command_line: 'ls', cwd: '/' } })).toEqual([
      { kind: 'shell', tool: 'run_command', command: 'ls' },
    ]);
    expect(FORMATS.windsurf.actions({ agent_action_name: 'post_write_code', tool_info: {} })).toEqual([]);
  });

  it('a Claude Code payload with neither a tool nor a prompt is an error (which denies)', () => {
    expect(() => FORMATS['claude-code'].actions({ hook_event_name: 'PreToolUse' })).toThrow(PayloadError);
  });
});

describe('settings text', () => {
  const ours = JSON.stringify({ hooks: [{ type: 'command', command: 'kf=; "$kf" hook agent claude-code' }] });

  it('tells an existing empty array from a key keyfence created', () => {
    for (const original of [
      '{"hooks": {"PreToolUse": []}}',
      '{"hooks": {}}',
      '{}',
      '{ "a": 1 }',
      '{\n  "hooks": {\n    "PreToolUse": [\n      {"x": 1}\n    ]\n  }\n}\n',
    ]) {
      const edited = insertEntry(original, 'f.json', ['hooks', 'PreToolUse'], ours);
      expect(JSON.parse(edited).hooks.PreToolUse[0]).toEqual(JSON.parse(ours));
      expect(removeEntries(edited, 'f.json', isKeyfenceEntry)).toEqual({ text: original, removed: 1, stray: 0 });
    }
  });

  it('never takes an entry that also runs another command', () => {
    const mixed = JSON.stringify({
      hooks: [
        { type: 'command', command: 'kf=; "$kf" hook agent claude-code' },
        { type: 'command', command: './mine.sh' },
      ],
    });
    expect(isKeyfenceEntry(mixed)).toBe(false);
    const text = `{"hooks": {"PreToolUse": [${mixed}]}}`;
    expect(removeEntries(text, 'f.json', isKeyfenceEntry).text).toBe(text);
  });
});
