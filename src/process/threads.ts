// How many threads a large scan may use: every available core by default, within what memory allows.
// Read only when a scan turns out large (node:os is not loaded on a hook's usual path).
//
// KEYFENCE_WORKERS=<n> overrides it: n worker threads besides the main thread (0 keeps a scan in one
// thread and one git process, e.g. in a CI job limited to one core, or to compare against).

/** Each worker thread holds its own compiled rules and a window of text: room for one per this much memory. */
const MEMORY_PER_WORKER = 256 * 1024 * 1024;
/** Beyond this many, a worker adds start-up cost and memory for little: the main thread feeds them all. */
const MAX_WORKERS = 64;

/** Worker threads a large scan starts: one less than the available cores (the main thread works too), at least one. */
export function scanWorkers(): number {
  const fromEnv = process.env.KEYFENCE_WORKERS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv.trim())) return Math.min(Number(fromEnv.trim()), MAX_WORKERS);
  const os = process.getBuiltinModule('node:os');
  const byMemory = Math.max(1, Math.floor(os.totalmem() / MEMORY_PER_WORKER));
  return Math.max(1, Math.min(os.availableParallelism() - 1, byMemory, MAX_WORKERS));
}
