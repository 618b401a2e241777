// `keyfence rotate <ENV_VAR>` in real repositories: the new value from standard input only, written to
// .env alone, the baseline entry of the old value dropped, and the places the old value remains listed.
import { readdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';
import { FakeProviders } from '../verify/fakeProviders.js';
import { leakedPieces } from '../hardening/leakCases.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);

describe('keyfence rotate', () => {
  let repo: TestRepo;
  let server: FakeProviders;
  let oldKey: string;
  let newKey: string;

  beforeAll(async () => {
    server = await new FakeProviders().start();
  });
  afterAll(async () => server.stop());
  beforeEach(async () => {
    repo = await TestRepo.create({ env: server.env() });
    oldKey = key();
    newKey = key();
    await repo.commitFiles({ '.gitignore': '.env\n' }, 'ignore .env');
    await repo.write('.env', `# local settings\nexport OPENAI_API_KEY=${oldKey}\nPORT=3000\n`);
    server.requests.length = 0;
  });
  afterEach(async () => repo.cleanup());

  const noSecretIn = (output: string) => {
    expect(leakedPieces(output, oldKey)).toEqual([]);
    expect(leakedPieces(output, newKey)).toEqual([]);
  };

  it('writes the new value in place in .env, drops the baseline entry, finds the old value nowhere: exit 0', async () => {
    // The old key was accepted by a baseline while a tracked file held it; the file no longer does.
    await repo.commitFiles({ 'config.js': `const key = "${oldKey}";\n` }, 'key in code');
    const baseline = await repo.keyfence(['baseline']);
    expect(baseline.exitCode, baseline.all).toBe(0);
    expect(await repo.read('.keyfence-baseline.json')).toContain('"hash"');
    await repo.commitFiles(
      { 'config.js': 'const key = process.env.OPENAI_API_KEY;\n', '.keyfence-baseline.json': await repo.read('.keyfence-baseline.json') },
      'key from env',
    );

    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY'], { input: `${newKey}\n` });
    expect(run.exitCode, run.all).toBe(0);
    expect(await repo.read('.env')).toBe(`# local settings\nexport OPENAI_API_KEY=${newKey}\nPORT=3000\n`);
    expect(JSON.parse(await repo.read('.keyfence-baseline.json')).secrets).toEqual([]);
    expect(run.stdout).toContain('Revoke it at https://platform.openai.com/api-keys');
    expect(run.stdout).toContain('Removed the old value');
    expect(run.stdout).toContain('The old value is in no tracked file and not in the index.');
    expect((await readdir(repo.dir)).filter((f) => f.includes('tmp'))).toEqual([]);
    noSecretIn(run.all);
  });

  it('lists where the old value remains, in the work tree and the index, masked: exit 1', async () => {
    await repo.write('src/app.js', `const key = "${oldKey}";\n`);
    await repo.gitOk(['add', 'src/app.js']);
    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY'], { input: newKey });
    expect(run.exitCode, run.all).toBe(1);
    expect(run.stdout).toContain('work tree: src/app.js:1');
    expect(run.stdout).toContain('index: src/app.js:1');
    expect(await repo.read('.env')).toContain(newKey);
    noSecretIn(run.all);
  });

  it('adds the variable when .env does not define it', async () => {
    const run = await repo.keyfence(['rotate', 'ANTHROPIC_API_KEY'], { input: newKey });
    expect(run.exitCode, run.all).toBe(0);
    expect(await repo.read('.env')).toBe(`# local settings\nexport OPENAI_API_KEY=${oldKey}\nPORT=3000\nANTHROPIC_API_KEY=${newKey}\n`);
  });

  it('refuses a .env git does not ignore, and loses nothing', async () => {
    await repo.commitFiles({ '.gitignore': '\n' }, 'unignore');
    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY'], { input: newKey });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('does not ignore .env');
    expect(await repo.read('.env')).toContain(oldKey);
  });

  it('never takes the value from the command line', async () => {
    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY', newKey]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('never taken from the command line');
    const asName = await repo.keyfence(['rotate', newKey]);
    expect(asName.exitCode).toBe(2);
    noSecretIn(run.all + asName.all);
    expect(await repo.read('.env')).toContain(oldKey);
  });

  it('refuses an empty value or the same value', async () => {
    expect((await repo.keyfence(['rotate', 'OPENAI_API_KEY'], { input: '\n' })).exitCode).toBe(2);
    const same = await repo.keyfence(['rotate', 'OPENAI_API_KEY'], { input: oldKey });
    expect(same.exitCode).toBe(2);
    noSecretIn(same.all);
    expect(await repo.read('.env')).toContain(oldKey);
  });

  it('--verify: a new key the provider refuses is not written', async () => {
    server.answer = () => ({ status: 401, json: { error: { message: 'Incorrect API key provided' } } });
    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY', '--verify', '--yes'], { input: newKey });
    expect(run.exitCode, run.all).toBe(1);
    expect(run.stdout).toContain('not accepted by its provider (invalid');
    expect(await repo.read('.env')).toContain(oldKey);
    expect(server.requests.map((r) => `${r.endpoint} ${r.method} ${r.path}`)).toEqual(['openai GET /v1/models']);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${newKey}`);
    noSecretIn(run.all);
  });

  it('--verify: a live new key is written; off a terminal without --yes nothing is sent', async () => {
    const refused = await repo.keyfence(['rotate', 'OPENAI_API_KEY', '--verify'], { input: newKey });
    expect(refused.exitCode).toBe(2);
    expect(server.requests).toHaveLength(0);
    server.answer = () => ({ status: 200, json: { data: [] } });
    const run = await repo.keyfence(['rotate', 'OPENAI_API_KEY', '--verify', '--yes'], { input: newKey });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toContain('The new value is live');
    expect(await repo.read('.env')).toContain(newKey);
  });
});
