// Detection over a stream of fragments, on more than one core when the stream is big enough to pay for
// starting a worker thread (about 30 ms). Small scans - a normal commit - never start one.
//
// node:worker_threads and node:os are loaded only when a worker starts (start-up time of every hook).
// Results come back in input order. Memory stays bounded: at most `maxInFlightBytes` of fragment text
// is waiting for detection at any time, whatever the size of the whole scan.
import type { Worker } from 'node:worker_threads';
import type { Config, Fragment, Match, Rule } from '../types.js';
import { detect } from './engine.js';

export interface DetectedFragment {
  fragment: Fragment;
  matches: Match[];
}

export interface ParallelDetectOptions {
  rules: readonly Rule[];
  /**
   * Only when `rules` is `applyRuleConfig(builtinRules, config)`: the worker (src/detectWorker.ts)
   * rebuilds the same list from it, as rules hold functions, which cannot be sent to a thread.
   * Without it, everything runs in this thread.
   */
  config?: Config;
  /** Start workers once this many characters have been seen. */
  parallelAfter?: number;
  /** Worker threads to start (default: one less than the available cores, at most 3). */
  workers?: number;
  /** Text held for in-order delivery (sent to a worker, or done and waiting behind one), at most (characters). */
  maxInFlightBytes?: number;
  /** The worker script; defaults to the one built next to the bundle. */
  workerUrl?: URL;
  /** Counted as fragments are detected: where the work went (for tests and benchmarks). */
  stats?: { inWorkers: number; inThisThread: number };
}

export const DEFAULT_PARALLEL_AFTER = 4 * 1024 * 1024;
const DEFAULT_MAX_IN_FLIGHT = 4 * 1024 * 1024;
/** A worker with this much text queued gets no more: the main thread takes the next fragment itself. */
const WORKER_QUEUE_LIMIT = 1024 * 1024;

declare const KEYFENCE_DETECT_WORKER: string | undefined;

/** Where the built worker is, relative to this bundle; undefined when running from source (tests). */
export function defaultWorkerUrl(): URL | undefined {
  return typeof KEYFENCE_DETECT_WORKER === 'string' ? new URL(KEYFENCE_DETECT_WORKER, import.meta.url) : undefined;
}

export interface WorkerRequest {
  id: number;
  text: string;
  file: string;
}
export type WorkerResponse = { id: number; matches: Match[] } | { id: number; error: string };

interface Pending {
  fragment: Fragment;
  done: boolean;
  matches: Match[];
  settled: Promise<void>;
}

/** Runs `detect` on every fragment; yields each fragment with its matches, in input order. */
export async function* detectFragments(
  fragments: AsyncIterable<Fragment> | Iterable<Fragment>,
  options: ParallelDetectOptions,
): AsyncGenerator<DetectedFragment> {
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const canParallelise = options.config !== undefined && workerUrl !== undefined;
  const parallelAfter = options.parallelAfter ?? DEFAULT_PARALLEL_AFTER;
  const maxInFlight = options.maxInFlightBytes ?? DEFAULT_MAX_IN_FLIGHT;
  const queue: Pending[] = [];
  // Text held in `queue`: sent to a worker, or detected here but waiting behind an earlier fragment.
  let queued = 0;
  let seen = 0;
  let pool: DetectPool | undefined;

  const stats = options.stats;
  const inProcess = (fragment: Fragment) => {
    if (stats) stats.inThisThread++;
    return detect(fragment.text, options.rules, { file: fragment.file });
  };
  const settleHead = async (): Promise<DetectedFragment> => {
    const head = queue.shift() as Pending;
    await head.settled;
    queued -= head.fragment.text.length;
    return { fragment: head.fragment, matches: head.matches };
  };
  try {
    for await (const fragment of fragments) {
      seen += fragment.text.length;
      if (!pool && canParallelise && seen > parallelAfter) {
        const count = options.workers ?? defaultWorkerCount();
        pool = new DetectPool(workerUrl as URL, options.config as Config, count, inProcess);
      }
      // Let the workers' answers in first: they arrive as events, which a loop that only awaits
      // promises never sees, and a worker that looks busy gets no more work.
      if (pool) await new Promise<void>((resolve) => setImmediate(resolve));
      const worker = pool?.leastBusy();
      if (!worker && queue.length === 0) {
        yield { fragment, matches: inProcess(fragment) };
        continue;
      }
      const entry: Pending = { fragment, done: false, matches: [], settled: Promise.resolve() };
      if (worker) {
        if (stats) stats.inWorkers++;
        entry.settled = worker.run(fragment).then((matches) => {
          entry.matches = matches;
          entry.done = true;
        });
      } else {
        entry.matches = inProcess(fragment);
        entry.done = true;
      }
      queue.push(entry);
      queued += fragment.text.length;
      while (queue.length > 0 && ((queue[0] as Pending).done || queued > maxInFlight)) yield await settleHead();
    }
    while (queue.length > 0) yield await settleHead();
  } finally {
    await pool?.close();
  }
}

/**
 * One less than the available cores, at most 3; KEYFENCE_WORKERS=<n> overrides it (0 keeps every scan
 * in one thread, e.g. in a CI job limited to one core).
 */
function defaultWorkerCount(): number {
  const fromEnv = process.env.KEYFENCE_WORKERS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Math.min(Number(fromEnv), 16);
  return Math.min(3, Math.max(1, process.getBuiltinModule('node:os').availableParallelism() - 1));
}

/** Worker threads that each rebuild the rule list from the config and run `detect` on request. */
class DetectPool {
  private readonly workers: DetectWorker[];

  constructor(url: URL, config: Config, count: number, fallback: (fragment: Fragment) => Match[]) {
    this.workers = Array.from({ length: count }, () => new DetectWorker(url, config, fallback));
  }

  /** The worker with the least text queued, unless every worker is already full. */
  leastBusy(): DetectWorker | undefined {
    let best: DetectWorker | undefined;
    for (const worker of this.workers) {
      if (worker.alive && worker.queued < WORKER_QUEUE_LIMIT && (!best || worker.queued < best.queued)) best = worker;
    }
    return best;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}

class DetectWorker {
  alive = true;
  queued = 0;
  private readonly thread: Worker;
  private nextId = 0;
  private readonly jobs = new Map<number, { fragment: Fragment; resolve: (matches: Match[]) => void }>();

  constructor(
    url: URL,
    config: Config,
    private readonly fallback: (fragment: Fragment) => Match[],
  ) {
    // Loaded here, not at start-up: most scans never start a worker.
    const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
    this.thread = new WorkerThread(url, { workerData: { config } });
    this.thread.on('message', (response: WorkerResponse) => this.settle(response));
    // A worker that fails loses nothing: its jobs are detected in this thread instead.
    this.thread.on('error', () => this.fail());
    this.thread.on('exit', () => this.fail());
  }

  run(fragment: Fragment): Promise<Match[]> {
    if (!this.alive) return Promise.resolve(this.fallback(fragment));
    const id = this.nextId++;
    this.queued += fragment.text.length;
    return new Promise((resolve) => {
      this.jobs.set(id, { fragment, resolve });
      const request: WorkerRequest = { id, text: fragment.text, file: fragment.file };
      this.thread.postMessage(request);
    });
  }

  private settle(response: WorkerResponse): void {
    const job = this.jobs.get(response.id);
    if (!job) return;
    this.jobs.delete(response.id);
    this.queued -= job.fragment.text.length;
    job.resolve('matches' in response ? response.matches : this.fallback(job.fragment));
  }

  private fail(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      this.queued -= job.fragment.text.length;
      job.resolve(this.fallback(job.fragment));
    }
  }

  async close(): Promise<void> {
    this.alive = false;
    await this.thread.terminate();
  }
}
