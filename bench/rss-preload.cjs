// Preloaded by the benchmark (node --require): on exit, writes the process's peak resident set size
// (KB) and CPU time (ms, all threads) as JSON.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeFileSync(process.env.KEYFENCE_BENCH_RSS_FILE, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs }));
});
