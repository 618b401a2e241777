// Runs the agent guard as the agents do: the command line `keyfence install --agents` wrote into an agent's
// settings file, run by a shell in the project, with the agent's JSON payload on stdin.
import { readFileSync } from 'node:fs';
import { TestRepo, type RunResult } from '../support/repo.js';
import { SETUPS } from '../../src/agents/setup.js';
import type { AgentName } from '../../src/agents/formats.js';

/** A repository with keyfence in node_modules/.bin and the guard installed for every agent. */
export async function guardedRepo(): Promise<TestRepo> {
  const repo = await TestRepo.create();
  await repo.linkLocalBin();
  const result = await repo.keyfence(['install', '--agent', 'all']);
  if (result.exitCode !== 0) throw new Error(`install --agents failed:\n${result.all}`);
  return repo;
}

/** Every command string keyfence wrote into `agent`'s settings under hooks.<event>. */
export function installedCommands(repo: TestRepo, agent: AgentName, event: string): string[] {
  const setup = SETUPS.find((s) => s.name === agent)!;
  const settings = JSON.parse(readFileSync(repo.path(setup.file.project), 'utf8')) as { hooks: Record<string, unknown[]> };
  const commands: string[] = [];
  JSON.stringify(settings.hooks[event] ?? [], (_k, value: unknown) => {
    if (typeof value === 'string' && value.includes('hook agent')) commands.push(value);
    return value;
  });
  return commands;
}

/** Runs the installed hook for `event` as the agent would, with the payload on stdin. */
export async function runInstalledHook(
  repo: TestRepo,
  agent: AgentName,
  event: string,
  payload: unknown,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const [command] = installedCommands(repo, agent, event);
  if (!command) throw new Error(`no keyfence hook for ${agent} ${event}`);
  const projectDir = { CLAUDE_PROJECT_DIR: repo.dir, GEMINI_PROJECT_DIR: repo.dir };
  return repo.run('sh', ['-c', command], {
    input: typeof payload === 'string' ? payload : JSON.stringify(payload),
    env: { ...projectDir, ...env },
  });
}

/** The reason an agent would receive, whichever channel its protocol uses. */
export function reasonOf(agent: AgentName, result: RunResult): string {
  if (agent === 'copilot')
    return result.stdout ? ((JSON.parse(result.stdout) as { permissionDecisionReason?: string }).permissionDecisionReason ?? '') : '';
  if (agent === 'cursor') return result.stdout ? ((JSON.parse(result.stdout) as { agent_message?: string }).agent_message ?? '') : '';
  return result.stderr;
}

/** Whether the agent would go ahead with the call, read the way its protocol says. */
export function allowed(agent: AgentName, result: RunResult): boolean {
  if (agent === 'copilot') return !result.stdout.includes('"permissionDecision":"deny"');
  if (agent === 'cursor') return result.exitCode === 0 && !result.stdout.includes('"deny"');
  // Claude Code, Gemini CLI, Codex and Windsurf block on exit status 2 only.
  return result.exitCode !== 2;
}
