// Preloaded by the benchmark (node --require): writes the peak resident set size, in KB, on exit.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  writeFileSync(process.env.KEYFENCE_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
