// The command bundles' compiled code is kept between runs (src/codeCache.ts): a second run takes it back,
// and a bundle whose content changed is never run from the code of the old one, even at the same size
// and modification time (npm gives every installed file the same one).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/repo.js';

describe('the code cache of the command bundles', () => {
  let dir: string;
  let repo: string;
  const hook = (env: Record<string, string> = {}) =>
    execFileSync('node', [join(dir, 'dist', 'cli.js'), 'hook', 'pre-commit'], {
      cwd: repo,
      env: { ...process.env, KEYFENCE_HOOK_TOKEN: '42', ...env },
      encoding: 'utf8',
    });
  const cached = () => {
    try {
      return readdirSync(join(dir, 'dist', '.v8-cache')).filter((name) => name.startsWith('hook-'));
    } catch {
      return [];
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kf-cache-'));
    cpSync(join(projectRoot, 'dist'), join(dir, 'dist'), { recursive: true, filter: (path) => !path.includes('.v8-cache') });
    repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    writeFileSync(join(repo, 'a.js'), 'const a = process.env.API_KEY;\n');
    execFileSync('git', ['add', 'a.js'], { cwd: repo });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written by a first run and taken back by the next', () => {
    expect(hook({ KEYFENCE_NO_CODE_CACHE: '1' })).toBe('keyfence-ok 42\n');
    expect(cached()).toEqual([]);
    expect(hook()).toBe('keyfence-ok 42\n');
    const [file] = cached();
    expect(file).toBeDefined();
    const before = statSync(join(dir, 'dist', '.v8-cache', file as string)).mtimeMs;
    expect(hook()).toBe('keyfence-ok 42\n');
    expect(cached()).toEqual([file]);
    expect(statSync(join(dir, 'dist', '.v8-cache', file as string)).mtimeMs).toBe(before);
  });

  it('never runs the code of a bundle whose content has changed, at the same size and modification time', () => {
    hook();
    const bundle = join(dir, 'dist', 'commands', 'hook.js');
    const { atime, mtime } = statSync(bundle);
    const text = readFileSync(bundle, 'utf8');
    expect(text).toContain('keyfence-ok ');
    writeFileSync(bundle, text.replace('keyfence-ok ', 'keyfence-OK '));
    utimesSync(bundle, atime, mtime);
    expect(hook()).toBe('keyfence-OK 42\n');
  });
});
