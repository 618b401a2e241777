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

function timeMin(regex, text, runs) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    scanOnce(regex, text);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

parentPort.on('message', ({ id, source, flags, small, large, runs }) => {
  const regex = new RegExp(source, flags);
  // Warm up (compilation, tier-up) on a slice, so that the first timing is not the compile.
  scanOnce(regex, small.slice(0, 4096));
  const smallMs = timeMin(regex, small, runs);
  const largeMs = timeMin(regex, large, runs);
  parentPort.postMessage({ id, smallMs, largeMs });
});
