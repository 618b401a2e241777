// Timing helpers for the benchmark: wall time of child processes, medians, peak memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rssPreload = fileURLToPath(new URL('./rss-preload.cjs', import.meta.url));

/** Runs a command once; returns wall milliseconds (and throws with its output if it fails unexpectedly). */
export function timeRun(file, args, { cwd, env, okCodes = [0], input } = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd, env, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (!okCodes.includes(result.status)) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`.slice(0, 4000));
  }
  return { ms, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The p-th quantile (0..1) of `values`, interpolated. */
export function quantile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/**
 * Run-by-run ratios of two interleaved cases (run i of `a` over run i of `b`): the median and the
 * middle half of them. Both runs of a pair met the same background load, which a ratio of two
 * medians does not guarantee on a shared machine.
 */
export function pairedRatios(a, b) {
  const ratios = a.wall.map((ms, i) => ms / b.wall[i]);
  return { median: median(ratios), p25: quantile(ratios, 0.25), p75: quantile(ratios, 0.75) };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs each case `runs` times, interleaved (a, b, c, a, b, c, ...) so that background load hits every
 * case alike; `prepare` runs untimed before each timed run. A run returns wall ms, or { ms, cpuMs }.
 * Returns the median wall time (and CPU time, when known) per case.
 */
export function interleaved(cases, runs) {
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, { wall: [], cpu: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const [name, { run, prepare }] of Object.entries(cases)) {
      prepare?.(i);
      const result = run(i);
      times[name].wall.push(typeof result === 'number' ? result : result.ms);
      if (typeof result !== 'number') times[name].cpu.push(result.cpuMs);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, { wall, cpu }]) => [
      name,
      { median: median(wall), min: Math.min(...wall), cpuMedian: cpu.length ? median(cpu) : undefined, runs: wall.length, wall },
    ]),
  );
}

/**
 * Runs `node <args>` with a preload that reports the process's peak resident memory and CPU time
 * (worker threads included; git's own processes are not). Returns wall ms, CPU ms, peak RSS in MB and
 * the output. CPU time says what the work costs when the machine is busy with other things.
 */
export function runNodeWithPeakRss(args, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-bench-rss-'));
  const file = join(dir, 'rss');
  try {
    const env = { ...(options.env ?? process.env), KEYFENCE_BENCH_RSS_FILE: file };
    const run = timeRun(process.execPath, ['--require', rssPreload, ...args], { ...options, env });
    const { maxRssKb, cpuMs } = JSON.parse(readFileSync(file, 'utf8'));
    return { ...run, rssMb: maxRssKb / 1024, cpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
