// Preloaded by the benchmark (node --require): on exit, writes the process's peak resident set size
// (KB), CPU time (ms, all threads) and, on Linux, the main thread's own CPU time (ms: the part of a
// parallel scan no number of cores shortens) as JSON.
const { readFileSync, writeFileSync } = require('node:fs');

function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeFileSync(process.env.KEYFENCE_BENCH_RSS_FILE, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs, mainThreadCpuMs: mainThreadCpuMs() }));
});
