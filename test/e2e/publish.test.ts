// The npm publish guard end to end: a real package in a real git repository, `keyfence install` wires
// `keyfence scan --pack` into prepublishOnly, and a real `npm publish --dry-run` is stopped when a
// file npm would upload (git-ignored or not) holds a key, and goes through when the package is clean.
// npm never reaches a registry: the registry is a closed local port and npm runs offline.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cliPath, TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

/** npm settings that keep every npm call in the test off the network and out of the user's files. */
function offlineNpm(home: string): Record<string, string> {
  return {
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_offline: 'true',
    npm_config_fetch_retries: '0',
    npm_config_cache: join(home, '.npm-cache'),
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

async function packageRepo(manifest: Record<string, unknown>, files: Record<string, string>): Promise<TestRepo> {
  const repo = await TestRepo.create();
  repos.push(repo);
  await repo.linkLocalBin();
  await repo.write('package.json', JSON.stringify({ name: 'kf-guarded', version: '1.0.0', ...manifest }, null, 2) + '\n');
  await repo.write('.gitignore', 'node_modules/\n.env\n.claude/settings.local.json\n');
  await repo.write('index.js', 'export const answer = 42;\n');
  for (const [file, content] of Object.entries(files)) await repo.write(file, content);
  const install = await repo.keyfence(['install']);
  expect(install.exitCode, install.all).toBe(0);
  expect(install.stdout).toContain('npm publish guard: "keyfence scan --pack" runs first in scripts.prepublishOnly');
  return repo;
}

const publish = (repo: TestRepo, ...args: string[]) => repo.run('npm', ['publish', '--dry-run', ...args], { env: offlineNpm(repo.home) });

// Each case runs npm two or three times (publish, the guard's own npm pack): slow on a loaded machine.
describe('npm publish guard', { timeout: 180_000 }, () => {
  it('stops npm publish when a .env that git ignores but "files" ships holds a key', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const repo = await packageRepo({ files: ['index.js', '.env'] }, { '.env': `OPENAI_API_KEY=${key}\n` });
    expect((await repo.git(['check-ignore', '-q', '.env'])).exitCode).toBe(0);
    const result = await publish(repo);
    expect(result.exitCode, result.all).not.toBe(0);
    expect(result.all).toContain('keyfence stopped this publish');
    expect(result.all).toMatch(/\.env:1:1 +\.env file in the published package \[published-sensitive-file\]/);
    expect(result.all).toMatch(/\.env:1:16 +OpenAI project API key/);
    expect(result.all).toContain(`${key.slice(0, 4)}********${key.slice(-4)}`);
    expect(result.all).not.toContain(key.slice(4, 20));
    expect(result.all).toContain('npm publish --ignore-scripts');
    expect(result.all).not.toContain('+ kf-guarded@1.0.0');
  });

  it('stops npm publish when .claude/settings.local.json is shipped with a key', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const settings = JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, env: { OPENAI_API_KEY: key } }, null, 2);
    const repo = await packageRepo({ files: ['index.js', '.claude/'] }, { '.claude/settings.local.json': settings });
    const result = await publish(repo);
    expect(result.exitCode, result.all).not.toBe(0);
    expect(result.all).toMatch(/\.claude\/settings\.local\.json:\d+:\d+ +OpenAI project API key/);
    expect(result.all).not.toContain(key.slice(4, 20));
  });

  it('lets a clean package through, with the .env it does not ship still on disk', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const repo = await packageRepo(
      { files: ['index.js'], scripts: { prepublishOnly: 'node -e "console.log(\'own step ran\')"' } },
      { '.env': `OPENAI_API_KEY=${key}\n` },
    );
    const manifest = JSON.parse(await repo.read('package.json')) as { scripts: Record<string, string> };
    expect(manifest.scripts.prepublishOnly).toBe(`keyfence scan --pack && node -e "console.log('own step ran')"`);
    const result = await publish(repo);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('2 files npm would publish (kf-guarded@1.0.0) scanned: no secrets');
    expect(result.all).toContain('own step ran');
    expect(result.all).toContain('npm publish runs the rest of prepublishOnly after this check');
    expect(result.all).toContain('+ kf-guarded@1.0.0');
  });

  it('is skipped only by npm publish --ignore-scripts, the documented way through', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const repo = await packageRepo({ files: ['index.js', 'config.js'] }, { 'config.js': `export const key = "${key}";\n` });
    expect((await publish(repo)).exitCode).not.toBe(0);
    const bypass = await publish(repo, '--ignore-scripts');
    expect(bypass.exitCode, bypass.all).toBe(0);
    expect(bypass.all).not.toContain('keyfence');
  });

  it('blocks a shipped .env and private key with no key a rule can read, and scans a file .npmignore lets through', async () => {
    const repo = await packageRepo(
      {},
      { '.env': 'DEBUG=true\n', '.npmignore': 'node_modules/\n', 'keys/deploy.pem': '-----BEGIN PRIVATE KEY-----\n' },
    );
    const result = await repo.keyfence(['scan', '--pack', '--format', 'json'], { env: offlineNpm(repo.home) });
    expect(result.exitCode, result.all).toBe(1);
    const findings = JSON.parse(result.stdout).findings as Array<{ file: string; ruleId: string }>;
    expect(
      findings
        .filter((f) => f.ruleId === 'published-sensitive-file')
        .map((f) => f.file)
        .sort(),
    ).toEqual(['.env', 'keys/deploy.pem']);
  });

  it('fails closed when npm cannot be run: says so and exits 2', async () => {
    const repo = await packageRepo({ files: ['index.js'] }, {});
    // A PATH with node and git but no npm, and no npm_execpath from an outer npm.
    const bin = await mkdtemp(join(tmpdir(), 'keyfence-nonpm-'));
    await symlink(process.execPath, join(bin, 'node'));
    await symlink(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
    const result = await repo.run(process.execPath, [cliPath, 'scan', '--pack'], { env: { PATH: bin, npm_execpath: '' } });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain('npm was not found on PATH; keyfence needs it to list the files npm would publish');
  });

  it('fails closed when npm cannot compute the file list (a broken package.json)', async () => {
    const repo = await packageRepo({ files: ['index.js'] }, {});
    await repo.write('package.json', '{ "name": "kf-guarded", "version": "1.0.0", ');
    const result = await repo.keyfence(['scan', '--pack'], { env: offlineNpm(repo.home) });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain('npm pack --dry-run failed');
  });

  it('leaves package.json alone with --no-publish-guard, and in a private package', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    await mkdir(repo.path('sub'));
    const manifest = '{\n  "name": "kf-private",\n  "version": "1.0.0",\n  "private": true\n}\n';
    await repo.write('package.json', manifest);
    const install = await repo.keyfence(['install']);
    expect(install.stdout).toContain('npm publish guard: not needed');
    expect(await repo.read('package.json')).toBe(manifest);
    const open = manifest.replace('  "private": true\n', '  "license": "MIT"\n');
    await repo.write('package.json', open);
    expect((await repo.keyfence(['install', '--no-publish-guard'])).stdout).toContain('npm publish guard: left out (--no-publish-guard)');
    expect(await repo.read('package.json')).toBe(open);
    await repo.keyfence(['install']);
    expect(await repo.read('package.json')).not.toBe(open);
    await repo.keyfence(['uninstall']);
    expect(await repo.read('package.json')).toBe(open);
  });
});
