// Each agent's documented hook payloads, fed to the hook command `keyfence install --agents` wrote, run
// as the agent runs it: the decision (in the agent's protocol) and the reason, which names the fix and
// never the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { fakeGithubToken } from '../../src/rules/fake.js';
import type { TestRepo } from '../support/repo.js';
import type { AgentName } from '../../src/agents/formats.js';
import { allowed, guardedRepo, reasonOf, runInstalledHook } from './support.js';
import { join } from '../../src/rules/fake.js';

let repo: TestRepo;
const key = fakeOpenAIKey('sk-proj-', 74);
const token = fakeGithubToken('ghp');

beforeAll(async () => {
  repo = await guardedRepo();
});
afterAll(async () => {
  await repo.cleanup();
});

/** Blocked, with the fix in the reason and no key in any output. */
function expectDenied(agent: AgentName, result: Awaited<ReturnType<typeof runInstalledHook>>, ...fix: string[]): string {
  expect(allowed(agent, result), result.all).toBe(false);
  const reason = reasonOf(agent, result);
  for (const part of fix) expect(reason).toContain(part);
  for (const secret of [key, token]) expect(result.all).not.toContain(secret);
  return reason;
}

function expectAllowed(agent: AgentName, result: Awaited<ReturnType<typeof runInstalledHook>>): void {
  expect(allowed(agent, result), result.all).toBe(true);
  expect(result.exitCode).toBe(0);
}

describe('Claude Code (PreToolUse, UserPromptSubmit)', () => {
  const tool = (tool_name: string, tool_input: Record<string, unknown>) => ({
    session_id: 's1',
    transcript_path: '/tmp/t.jsonl',
    cwd: repo.dir,
    hook_event_name: 'PreToolUse',
    tool_name,
    tool_input,
  });

  it('denies a Write of a key into Python with the os.environ fix and the .env the user fills in', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Write', { file_path: repo.path('src/app.py'), content: `import openai\nclient = openai.OpenAI(api_key="${key}")\n` }),
    );
    const reason = expectDenied(
      'claude-code',
      result,
      'src/app.py',
      'os.environ["OPENAI_API_KEY"]',
      'import os',
      'OPENAI_API_KEY=<their key>',
      '.env',
    );
    expect(reason).toContain(`${key.slice(0, 4)}********${key.slice(-4)}`);
  });

  it('denies a Write into TypeScript with process.env', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Write', { file_path: 'src/client.ts', content: `export const client = new OpenAI({ apiKey: '${key}' });\n` }),
    );
    expectDenied('claude-code', result, 'process.env.OPENAI_API_KEY', '.env');
  });

  it('denies a Write that reads a secret through a client-exposed variable, with the server-route advice', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Write', {
        file_path: 'src/lib/ai.ts',
        content: join('export const openai = new OpenAI({ apiKey: import.meta.env.VITE_', 'OPENAI_API_KEY });\n'),
      }),
    );
    const reason = expectDenied(
      'claude-code',
      result,
      'src/lib/ai.ts',
      'VITE_OPENAI_API_KEY',
      'browser bundle',
      'server route',
      'OPENAI_API_KEY',
    );
    expect(reason).not.toContain('literal secret');
  });

  it('lets an MCP config with variable references through, and denies one with a key', async () => {
    const clean = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Write', {
        file_path: '.mcp.json',
        content: '{ "mcpServers": { "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${GITHUB_TOKEN}" } } } }\n',
      }),
    );
    expectAllowed('claude-code', clean);
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Write', {
        file_path: '.mcp.json',
        content: `{ "mcpServers": { "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${token}" } } } }\n`,
      }),
    );
    expectDenied('claude-code', result, '"${GITHUB_TOKEN}"', 'Claude Code expands');
  });

  it('denies an Edit that adds a GitHub token to Go code, with os.Getenv', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Edit', {
        file_path: repo.path('cmd/main.go'),
        old_string: 'token := ""',
        new_string: `token := "${token}"`,
        replace_all: false,
      }),
    );
    expectDenied('claude-code', result, 'os.Getenv("GITHUB_TOKEN")', 'GITHUB_TOKEN=<their key>');
  });

  it('allows an Edit that takes a key out (only the new text is checked)', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Edit', { file_path: 'src/app.py', old_string: `api_key="${key}"`, new_string: 'api_key=os.environ["OPENAI_API_KEY"]' }),
    );
    expectAllowed('claude-code', result);
  });

  it('denies a MultiEdit whose second edit adds a key to Ruby, with ENV.fetch', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('MultiEdit', {
        file_path: 'config/client.rb',
        edits: [
          { old_string: 'a', new_string: 'b' },
          { old_string: 'KEY = nil', new_string: `KEY = "${key}"` },
        ],
      }),
    );
    expectDenied('claude-code', result, 'ENV.fetch("OPENAI_API_KEY")');
  });

  it('denies a NotebookEdit that puts a key in a cell', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('NotebookEdit', {
        notebook_path: repo.path('analysis.ipynb'),
        cell_id: 'c1',
        new_source: `openai.api_key = "${key}"`,
        cell_type: 'code',
        edit_mode: 'replace',
      }),
    );
    expectDenied('claude-code', result, 'os.environ["OPENAI_API_KEY"]');
  });

  it.each([
    ['a curl header', `curl -H "Authorization: Bearer ${key}" https://api.openai.com/v1/models`],
    ['an echo into a file', `echo 'OPENAI_API_KEY = "${key}"' >> config.py`],
    ['a commit message', `git commit -m "use key ${token}"`],
  ])('denies a Bash command with %s, telling it to write "$VAR"', async (_what, command) => {
    const result = await runInstalledHook(repo, 'claude-code', 'PreToolUse', tool('Bash', { command, description: 'run it' }));
    expectDenied('claude-code', result, 'shell command', '"$', '.env');
  });

  it('allows clean calls without a word', async () => {
    for (const payload of [
      tool('Bash', { command: 'npm test' }),
      tool('Write', { file_path: 'src/ok.py', content: 'import os\nkey = os.environ["OPENAI_API_KEY"]\n' }),
    ]) {
      const result = await runInstalledHook(repo, 'claude-code', 'PreToolUse', payload);
      expectAllowed('claude-code', result);
      expect(result.all.trim()).toBe('');
    }
  });

  it('blocks a prompt with a key before it is sent, and lets a clean one through', async () => {
    const prompt = {
      session_id: 's1',
      transcript_path: '/tmp/t.jsonl',
      cwd: repo.dir,
      hook_event_name: 'UserPromptSubmit',
      prompt: `here is my key ${key}, wire it in`,
    };
    const blocked = await runInstalledHook(repo, 'claude-code', 'UserPromptSubmit', prompt);
    expectDenied('claude-code', blocked, 'prompt', '.env', 'OPENAI_API_KEY');
    expectAllowed(
      'claude-code',
      await runInstalledHook(repo, 'claude-code', 'UserPromptSubmit', { ...prompt, prompt: 'read OPENAI_API_KEY from the environment' }),
    );
  });

  it('does not honour a keyfence:allow marker the agent writes itself', async () => {
    const result = await runInstalledHook(
      repo,
      'claude-code',
      'PreToolUse',
      tool('Write', { file_path: 'src/app.js', content: `const k = "${key}"; // keyfence:allow\n` }),
    );
    expectDenied('claude-code', result, 'process.env.OPENAI_API_KEY');
  });

  it('allows the key in a git-ignored .env, and denies it in a .env git would commit', async () => {
    const write = tool('Write', { file_path: repo.path('.env'), content: `OPENAI_API_KEY=${key}\n` });
    expectDenied('claude-code', await runInstalledHook(repo, 'claude-code', 'PreToolUse', write));
    await repo.write('.gitignore', '.env\n');
    try {
      expectAllowed('claude-code', await runInstalledHook(repo, 'claude-code', 'PreToolUse', write));
    } finally {
      await rm(repo.path('.gitignore'));
    }
  });
});

describe('Cursor (preToolUse, beforeShellExecution, beforeSubmitPrompt)', () => {
  const base = { conversation_id: 'c1', generation_id: 'g1', workspace_roots: [] as string[] };

  it('denies a Write tool call with permission "deny" and the fix for the agent', async () => {
    const result = await runInstalledHook(repo, 'cursor', 'preToolUse', {
      ...base,
      hook_event_name: 'preToolUse',
      tool_name: 'Write',
      tool_input: { file_path: repo.path('server/index.js'), content: `const key = "${key}";\n` },
    });
    expectDenied('cursor', result, 'process.env.OPENAI_API_KEY');
    expect(JSON.parse(result.stdout)).toMatchObject({ permission: 'deny', continue: false });
  });

  it('denies a shell command and a prompt, allows a clean command', async () => {
    expectDenied(
      'cursor',
      await runInstalledHook(repo, 'cursor', 'beforeShellExecution', {
        ...base,
        hook_event_name: 'beforeShellExecution',
        command: `export OPENAI_API_KEY=${key}`,
        cwd: repo.dir,
      }),
      '"$OPENAI_API_KEY"',
    );
    expectDenied(
      'cursor',
      await runInstalledHook(repo, 'cursor', 'beforeSubmitPrompt', {
        ...base,
        hook_event_name: 'beforeSubmitPrompt',
        prompt: `key: ${key}`,
        attachments: [],
      }),
      '.env',
    );
    const clean = await runInstalledHook(repo, 'cursor', 'beforeShellExecution', {
      ...base,
      hook_event_name: 'beforeShellExecution',
      command: 'ls -la',
      cwd: repo.dir,
    });
    expectAllowed('cursor', clean);
    expect(JSON.parse(clean.stdout)).toMatchObject({ permission: 'allow', continue: true });
  });
});

describe('Gemini CLI (BeforeTool, BeforeAgent)', () => {
  const base = {
    session_id: 's',
    transcript_path: '/tmp/t.json',
    cwd: '',
    hook_event_name: 'BeforeTool',
    timestamp: '2026-01-01T00:00:00Z',
  };

  it('denies write_file, replace and run_shell_command carrying a key', async () => {
    expectDenied(
      'gemini',
      await runInstalledHook(repo, 'gemini', 'BeforeTool', {
        ...base,
        cwd: repo.dir,
        tool_name: 'write_file',
        tool_input: { file_path: 'app/settings.py', content: `OPENAI_API_KEY = "${key}"\n` },
      }),
      'os.environ',
    );
    expectDenied(
      'gemini',
      await runInstalledHook(repo, 'gemini', 'BeforeTool', {
        ...base,
        cwd: repo.dir,
        tool_name: 'replace',
        tool_input: { file_path: 'src/Main.java', old_string: 'x', new_string: `String key = "${key}";` },
      }),
      'System.getenv("OPENAI_API_KEY")',
    );
    expectDenied(
      'gemini',
      await runInstalledHook(repo, 'gemini', 'BeforeTool', {
        ...base,
        cwd: repo.dir,
        tool_name: 'run_shell_command',
        tool_input: { command: `curl -u user:${token} https://api.github.com` },
      }),
      'shell command',
    );
  });

  it('blocks a prompt with a key (BeforeAgent)', async () => {
    expectDenied(
      'gemini',
      await runInstalledHook(repo, 'gemini', 'BeforeAgent', {
        ...base,
        cwd: repo.dir,
        hook_event_name: 'BeforeAgent',
        prompt: `use ${token}`,
      }),
      'GITHUB_TOKEN',
    );
  });
});

describe('Codex CLI (PreToolUse, UserPromptSubmit)', () => {
  const base = {
    session_id: 's',
    transcript_path: null,
    permission_mode: 'default',
    model: 'gpt-5-codex',
    turn_id: 't1',
    hook_event_name: 'PreToolUse',
    tool_use_id: 'u1',
  };

  it('denies an apply_patch that adds a key, naming the file it goes to', async () => {
    const patch = [
      '*** Begin Patch',
      '*** Add File: src/config.py',
      '+import os',
      `+API_KEY = "${key}"`,
      '*** Update File: README.md',
      '@@',
      '-old',
      '+new',
      '*** End Patch',
    ].join('\n');
    const result = await runInstalledHook(repo, 'codex', 'PreToolUse', {
      ...base,
      cwd: repo.dir,
      tool_name: 'apply_patch',
      tool_input: { command: patch },
    });
    expectDenied('codex', result, 'src/config.py', 'os.environ["OPENAI_API_KEY"]');
  });

  it('allows a patch that removes a key, denies a Bash command that carries one', async () => {
    const removal = [
      '*** Begin Patch',
      '*** Update File: src/config.py',
      '@@',
      `-API_KEY = "${key}"`,
      '+API_KEY = os.environ["OPENAI_API_KEY"]',
      '*** End Patch',
    ].join('\n');
    expectAllowed(
      'codex',
      await runInstalledHook(repo, 'codex', 'PreToolUse', {
        ...base,
        cwd: repo.dir,
        tool_name: 'apply_patch',
        tool_input: { command: removal },
      }),
    );
    expectDenied(
      'codex',
      await runInstalledHook(repo, 'codex', 'PreToolUse', {
        ...base,
        cwd: repo.dir,
        tool_name: 'Bash',
        tool_input: { command: `OPENAI_API_KEY=${key} node app.js` },
      }),
      '"$OPENAI_API_KEY"',
    );
  });

  it('blocks a prompt with a key', async () => {
    expectDenied(
      'codex',
      await runInstalledHook(repo, 'codex', 'UserPromptSubmit', {
        ...base,
        cwd: repo.dir,
        hook_event_name: 'UserPromptSubmit',
        prompt: key,
      }),
      '.env',
    );
  });
});

describe('GitHub Copilot (preToolUse)', () => {
  it('denies create and bash tool calls with permissionDecision "deny" and the fix', async () => {
    const create = {
      timestamp: 1704614600000,
      cwd: repo.dir,
      toolName: 'create',
      toolArgs: JSON.stringify({ path: 'src/github.ts', file_text: `const octokit = new Octokit({ auth: "${token}" });\n` }),
    };
    expectDenied('copilot', await runInstalledHook(repo, 'copilot', 'preToolUse', create), 'process.env.GITHUB_TOKEN');
    const bash = {
      timestamp: 1704614600000,
      cwd: repo.dir,
      toolName: 'bash',
      toolArgs: JSON.stringify({ command: `gh auth login --with-token <<< ${token}`, description: 'log in' }),
    };
    expectDenied('copilot', await runInstalledHook(repo, 'copilot', 'preToolUse', bash), '"$GITHUB_TOKEN"');
  });

  it('says nothing on a clean edit (no output is an allow)', async () => {
    const edit = {
      timestamp: 1704614600000,
      cwd: repo.dir,
      toolName: 'edit',
      toolArgs: JSON.stringify({ path: 'src/a.ts', old_str: 'a', new_str: 'b' }),
    };
    const result = await runInstalledHook(repo, 'copilot', 'preToolUse', edit);
    expectAllowed('copilot', result);
    expect(result.stdout).toBe('');
  });
});

describe('Windsurf Cascade (pre_write_code, pre_run_command, pre_user_prompt)', () => {
  const base = { trajectory_id: 't', execution_id: 'e', timestamp: '2026-01-01T00:00:00Z' };

  it('denies a write, a command and a prompt that carry a key', async () => {
    expectDenied(
      'windsurf',
      await runInstalledHook(repo, 'windsurf', 'pre_write_code', {
        ...base,
        agent_action_name: 'pre_write_code',
        tool_info: { file_path: repo.path('lib/api.php'), edits: [{ old_string: '', new_string: `$key = '${key}';` }] },
      }),
      "getenv('OPENAI_API_KEY')",
    );
    expectDenied(
      'windsurf',
      await runInstalledHook(repo, 'windsurf', 'pre_run_command', {
        ...base,
        agent_action_name: 'pre_run_command',
        tool_info: { command_line: `export GITHUB_TOKEN=${token}`, cwd: repo.dir },
      }),
      '"$GITHUB_TOKEN"',
    );
    expectDenied(
      'windsurf',
      await runInstalledHook(repo, 'windsurf', 'pre_user_prompt', {
        ...base,
        agent_action_name: 'pre_user_prompt',
        tool_info: { user_prompt: `token ${token}` },
      }),
      '.env',
    );
  });
});

describe('fails closed', () => {
  it.each(['claude-code', 'cursor', 'gemini', 'codex', 'copilot', 'windsurf'] as const)(
    '%s: a payload that is not JSON blocks, with the cause',
    async (agent) => {
      const event = {
        'claude-code': 'PreToolUse',
        cursor: 'preToolUse',
        gemini: 'BeforeTool',
        codex: 'PreToolUse',
        copilot: 'preToolUse',
        windsurf: 'pre_write_code',
      }[agent];
      const result = await runInstalledHook(repo, agent, event, '{"tool_name": "Write", ');
      expect(allowed(agent, result), result.all).toBe(false);
      expect(reasonOf(agent, result)).toContain('not valid JSON');
    },
  );

  it('blocks when keyfence is missing, crashes or exits 1, in each protocol', async () => {
    const bin = repo.path('node_modules', '.bin', 'keyfence');
    const payload = { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } };
    const env = { PATH: '/usr/bin:/bin' };
    try {
      await rm(bin);
      for (const agent of ['claude-code', 'cursor', 'copilot'] as const) {
        const event = { 'claude-code': 'PreToolUse', cursor: 'beforeShellExecution', copilot: 'preToolUse' }[agent];
        const result = await runInstalledHook(repo, agent, event, payload, env);
        expect(allowed(agent, result), `${agent}: ${result.all}`).toBe(false);
        expect(reasonOf(agent, result)).toContain('keyfence could not run (exit 127)');
      }
      await writeFile(bin, '#!/bin/sh\necho "TypeError: boom" >&2\nexit 1\n');
      await chmod(bin, 0o755);
      const crashed = await runInstalledHook(repo, 'claude-code', 'PreToolUse', payload, env);
      expect(crashed.exitCode).toBe(2);
      expect(crashed.stderr).toContain('keyfence could not run (exit 1)');
    } finally {
      await repo.linkLocalBin();
    }
  });

  it('blocks when the repository configuration is broken', async () => {
    await repo.write('.keyfence.json', '{ "allow": [ ');
    try {
      const result = await runInstalledHook(repo, 'claude-code', 'PreToolUse', {
        cwd: repo.dir,
        hook_event_name: 'PreToolUse',
        tool_name: 'Write',
        tool_input: { file_path: 'a.py', content: `k = "${key}"` },
      });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('could not check this call');
      expect(result.all).not.toContain(key);
    } finally {
      await rm(repo.path('.keyfence.json'));
    }
  });
});
