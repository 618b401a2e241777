// The configuration as committed at a revision, for repositories without a work tree (a bare CI mirror,
// a server's pre-receive hook). The files are read from git into a temporary directory and loaded by
// the ordinary loader, so that validation and error messages are the same as on disk.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { runGit } from '../git/exec.js';
import type { Config } from '../types.js';
import { CONFIG_FILE, defaultConfig, loadConfig } from './load.js';

export async function loadConfigAt(cwd: string, revision: string): Promise<Config> {
  if (!(await exists(cwd, `${revision}^{commit}`))) return { ...defaultConfig };
  const dir = await mkdtemp(join(tmpdir(), 'keyfence-config-'));
  try {
    const copy = async (file: string): Promise<void> => {
      const target = normalize(join(dir, file));
      if (!target.startsWith(dir)) return;
      const text = await showFile(cwd, revision, file);
      if (text === undefined) return;
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    };
    await copy(CONFIG_FILE);
    await copy('package.json');
    const config = await loadConfig(dir);
    if (!config.baselineFile) return config;
    // The baseline lives where the config says: fetch it, then load once more.
    await copy(config.baselineFile);
    return await loadConfig(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function exists(cwd: string, object: string): Promise<boolean> {
  try {
    await runGit(['cat-file', '-e', object], { cwd });
    return true;
  } catch {
    return false;
  }
}

async function showFile(cwd: string, revision: string, file: string): Promise<string | undefined> {
  try {
    return (await runGit(['show', `${revision}:${file}`], { cwd })).toString('utf8');
  } catch {
    return undefined;
  }
}
