// How scans use the cores: a real repository's full history and a path scan, each with 0..N worker
// threads (KEYFENCE_WORKERS; a history scan also starts one `git log` per worker), next to a floor
// measured in the same run:
//   - history: `git log --all -p --cc -U0 > /dev/null` on the same repository (the patch text keyfence
//     has to read at the least; MB/s are of that text);
//   - path scan: a node process that only reads the same files (readFileSync, one thread).
// Runs are interleaved (floor, 0, 1, ... workers, again) so that the machine's load hits every case
// alike. CPU time is that of the whole process tree (git included), read from /proc/self/stat after
// each run (Linux; elsewhere CPU is not reported).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.mjs';

const preload = fileURLToPath(new URL('./rss-preload.cjs', import.meta.url));

const MB = 1e6;
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU time (ms) of every child process this process has waited for so far, their own children included. */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime are fields 16 and 17 of stat(5); the split starts at field 3.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion: wall ms, CPU ms of its process tree, exit status and (unless ignored) stdout. */
function measure(file, args, { cwd, env, stdout = 'pipe', okCodes = [0] } = {}) {
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd, env, stdio: ['ignore', stdout, 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  if (result.error) throw result.error;
  if (!okCodes.includes(result.status))
    throw new Error(`${file} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 2000)}`);
  return { ms, cpuMs: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore, stdout: result.stdout };
}

/** `node <args>` measured as above, with its peak RSS and its main thread's CPU time (Linux) besides. */
function measureNode(args, options) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-bench-scaling-'));
  try {
    const file = join(dir, 'usage');
    const run = measure(process.execPath, ['--require', preload, ...args], {
      ...options,
      env: { ...options.env, KEYFENCE_BENCH_RSS_FILE: file },
    });
    const { maxRssKb, mainThreadCpuMs } = JSON.parse(readFileSync(file, 'utf8'));
    return { ...run, rssMb: maxRssKb / 1024, mainMs: mainThreadCpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Worker counts to compare: none (one thread) up to one per core, and one more (oversubscribed). */
export function workerLevels(max = availableParallelism()) {
  return Array.from({ length: Math.max(2, max) + 1 }, (_, i) => i);
}

/** Runs every case `runs` times, interleaved; per case: median wall and CPU ms, and the first run's stdout. */
function interleavedCases(cases, runs) {
  const results = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let r = 0; r < runs; r++) for (const [name, run] of Object.entries(cases)) results[name].push(run());
  return Object.fromEntries(
    Object.entries(results).map(([name, list]) => [
      name,
      {
        ms: median(list.map((x) => x.ms)),
        cpuMs: list[0].cpuMs === undefined ? undefined : median(list.map((x) => x.cpuMs)),
        mainMs: list[0].mainMs === undefined ? undefined : median(list.map((x) => x.mainMs)),
        rssMb: Math.max(...list.map((x) => x.rssMb ?? 0)),
        stdout: list[0].stdout,
        outputs: list.map((x) => x.stdout),
      },
    ]),
  );
}

/**
 * A bare mirror of `source` (a path or URL) in benchDir, cloned once: every ref of it, so that
 * `--all` means the same to git log and to keyfence.
 */
export function ensureHistoryRepo(benchDir, source, log) {
  // A local mirror's git directory is often <name>/repo or <name>/.git: name it after its parent.
  const trimmed = source.replace(/\/+$/, '').replace(/\/(repo|\.git)$/, '');
  const dir = join(
    benchDir,
    `history-${basename(trimmed)
      .replace(/\.git$/, '')
      .replace(/[^\w.+-]/g, '_')}.git`,
  );
  if (!existsSync(join(dir, 'HEAD'))) {
    log(`cloning ${source} (--mirror) into ${dir}`);
    const clone = spawnSync('git', ['clone', '--quiet', '--mirror', source, dir], { stdio: 'inherit' });
    if (clone.status !== 0) return undefined;
  }
  return dir;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const cpu = (ms) => (ms === undefined ? 'CPU n/a' : `CPU ${seconds(ms)}`);
/** The main thread's CPU: the serial part, a floor for the wall time on any number of cores. */
const usage = (r) => `${r.mainMs === undefined ? '' : `, main thread ${seconds(r.mainMs)}`}; peak RSS ${r.rssMb.toFixed(0)} MB`;

/** Rows for the history scan of `repo` (a git directory): the floor, then each worker count. */
export function historyRows({ repo, cli, runs, levels, log }) {
  const git = (args) => ['--git-dir', repo, ...args];
  const commits = Number(spawnSync('git', git(['rev-list', '--all', '--count']), { encoding: 'utf8' }).stdout.trim());
  const floorArgs = git(['log', '--all', '-p', '--cc', '-U0']);
  const patchBytes = Number(spawnSync('sh', ['-c', 'git "$@" | wc -c', 'sh', ...floorArgs], { encoding: 'utf8' }).stdout.trim());
  log(
    `history: ${basename(repo)}, ${commits} commits, ${(patchBytes / MB).toFixed(0)} MB of patch text; ${runs} interleaved runs of the floor and ${levels.length} worker counts`,
  );
  const cases = { floor: () => measure('git', floorArgs, { stdout: 'ignore' }) };
  for (const workers of levels) {
    cases[workers] = () =>
      measureNode([cli, 'scan', '--history', '--format', 'json'], {
        cwd: repo,
        env: { ...process.env, KEYFENCE_WORKERS: String(workers) },
        okCodes: [0, 1],
      });
  }
  const results = interleavedCases(cases, runs);
  const floor = results.floor;
  const name = basename(repo)
    .replace(/^history-/, '')
    .replace(/\.git$/, '');
  const rows = [
    [
      'History scan',
      `floor: \`git log --all -p --cc -U0 > /dev/null\`, ${name} (${commits} commits, ${(patchBytes / MB).toFixed(0)} MB of patch)`,
      seconds(floor.ms),
      `${(patchBytes / MB / (floor.ms / 1000)).toFixed(1)} MB/s, ${Math.round(commits / (floor.ms / 1000))} commits/s; ${cpu(floor.cpuMs)}`,
    ],
  ];
  const reference = results[levels[0]].stdout.toString();
  for (const workers of levels) {
    const r = results[workers];
    const findings = JSON.parse(r.stdout.toString()).findings.length;
    const same = r.outputs.every((out) => out.toString() === reference);
    rows.push([
      'History scan',
      `\`keyfence scan --history\`, ${name}, KEYFENCE_WORKERS=${workers} (${workers + 1} threads, ${Math.max(1, Math.min(workers, 8, Math.floor(commits / 256)))} git log)`,
      seconds(r.ms),
      `**${(r.ms / floor.ms).toFixed(2)}x** the floor (target <= 1.5x); ${(patchBytes / MB / (r.ms / 1000)).toFixed(1)} MB/s, ${Math.round(commits / (r.ms / 1000))} commits/s; ${cpu(r.cpuMs)}${r.cpuMs && floor.cpuMs ? ` = ${(r.cpuMs / floor.cpuMs).toFixed(1)}x the floor's` : ''}${usage(r)}; ${findings} findings${same ? '' : ' (**output differs from KEYFENCE_WORKERS=' + levels[0] + '**)'}`,
    ]);
  }
  return rows;
}

/** The regular files a path scan of `dir` reads: .git and node_modules are not walked. */
function filesUnder(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git' && entry.name !== 'node_modules') files.push(...filesUnder(full));
    } else if (entry.isFile()) files.push(full);
  }
  return files;
}

const READ_ONLY = `const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
let bytes = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== '.git' && entry.name !== 'node_modules') walk(full); }
    else if (entry.isFile()) bytes += readFileSync(full).length;
  }
};
walk(process.argv[1]);
process.stdout.write(String(bytes));`;

/** Rows for a path scan of `tree` (a directory): the read-only floor, then each worker count. */
export function pathScalingRows({ tree, label, cli, runs, levels, log }) {
  const bytes = filesUnder(tree).reduce((sum, file) => sum + readFileSync(file).length, 0);
  log(
    `path scan scaling: ${label}, ${(bytes / MB).toFixed(0)} MB; ${runs} interleaved runs of the floor and ${levels.length} worker counts`,
  );
  const cases = { floor: () => measure(process.execPath, ['-e', READ_ONLY, tree]) };
  for (const workers of levels) {
    cases[workers] = () =>
      measureNode([cli, 'scan', '--format', 'json', tree], { env: { ...process.env, KEYFENCE_WORKERS: String(workers) }, okCodes: [0, 1] });
  }
  const results = interleavedCases(cases, runs);
  const floor = results.floor;
  const mbps = (ms) => bytes / MB / (ms / 1000);
  const rows = [
    [
      'Path scan scaling',
      `floor: a node process that only reads the same files (readFileSync, one thread), ${label}`,
      seconds(floor.ms),
      `${mbps(floor.ms).toFixed(0)} MB/s; ${cpu(floor.cpuMs)}`,
    ],
  ];
  for (const workers of levels) {
    const r = results[workers];
    rows.push([
      'Path scan scaling',
      `\`keyfence scan\`, ${label}, KEYFENCE_WORKERS=${workers} (${workers + 1} threads)`,
      seconds(r.ms),
      `${mbps(r.ms).toFixed(0)} MB/s = **${(mbps(r.ms) / mbps(floor.ms)).toFixed(2)}** of the floor's throughput (target >= 0.5); ${cpu(r.cpuMs)}${usage(r)}; ${JSON.parse(r.stdout.toString()).findings.length} findings`,
    ]);
  }
  return rows;
}
