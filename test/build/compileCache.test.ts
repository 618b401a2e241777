// Installed in a project's node_modules, the CLI keeps a V8 code cache of the command it runs in its own
// package folder (dist/.v8-cache, src/codeCache.ts); a damaged cache costs nothing but the cache.
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, TestRepo } from '../support/repo.js';

let repo: TestRepo;
let installedCli: string;
const cacheDir = () => repo.path('node_modules', 'keyfence', 'dist', '.v8-cache');

beforeAll(async () => {
  repo = await TestRepo.create();
  const pkg = repo.path('node_modules', 'keyfence');
  await mkdir(pkg, { recursive: true });
  await cp(join(projectRoot, 'dist'), join(pkg, 'dist'), { recursive: true, filter: (path) => !path.includes('.v8-cache') });
  await cp(join(projectRoot, 'package.json'), join(pkg, 'package.json'));
  await mkdir(repo.path('node_modules', '.bin'));
  await symlink('../keyfence/dist/cli.js', repo.path('node_modules', '.bin', 'keyfence'));
  installedCli = join(pkg, 'dist', 'cli.js');
  await repo.write('.gitignore', 'node_modules/\n');
  await repo.commitFiles({ 'a.js': 'export const a = 1;\n' });
  await repo.write('a.js', 'export const a = 2;\n');
  await repo.gitOk(['add', 'a.js']);
});
afterAll(async () => repo.cleanup());

const hook = (env: Record<string, string> = {}) => repo.run(process.execPath, [installedCli, 'hook', 'pre-commit'], { env });

describe('compile cache of an installed keyfence', () => {
  it('is written by the first run and used by the next', async () => {
    const first = await hook();
    expect(first.exitCode, first.all).toBe(0);
    const files = await readdir(cacheDir());
    expect(files).toEqual([expect.stringMatching(/^hook-.*\.bin$/)]);
    const second = await hook();
    expect(second.exitCode, second.all).toBe(0);
    expect(await readdir(cacheDir())).toEqual(files);
  });

  it('survives a damaged cache file and replaces it', async () => {
    const [file] = await readdir(cacheDir());
    await writeFile(join(cacheDir(), file as string), 'not a code cache');
    const run = await hook();
    expect(run.exitCode, run.all).toBe(0);
    expect((await readFile(join(cacheDir(), file as string))).length).toBeGreaterThan(1000);
    const again = await hook();
    expect(again.exitCode, again.all).toBe(0);
  });

  it('is not written when switched off', async () => {
    await repo.run('rm', ['-rf', cacheDir()]);
    const run = await hook({ KEYFENCE_NO_CODE_CACHE: '1' });
    expect(run.exitCode, run.all).toBe(0);
    await expect(readdir(cacheDir())).rejects.toThrow();
  });
});
