// `keyfence fix` on the files that are not code: committed .env files, example files, client-side
// components (advice only), config it rewrites in place, and runs from a subdirectory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

describe('keyfence fix beyond code', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# app\n' });
  });
  afterAll(() => repo.cleanup());

  it('untracks a staged .env, ignores it and commits a .env.example instead', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('.env', `APP_MODE=dev\nOPENAI_KEY_PROD=${key}\n`);
    await repo.write('.env.example', '# variables the app reads\nAPP_MODE=\n');
    await repo.gitOk(['add', '.env', '.env.example']);
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(0);
    expect(fix.stdout).toContain('.env untracked (still on disk)');
    expect(fix.all).not.toContain(key);
    expect(await repo.gitOk(['ls-files', '.env'])).toBe('');
    expect(await repo.read('.env')).toBe(`APP_MODE=dev\nOPENAI_KEY_PROD=${key}\n`);
    expect(await repo.gitOk(['show', ':.gitignore'])).toBe('.env\n');
    expect(await repo.gitOk(['show', ':.env.example'])).toBe('# variables the app reads\nAPP_MODE=\nOPENAI_KEY_PROD=\n');
    expect((await repo.keyfence(['scan', '--staged'])).exitCode).toBe(0);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'env']);
  });

  it('moves a real value out of .env.example into .env, under the name the example gives it', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('.env.example', `# variables the app reads\nAPP_MODE=\nOPENAI_KEY_PROD=\nBACKUP_OPENAI_KEY=${key}\n`);
    await repo.gitOk(['add', '.env.example']);
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(0);
    expect(await repo.gitOk(['show', ':.env.example'])).toBe(
      '# variables the app reads\nAPP_MODE=\nOPENAI_KEY_PROD=\nBACKUP_OPENAI_KEY=\n',
    );
    expect(await repo.read('.env')).toMatch(new RegExp(`^BACKUP_OPENAI_KEY=${key}$`, 'm'));
    expect((await stat(repo.path('.env'))).mode & 0o777).toBe(0o644);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'example']);
  });

  it('reuses the name .env already gives a value, from a subdirectory', async () => {
    const env = await repo.read('.env');
    const key = env.match(/^OPENAI_KEY_PROD=(.*)$/m)?.[1] as string;
    await repo.write('server/src/client.js', `export const client = new OpenAI({ apiKey: '${key}' });\n`);
    await repo.gitOk(['add', 'server/src/client.js']);
    const fix = await repo.keyfence(['fix'], { cwd: repo.path('server') });
    expect(fix.exitCode, fix.all).toBe(0);
    expect(fix.stdout).toContain('src/client.js:1  OPENAI_KEY_PROD');
    expect(await repo.gitOk(['show', ':server/src/client.js'])).toBe(
      'export const client = new OpenAI({ apiKey: process.env.OPENAI_KEY_PROD });\n',
    );
    expect(await repo.read('.env')).toBe(env);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'client']);
  });

  it('leaves client-side code alone and says the key must move to a server (exit 1)', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const component = `export function Chat() {\n  return fetch(url, { headers: { Authorization: \`Bearer ${key}\` } });\n}\n`;
    await repo.write('web/Chat.tsx', component);
    await repo.gitOk(['add', 'web/Chat.tsx']);
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode).toBe(1);
    expect(fix.stdout).toMatch(/web\/Chat\.tsx:2 {2}OPENAI_API_KEY: client-side code/);
    expect(fix.all).not.toContain(key);
    expect(await repo.read('web/Chat.tsx')).toBe(component);
    const scan = await repo.keyfence(['scan', '--staged']);
    expect(scan.all).toMatch(/does not help here/);
    await repo.gitOk(['rm', '-q', '-f', '--cached', 'web/Chat.tsx']);
  });

  it('rewrites Compose and workflow files to references, and fixes only the given paths', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('docker-compose.yml', `services:\n  api:\n    environment:\n      - OPENAI_API_KEY=${key}\n`);
    await repo.write('.github/workflows/ci.yml', `jobs:\n  test:\n    env:\n      OPENAI_API_KEY: "${key}"\n`);
    await repo.write('notes.txt', `key ${key}\n`);
    const fix = await repo.keyfence(['fix', 'docker-compose.yml', '.github']);
    expect(fix.exitCode, fix.all).toBe(0);
    expect(await repo.read('docker-compose.yml')).toContain('- OPENAI_API_KEY=${OPENAI_API_KEY}');
    expect(await repo.read('.github/workflows/ci.yml')).toContain('OPENAI_API_KEY: "${{ secrets.OPENAI_API_KEY }}"');
    expect(await repo.read('notes.txt')).toContain(key);
    // Untracked files fixed through paths are not staged for the user.
    expect(await repo.gitOk(['ls-files', 'docker-compose.yml'])).toBe('');
  });

  it('puts each secret in the .env its program loads (monorepo package, Compose folder)', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const other = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('packages/api/package.json', '{ "name": "api" }\n');
    await repo.write('packages/api/src/client.js', `export const key = "${key}";\n`);
    await repo.write('deploy/docker-compose.yml', `services:\n  api:\n    environment:\n      OPENAI_API_KEY: ${other}\n`);
    await repo.gitOk(['add', 'packages', 'deploy']);
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(0);
    // Names are unique within one .env: each of the two files gets OPENAI_API_KEY.
    expect(await repo.read('deploy/.env')).toBe(`OPENAI_API_KEY=${other}\n`);
    expect(await repo.gitOk(['show', ':deploy/docker-compose.yml'])).toContain('OPENAI_API_KEY: ${OPENAI_API_KEY}');
    expect(await repo.read('packages/api/.env')).toBe(`OPENAI_API_KEY=${key}\n`);
    expect(await repo.gitOk(['show', ':packages/api/.env.example'])).toBe('OPENAI_API_KEY=\n');
    expect(await repo.gitOk(['ls-files', 'packages/api/.env', 'deploy/.env'])).toBe('');
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'monorepo']);
  });

  it('rejects unknown options', async () => {
    const fix = await repo.keyfence(['fix', '--frobnicate']);
    expect(fix.exitCode).toBe(2);
    expect(fix.stderr).toMatch(/unknown option/);
  });
});
