// Times one rule regex over given inputs, the way the engine runs it (global, with indices), in a
// worker so that the test can stop a regex that never finishes. Plain JS: workers do not load TS.
import { parentPort } from 'node:worker_threads';

function scanOnce(regex, text) {
  regex.lastIndex = 0;
  let matches = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    matches++;
  }
  return matches;
}

function timeOnce(regex, text) {
  const start = process.hrtime.bigint();
  scanOnce(regex, text);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

parentPort.on('message', ({ id, source, flags, small, large, runs }) => {
  const regex = new RegExp(source, flags);
  // Warm up (compilation, tier-up) on a slice, so that the first timing is not the compile.
  scanOnce(regex, small.slice(0, 4096));
  // Interleaved, best of `runs` each: a burst of load or a GC pause hits one run, not one size.
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let i = 0; i < runs; i++) {
    smallMs = Math.min(smallMs, timeOnce(regex, small));
    largeMs = Math.min(largeMs, timeOnce(regex, large));
  }
  parentPort.postMessage({ id, smallMs, largeMs });
});
