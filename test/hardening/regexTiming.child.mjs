// Times one rule regex over given inputs, the way the engine runs it (global), in a child process so
// that the test can stop a regex that never finishes. Time is this process's CPU time, not wall time:
// on a loaded machine a run that is preempted half way takes longer by the clock, not in CPU.
// Plain JS: a child started by the test does not load TS.

function scanOnce(regex, text) {
  regex.lastIndex = 0;
  let matches = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    matches++;
  }
  return matches;
}

function cpuMs(regex, text) {
  const start = process.cpuUsage();
  scanOnce(regex, text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

process.on('message', ({ id, source, flags, small, large, runs }) => {
  const regex = new RegExp(source, flags);
  // Warm up (compilation, tier-up) on a slice, so that the first timing is not the compile.
  scanOnce(regex, small.slice(0, 4096));
  // Interleaved, best of `runs` each: a GC pause hits one run, not one size.
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let i = 0; i < runs; i++) {
    smallMs = Math.min(smallMs, cpuMs(regex, small));
    largeMs = Math.min(largeMs, cpuMs(regex, large));
  }
  process.send({ id, smallMs, largeMs });
});
