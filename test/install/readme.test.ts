// The README's first command, run as written in a fresh repository (offline: keyfence has no
// dependencies, and the checkout is this one, built by the test setup): the hooks it wires block a key.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, projectRoot } from '../support/repo.js';
import { commit, pathWithoutKeyfence } from './helpers.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const commands = (block: string) =>
  block
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/\s+#.*$/, ''));

describe('README', () => {
  const repos: TestRepo[] = [];
  afterAll(async () => {
    await Promise.all(repos.map((repo) => repo.cleanup()));
  });

  it('opens with the set-up command and the test command', () => {
    expect(commands(blocks[0]!)).toEqual(['npm install --save-dev /path/to/keyfence && npx --no-install keyfence install']);
    expect(commands(blocks[1]!)).toEqual(['npm ci && npm test']);
  });

  it('its set-up command, run in a fresh repository, wires hooks that block a key', async () => {
    const repo = await TestRepo.create();
    repos.push(repo);
    repo.env.PATH = pathWithoutKeyfence(repo);
    repo.env.npm_config_offline = 'true';
    // The checkout is built already (the suite's set-up); npm would run its `prepare` again, rebuilding
    // dist/ under the test files running beside this one.
    repo.env.npm_config_ignore_scripts = 'true';
    repo.env.npm_config_cache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
    await repo.write('package.json', '{ "name": "app", "private": true }\n');
    await repo.write('.gitignore', 'node_modules/\n');
    const setUp = await repo.run('sh', ['-c', commands(blocks[0]!)[0]!.replace('/path/to/keyfence', projectRoot)]);
    expect(setUp.exitCode, setUp.all).toBe(0);
    expect(setUp.stdout).toMatch(/pre-commit\s+installed/);
    const blocked = await commit(repo, 'config.js', `const apiKey = "${fakeOpenAIKey('sk-proj-', 74)}";\n`);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.all).toContain('keyfence blocked this commit');
    expect(blocked.all).toContain('npx --no-install keyfence fix');
  }, 120_000);
});
