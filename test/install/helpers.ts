// Helpers for the installer's end-to-end tests: a stand-in keyfence that records how the hooks call it,
// and file snapshots for byte-exact comparisons.
import { chmod, cp, lstat, mkdir, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cliPath, projectRoot, type TestRepo } from '../support/repo.js';

/**
 * Writes an executable `keyfence` at `binPath` that appends one line per call to `log`:
 * `<args>` and, for pre-push, `stdin=<what it read>`. It exits with $KF_FAKE_STATUS (default 0) and, on
 * 0, answers the hook's handshake as keyfence does (unless $KF_FAKE_NO_REPLY is set).
 */
export async function writeRecordingBin(binPath: string, log: string): Promise<void> {
  await mkdir(dirname(binPath), { recursive: true });
  await writeFile(
    binPath,
    [
      '#!/bin/sh',
      `log='${log}'`,
      'printf "keyfence" >> "$log"',
      'for a in "$@"; do printf " [%s]" "$a" >> "$log"; done',
      'if [ "$2" = pre-push ]; then printf " stdin=%s" "$(cat)" >> "$log"; fi',
      'printf "\\n" >> "$log"',
      'if [ "${KF_FAKE_STATUS:-0}" = 0 ] && [ -z "$KF_FAKE_NO_REPLY" ] && [ -n "$KEYFENCE_HOOK_TOKEN" ]; then echo "keyfence-ok $KEYFENCE_HOOK_TOKEN"; fi',
      'exit "${KF_FAKE_STATUS:-0}"',
      '',
    ].join('\n'),
  );
  await chmod(binPath, 0o755);
}

/** Reads the recording log, or '' when nothing was called. */
export async function readLog(log: string): Promise<string> {
  try {
    return await readFile(log, 'utf8');
  } catch {
    return '';
  }
}

export interface Entry {
  mode: number;
  /** File content, or `-> target` for a symbolic link. */
  content: string;
}

/** Every entry of a directory (not recursive): mode and bytes, to compare before and after. */
export async function snapshotDir(dir: string): Promise<Record<string, Entry>> {
  const snapshot: Record<string, Entry> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const stats = await lstat(path);
    if (stats.isDirectory()) continue;
    snapshot[name] = {
      mode: stats.mode & 0o7777,
      content: stats.isSymbolicLink() ? `-> ${await readlink(path)}` : (await readFile(path)).toString('base64'),
    };
  }
  return snapshot;
}

/** PATH without any directory that holds a `keyfence`, so only the repo's own bin can be found. */
export function pathWithoutKeyfence(repo: TestRepo): string {
  return (repo.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('node_modules') && !existsSync(join(dir, 'keyfence')))
    .join(':');
}

/** A commit that runs the hooks (no --no-verify). */
export async function commit(repo: TestRepo, file: string, content: string, options: { cwd?: string; env?: Record<string, string> } = {}) {
  await writeFile(join(options.cwd ?? repo.dir, file), content);
  await repo.gitOk(['add', '--', file], options);
  return repo.git(['commit', '-q', '-m', `add ${file}`], options);
}

/**
 * node_modules/keyfence as an interrupted `npm install` can leave it: dist/cli.js empty, or cut off after
 * a complete statement. Either way `node_modules/.bin/keyfence` exits 0 without checking anything.
 */
export async function installDamagedKeyfence(repo: TestRepo, damage: 'empty' | 'cut'): Promise<void> {
  const pkg = repo.path('node_modules', 'keyfence');
  await mkdir(join(pkg, 'dist'), { recursive: true });
  await writeFile(join(pkg, 'package.json'), '{ "name": "keyfence", "bin": { "keyfence": "dist/cli.js" } }\n');
  const cli = await readFile(cliPath, 'utf8');
  const cut = cli.slice(0, cli.indexOf(';', cli.indexOf('var ')) + 1);
  await writeFile(join(pkg, 'dist', 'cli.js'), damage === 'empty' ? '' : cut, { mode: 0o755 });
  await mkdir(repo.path('node_modules', '.bin'), { recursive: true });
  await symlink('../keyfence/dist/cli.js', repo.path('node_modules', '.bin', 'keyfence'));
  const run = await repo.run(repo.path('node_modules', '.bin', 'keyfence'), ['hook', 'pre-commit']);
  if (run.exitCode !== 0) throw new Error(`the damaged keyfence should exit 0 (that is the hole), got ${run.exitCode}: ${run.all}`);
}

/**
 * node_modules/keyfence as npm installs it, from the built package (dist/, hooks/, package.json), with
 * npm's bin link node_modules/.bin/keyfence -> ../keyfence/dist/cli.js; in `dir` (default: the root).
 */
export async function installKeyfencePackage(repo: TestRepo, dir: string = repo.dir): Promise<string> {
  const pkg = join(dir, 'node_modules', 'keyfence');
  await mkdir(pkg, { recursive: true });
  for (const part of ['dist', 'hooks', 'package.json']) await cp(join(projectRoot, part), join(pkg, part), { recursive: true });
  await mkdir(join(dir, 'node_modules', '.bin'), { recursive: true });
  await symlink('../keyfence/dist/cli.js', join(dir, 'node_modules', '.bin', 'keyfence'));
  return pkg;
}

/**
 * A `node` first on PATH that logs each start (its arguments, and whether a staged patch is piped in)
 * and runs the real node: hooks start node by name, so the log counts the node processes a commit costs.
 */
export async function countNodeStarts(repo: TestRepo): Promise<{ env: Record<string, string>; starts: () => Promise<string[]> }> {
  const dir = join(repo.home, 'counted-node');
  const log = join(repo.home, 'node-starts.log');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'node'),
    `#!/bin/sh\nprintf '%s piped=%s\\n' "$*" "\${KEYFENCE_STAGED_PATCH:-}" >> '${log}'\nexec '${process.execPath}' "$@"\n`,
    { mode: 0o755 },
  );
  return {
    env: { PATH: `${dir}:${repo.env.PATH ?? ''}` },
    starts: async () => (await readLog(log)).split('\n').filter(Boolean),
  };
}
