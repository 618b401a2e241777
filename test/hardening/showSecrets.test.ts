// `--show-secrets` is the only way to see a secret, and only on a terminal unless `--force` is given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo, cliPath } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { snapshot } from './support.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('--show-secrets', () => {
  let repo: TestRepo;
  let key: string;
  beforeAll(async () => {
    repo = await TestRepo.create();
    key = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('app.ts', `const client = new OpenAI({ apiKey: "${key}" });\n`);
    await repo.gitOk(['add', 'app.ts']);
  });
  afterAll(() => repo.cleanup());

  /** Runs the CLI with stdout and stderr on a pseudo-terminal (util-linux `script`). */
  const onTerminal = (args: string[]) =>
    repo.run('script', ['-qec', [process.execPath, cliPath, ...args].map(quote).join(' '), '/dev/null'], { env: { TERM: 'dumb' } });

  it('masked by default in every format', async () => {
    for (const args of [
      ['scan', '.'],
      ['scan', '--staged', '--format', 'json'],
      ['hook', 'pre-commit'],
    ]) {
      const result = await repo.keyfence(args);
      expect(result.exitCode).toBe(1);
      expect(result.all).not.toContain(key.slice(0, 12));
    }
    const tty = await onTerminal(['scan', '.']);
    expect(tty.exitCode).toBe(1);
    expect(tty.all).toContain('app.ts:1:');
    expect(tty.all).not.toContain(key.slice(0, 12));
  });

  it('refuses when the output is not a terminal, and says how to insist', async () => {
    const before = await snapshot(repo);
    for (const args of [
      ['scan', '.', '--show-secrets'],
      ['scan', '--staged', '--show-secrets', '--format', 'json'],
    ]) {
      const result = await repo.keyfence(args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('not a terminal');
      expect(result.stderr).toContain('--force');
      expect(result.all).not.toContain(key.slice(0, 12));
    }
    const hook = await repo.keyfence(['hook', 'pre-commit', '--show-secrets']);
    expect(hook.exitCode).toBe(2);
    expect(hook.stderr).toContain('--no-verify');
    expect(hook.all).not.toContain(key.slice(0, 12));
    expect(await snapshot(repo)).toEqual(before);
  });

  it('shows the secret on a terminal (scan and hook)', async () => {
    const scan = await onTerminal(['scan', '.', '--show-secrets']);
    expect(scan.exitCode).toBe(1);
    expect(scan.all).toContain(key);
    const hook = await onTerminal(['hook', 'pre-commit', '--show-secrets']);
    expect(hook.exitCode).toBe(1);
    expect(hook.all).toContain(key);
  });

  it('shows the secret to a pipe only with --force (text, JSON, hook)', async () => {
    const text = await repo.keyfence(['scan', '.', '--show-secrets', '--force']);
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain(key);
    const json = await repo.keyfence(['scan', '--staged', '--format', 'json', '--show-secrets', '--force']);
    expect(JSON.parse(json.stdout).findings[0].secret).toBe(key);
    const hook = await repo.keyfence(['hook', 'pre-commit', '--show-secrets', '--force']);
    expect(hook.exitCode).toBe(1);
    expect(hook.stderr).toContain(key);
  });

  it('--force alone reveals nothing: it is a usage error', async () => {
    const result = await repo.keyfence(['scan', '.', '--force']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--force means nothing without --show-secrets');
    expect(result.all).not.toContain(key.slice(0, 12));
  });
});
