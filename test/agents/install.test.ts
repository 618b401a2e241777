// `keyfence install --agents` / `keyfence uninstall --agents` on real settings files: the user's other
// settings and hooks are kept, uninstall gives back the file byte for byte, a file keyfence created goes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { TestRepo } from '../support/repo.js';

let repo: TestRepo;
beforeEach(async () => {
  repo = await TestRepo.create();
});
afterEach(async () => {
  await repo.cleanup();
});

const claudeSettings = [
  '{',
  '  "permissions": {',
  '    "allow": ["Bash(npm test)"]',
  '  },',
  '  "hooks": {',
  '    "PreToolUse": [',
  '      {',
  '        "matcher": "Bash",',
  '        "hooks": [{ "type": "command", "command": "./scripts/lint-command.sh" }]',
  '      }',
  '    ],',
  '    "Stop": [{ "hooks": [{ "type": "command", "command": "npm run format" }] }]',
  '  }',
  '}',
  '',
].join('\n');

async function roundTrip(file: string, original: string, agent: string): Promise<string> {
  await repo.write(file, original);
  const installed = await repo.keyfence(['install', '--agent', agent]);
  expect(installed.exitCode, installed.all).toBe(0);
  const withGuard = await repo.read(file);
  expect(withGuard).not.toBe(original);
  expect(() => JSON.parse(withGuard.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*.*?\*\//g, ''))).not.toThrow();
  const again = await repo.keyfence(['install', '--agent', agent]);
  expect(again.stdout).toContain('already installed');
  expect(await repo.read(file)).toBe(withGuard);
  const removed = await repo.keyfence(['uninstall', '--agents']);
  expect(removed.exitCode, removed.all).toBe(0);
  expect(await repo.read(file)).toBe(original);
  return withGuard;
}

describe('install --agents and uninstall --agents', () => {
  it('Claude Code: keeps the other hooks and settings, and uninstall restores the file byte for byte', async () => {
    const withGuard = await roundTrip('.claude/settings.json', claudeSettings, 'claude-code');
    const settings = JSON.parse(withGuard) as {
      permissions: unknown;
      hooks: Record<string, Array<{ matcher?: string; hooks: Array<{ command: string }> }>>;
    };
    expect(settings.permissions).toEqual({ allow: ['Bash(npm test)'] });
    expect(settings.hooks.PreToolUse?.map((g) => g.matcher)).toEqual(['Write|Edit|MultiEdit|NotebookEdit|Bash', 'Bash']);
    expect(settings.hooks.PreToolUse?.[1]?.hooks[0]?.command).toBe('./scripts/lint-command.sh');
    expect(settings.hooks.UserPromptSubmit?.[0]?.hooks[0]?.command).toContain('hook agent claude-code');
    expect(settings.hooks.Stop).toHaveLength(1);
  });

  it.each([
    ['compact JSON on one line', '{"model":"opus","hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"x"}]}]}}'],
    ['an empty object', '{}'],
    [
      'CRLF line ends and tabs',
      '{\r\n\t"hooks": {\r\n\t\t"UserPromptSubmit": [\r\n\t\t\t{ "hooks": [{ "type": "command", "command": "log" }] }\r\n\t\t]\r\n\t}\r\n}\r\n',
    ],
    ['empty hook arrays', '{\n  "hooks": {\n    "PreToolUse": [],\n    "UserPromptSubmit": [ ]\n  }\n}\n'],
  ])('Claude Code: round trip on %s', async (_what, original) => {
    await roundTrip('.claude/settings.json', original, 'claude-code');
  });

  it('Gemini CLI: a settings file with comments and other settings', async () => {
    const original =
      '{\n  // the theme\n  "theme": "GitHub",\n  "hooks": {\n    /* ours */\n    "BeforeTool": [\n      { "matcher": "write_file", "hooks": [{ "type": "command", "command": "./check.sh" }] }\n    ]\n  }\n}\n';
    await roundTrip('.gemini/settings.json', original, 'gemini');
  });

  it('Cursor, Codex and Windsurf: existing hooks files keep their entries', async () => {
    await roundTrip(
      '.cursor/hooks.json',
      '{\n  "version": 1,\n  "hooks": {\n    "afterFileEdit": [{ "command": "./format.sh" }]\n  }\n}\n',
      'cursor',
    );
    await roundTrip(
      '.codex/hooks.json',
      '{\n  "hooks": {\n    "Stop": [{ "hooks": [{ "type": "command", "command": "notify" }] }]\n  }\n}\n',
      'codex',
    );
    await roundTrip(
      '.windsurf/hooks.json',
      '{\n  "hooks": {\n    "post_write_code": [{ "command": "prettier --write" }]\n  }\n}\n',
      'windsurf',
    );
  });

  it('creates the files it needs and removes them (and their empty folders) on uninstall', async () => {
    await repo.write('README.md', 'x\n');
    const installed = await repo.keyfence(['install', '--agent', 'all']);
    expect(installed.exitCode, installed.all).toBe(0);
    for (const file of [
      '.claude/settings.json',
      '.cursor/hooks.json',
      '.gemini/settings.json',
      '.codex/hooks.json',
      '.github/hooks/keyfence.json',
      '.windsurf/hooks.json',
    ]) {
      expect(existsSync(repo.path(file)), file).toBe(true);
    }
    const copilot = JSON.parse(await repo.read('.github/hooks/keyfence.json')) as {
      version: number;
      hooks: { preToolUse: Array<{ type: string; bash: string }> };
    };
    expect(copilot.version).toBe(1);
    expect(copilot.hooks.preToolUse[0]?.bash).toContain('hook agent copilot');
    const removed = await repo.keyfence(['uninstall', '--agents']);
    expect(removed.exitCode, removed.all).toBe(0);
    for (const dir of ['.claude', '.cursor', '.gemini', '.codex', '.github', '.windsurf'])
      expect(existsSync(repo.path(dir)), dir).toBe(false);
    expect(await repo.read('README.md')).toBe('x\n');
  });

  it('guards the agents the project shows signs of, and asks for names when there are none', async () => {
    const none = await repo.keyfence(['install', '--agents']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('--agent claude-code');
    await repo.write('CLAUDE.md', '# notes\n');
    await repo.write('.cursorrules', 'be nice\n');
    const some = await repo.keyfence(['install', '--agents']);
    expect(some.exitCode, some.all).toBe(0);
    expect(existsSync(repo.path('.claude/settings.json'))).toBe(true);
    expect(existsSync(repo.path('.cursor/hooks.json'))).toBe(true);
    expect(existsSync(repo.path('.gemini/settings.json'))).toBe(false);
  });

  it('--user writes the user-level settings in the home directory', async () => {
    const result = await repo.keyfence(['install', '--agents', '--user', '--agent', 'claude-code']);
    expect(result.exitCode, result.all).toBe(0);
    expect(existsSync(`${repo.home}/.claude/settings.json`)).toBe(true);
    expect(existsSync(repo.path('.claude'))).toBe(false);
    expect((await repo.keyfence(['uninstall', '--agents', '--user'])).exitCode).toBe(0);
    expect(existsSync(`${repo.home}/.claude`)).toBe(false);
  });

  it('leaves a settings file that is not valid JSON untouched, with the reason', async () => {
    await repo.write('.claude/settings.json', '{ "hooks": ');
    const result = await repo.keyfence(['install', '--agent', 'claude-code']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('not valid JSON');
    expect(await repo.read('.claude/settings.json')).toBe('{ "hooks": ');
  });

  it('reports an entry the user moved by hand and exits 2 instead of guessing', async () => {
    await repo.write('.claude/settings.json', claudeSettings);
    await repo.keyfence(['install', '--agent', 'claude-code']);
    const settings = JSON.parse(await repo.read('.claude/settings.json')) as { hooks: Record<string, unknown[]> };
    settings.hooks.PreToolUse?.reverse();
    await repo.write('.claude/settings.json', JSON.stringify(settings, null, 2));
    const result = await repo.keyfence(['uninstall', '--agents']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('moved or edited by hand');
  });
});
