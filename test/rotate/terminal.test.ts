// `keyfence rotate` on a real pseudo-terminal: the new value is typed at a prompt that does not echo it,
// and rotate --verify asks before sending anything.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { cliPath, TestRepo } from '../support/repo.js';
import { PtyRun, ptyUnavailable } from '../support/pty.js';
import { FakeProviders } from '../verify/fakeProviders.js';
import { leakedPieces } from '../hardening/leakCases.js';

const noPty = ptyUnavailable();
if (noPty) console.warn(`test/rotate/terminal.test.ts skipped: ${noPty}`);

describe.skipIf(noPty)('keyfence rotate on a terminal', () => {
  let server: FakeProviders;
  let repo: TestRepo;
  let oldKey: string;
  let newKey: string;

  beforeAll(async () => {
    server = await new FakeProviders().start();
  });
  afterAll(async () => server.stop());
  beforeEach(async () => {
    repo = await TestRepo.create({ env: server.env() });
    oldKey = fakeOpenAIKey('sk-proj-', 74);
    newKey = fakeOpenAIKey('sk-proj-', 74);
    await repo.commitFiles({ '.gitignore': '.env\n' }, 'ignore .env');
    await repo.write('.env', `OPENAI_API_KEY=${oldKey}\n`);
    server.requests.length = 0;
    server.connections = 0;
  });
  afterEach(async () => repo.cleanup());

  const rotate = (...flags: string[]) =>
    new PtyRun(process.execPath, [cliPath, 'rotate', 'OPENAI_API_KEY', ...flags], { cwd: repo.dir, env: repo.env });
  const noSecretIn = (output: string) => {
    expect(leakedPieces(output, oldKey)).toEqual([]);
    expect(leakedPieces(output, newKey)).toEqual([]);
  };

  it('reads the new value at a prompt that does not echo it, and writes it', async () => {
    const run = rotate();
    await run.waitFor('New value for OPENAI_API_KEY (not shown): ');
    run.type(`${newKey}\r`);
    expect(await run.exit, run.output).toBe(0);
    expect(run.output).toContain('Wrote OPENAI_API_KEY=sk-p********');
    noSecretIn(run.output);
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${newKey}\n`);
  });

  it('Ctrl-C at the prompt: nothing written, exit 2', async () => {
    const run = rotate();
    await run.waitFor('(not shown): ');
    run.type(`${newKey.slice(0, 20)}\u0003`);
    expect(await run.exit, run.output).toBe(2);
    expect(run.output).toContain('cancelled; nothing written');
    noSecretIn(run.output);
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${oldKey}\n`);
  });

  it('--verify asks before sending the new key; "n" sends nothing and writes nothing', async () => {
    const run = rotate('--verify');
    await run.waitFor('(not shown): ');
    run.type(`${newKey}\r`);
    await run.waitFor('Continue? [y/N] ');
    expect(run.output).toContain('keyfence rotate will send the new OPENAI_API_KEY to 127.0.0.1');
    run.type('n\r');
    expect(await run.exit, run.output).toBe(2);
    expect(run.output).toContain('not confirmed; nothing written');
    expect(server.connections).toBe(0);
    noSecretIn(run.output);
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${oldKey}\n`);
  });

  it('--verify, "y": the request is sent, and a live key is written', async () => {
    server.answer = () => ({ status: 200, json: { data: [] } });
    const run = rotate('--verify');
    await run.waitFor('(not shown): ');
    run.type(`${newKey}\r`);
    await run.waitFor('Continue? [y/N] ');
    run.type('y\r');
    expect(await run.exit, run.output).toBe(0);
    expect(server.requests.map((r) => `${r.endpoint} ${r.method} ${r.path}`)).toEqual(['openai GET /v1/models']);
    noSecretIn(run.output);
    expect(await repo.read('.env')).toBe(`OPENAI_API_KEY=${newKey}\n`);
  });
});
