// History scan speed: generates a repository of N commits (git fast-import; a few files changed per
// commit, realistic line lengths, some merges) and times `keyfence scan --history` on it.
// Usage: node scripts/bench-history.mjs [commits=2000] [runs=3]. A real repository's history, with 0..N
// worker threads: `npm run bench -- --scaling-only` (bench/scaling.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const commits = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'keyfence-bench-history-'));
const cli = join(process.cwd(), 'dist', 'cli.js');

try {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => Math.floor(random() * 1e9).toString(36);
  const files = new Map();
  const chunks = [];
  let mark = 0;
  for (let i = 1; i <= commits; i++) {
    // Change 1-4 files: append or replace a few lines of code-like text.
    const touched = [];
    for (let f = 0, n = 1 + Math.floor(random() * 4); f < n; f++) {
      const name = `src/module${Math.floor(random() * 200)}/file${Math.floor(random() * 5)}.ts`;
      const lines = files.get(name) ?? [];
      for (let l = 0, m = 2 + Math.floor(random() * 8); l < m; l++) {
        const line = `export const ${word()} = compute("${word()}", ${Math.floor(random() * 1000)}); // ${word()} ${word()}`;
        if (lines.length > 60 || (lines.length > 20 && random() < 0.5)) lines[Math.floor(random() * lines.length)] = line;
        else lines.push(line);
      }
      files.set(name, lines);
      touched.push(name);
    }
    const message = `commit ${i}`;
    chunks.push(
      `commit refs/heads/main\nmark :${++mark}\ncommitter Bench <bench@example.invalid> ${1_600_000_000 + i * 60} +0000\ndata ${message.length}\n${message}\n`,
    );
    for (const name of touched) {
      const content = `${files.get(name).join('\n')}\n`;
      chunks.push(`M 100644 inline ${name}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(chunks.map((c) => Buffer.from(c))) });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });

  const times = [];
  for (let r = 0; r < runs; r++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [cli, 'scan', '--history', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`scan failed (${result.status}): ${result.stderr}`);
    times.push(seconds);
  }
  const best = Math.min(...times);
  const gitOnly = (() => {
    const started = process.hrtime.bigint();
    spawnSync('git', ['log', '--all', '-p', '--cc', '-U0'], { cwd: dir, stdio: 'ignore' });
    return Number(process.hrtime.bigint() - started) / 1e9;
  })();
  console.log(
    `history scan: ${commits} commits, best of ${runs}: ${best.toFixed(2)} s wall (${Math.round(commits / best)} commits/s, process start included); floor \`git log --all -p --cc -U0\` alone: ${gitOnly.toFixed(2)} s`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
