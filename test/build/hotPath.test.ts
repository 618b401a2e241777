// The pre-commit hook starts on every commit: what it loads is part of its behaviour. These checks
// pin the shape of the built hook path (not its timing): its own files, and no heavy built-ins that a
// commit without findings never uses.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, TestRepo } from '../support/repo.js';

let repo: TestRepo;
let loaded: { builtins: string[]; files: string[] };

beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.commitFiles({ 'a.js': 'export const a = 1;\n' });
  await repo.write('a.js', 'export const a = 2;\nexport const b = process.env.B;\n');
  await repo.gitOk(['add', 'a.js']);
  const preload = repo.path('..', 'record-loads.cjs');
  const out = repo.path('..', 'loads.json');
  await writeFile(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({
      builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
      files: Object.keys(require.cache),
    })));\n`,
  );
  const result = await repo.run(process.execPath, ['--require', preload, cliPath, 'hook', 'pre-commit']);
  expect(result.exitCode, result.all).toBe(0);
  loaded = JSON.parse(await readFile(out, 'utf8'));
});
afterAll(async () => repo.cleanup());

describe('the built pre-commit hook path', () => {
  it('loads the dispatcher, the shared types and the hook command, nothing else of keyfence', () => {
    const ours = loaded.files.filter((file) => file.startsWith(join(cliPath, '..')));
    expect(ours.map((file) => file.slice(join(cliPath, '..').length + 1)).sort()).toEqual(['cli.js', 'commands/hook.js', 'types.js']);
  });

  it('does not load node:crypto, node:fs/promises or worker threads for a commit without findings', () => {
    expect(loaded.builtins).not.toContain('crypto');
    expect(loaded.builtins).not.toContain('fs/promises');
    expect(loaded.builtins).not.toContain('worker_threads');
  });

  it("holds no help text and no did-you-mean: those are the help bundle's and the commands'", async () => {
    for (const file of ['cli.js', 'commands/hook.js']) {
      const text = await readFile(join(cliPath, '..', file), 'utf8');
      expect(text, file).not.toContain('keyfence help <command>');
      expect(text, file).not.toContain('only pre-commit, pre-merge-commit and pre-applypatch');
      expect(text, file).not.toContain('do not go together');
    }
  });
});
