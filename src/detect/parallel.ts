// Detection over a stream of fragments, on more than one core when the stream is big enough to pay for
// starting a worker thread (about 30 ms). Small scans - a normal commit - never start one.
//
// A path scan hands over files it has listed but not read (FileToRead): a worker reads and detects
// such a file itself, so that this thread does not read, decode and copy every text to it, and holds
// no text while the worker works. (On 2 cores, with every text copied to one worker, a 100 MB scan was
// barely faster than in one thread: 0.93 vs 0.98 s.)
//
// node:worker_threads and node:os are loaded only when a worker starts (start-up time of every hook).
// Results come back in input order. Memory stays bounded: at most `maxInFlightBytes` of fragment text
// is waiting for detection at any time, whatever the size of the whole scan.
import type { MessagePort, Worker } from 'node:worker_threads';
import { UsageError, type Config, type FileToRead, type Fragment, type Match, type Rule, type Skipped } from '../types.js';
import { runDetection, type Detection } from './engine.js';
import { stringsRules } from './stringsRules.js';
import { scanWorkers } from '../process/threads.js';

export interface DetectedFragment {
  /**
   * The fragment. Its `text` is there when it has matches (the report reads around them); without
   * matches, a large scan may have let go of it (empty) while the fragment waited for its turn.
   */
  fragment: Fragment;
  matches: Match[];
  /** Matches that `keyfence:allow` markers in the text allowed (not in `matches`). */
  allowedInline: number;
}

/** What detectFragments takes: texts, or files to read (a path scan). */
export type DetectInput = Fragment | FileToRead;

export interface ParallelDetectOptions {
  rules: readonly Rule[];
  /**
   * Only when `rules` is `applyRuleConfig(builtinRules, config)`: the worker (src/detectWorker.ts)
   * rebuilds the same list from it, as rules hold functions, which cannot be sent to a thread.
   * Without it, everything runs in this thread.
   */
  config?: Config;
  /** Start workers once this many characters have been seen (and the scan looks large: see below). */
  parallelAfter?: number;
  /**
   * How many fragments the whole scan has, when the source knows it up front (a path scan lists its
   * files first). Workers then start early only for a scan expected to be large; see PARALLEL_SCAN_SIZE.
   */
  expectedFragments?: () => number | undefined;
  /** Worker threads to start (default: scanWorkers, one less than the available cores). */
  workers?: number;
  /** Text held for in-order delivery (sent to a worker, or done and waiting behind one), at most (characters). */
  maxInFlightBytes?: number;
  /** The worker script; defaults to the one built next to the bundle. */
  workerUrl?: URL;
  /**
   * Reads a listed file in this thread into its fragments (several for a large file or an archive) and
   * notices; needed when the input holds files to read (a worker reads its own).
   */
  readFile?: (file: FileToRead) => Iterable<Fragment | Skipped>;
  /** Told, in input order, of each notice reading gave (unreadable, not fully searched). */
  onSkip?: (skipped: Skipped) => void;
  /** Counted as fragments are detected: where the work went (for tests and benchmarks). */
  stats?: { inWorkers: number; inThisThread: number };
}

export const DEFAULT_PARALLEL_AFTER = 1024 * 1024;
/**
 * A worker pays for itself only on a large scan: it starts cold (its own regex compilation and JIT, on
 * the core the main thread's compiler would otherwise use). Measured on 2 cores (path scans, workers
 * from 1 MB vs none): 8 MB 0.35 vs 0.25 s, 18 MB 0.43 vs 0.35 s, 49 MB 0.66 vs 0.61 s; 94-100 MB
 * 0.94-1.44 vs 0.98-1.65 s. So when the number of fragments is known, workers start early only if the
 * scan is expected (average size so far x fragments) to reach this size...
 */
const PARALLEL_SCAN_SIZE = 64 * 1024 * 1024;
/** ...or once this much has been seen after all (a few large files at the end). */
const PARALLEL_LATE_START = 48 * 1024 * 1024;
const DEFAULT_MAX_IN_FLIGHT = 4 * 1024 * 1024;
/** A worker with this much text queued gets no more: the main thread takes the next fragment itself. */
const WORKER_QUEUE_LIMIT = 1024 * 1024;
/** ...nor with this many jobs queued (a file to read weighs an estimate, which can be far off). */
const WORKER_JOB_LIMIT = 32;

declare const KEYFENCE_DETECT_WORKER: string | undefined;

/** Where the built worker is, relative to this bundle; undefined when running from source (tests). */
export function defaultWorkerUrl(): URL | undefined {
  return typeof KEYFENCE_DETECT_WORKER === 'string' ? new URL(KEYFENCE_DETECT_WORKER, import.meta.url) : undefined;
}

/** A text to detect (`strings`: the printable strings of binary content), or a file to read and detect. */
type WorkerJob = { file: string; text: string; strings?: boolean } | { file: string; absolute: string };
export type WorkerRequest = WorkerJob & { id: number };
/** For a file the worker read: its fragments (with their text only when they have matches) and notices. */
export type WorkerResult = { fragment: Fragment; matches: Match[]; allowedInline: number } | { skipped: Skipped };
/** `deferred`: a file larger than the memory bound, which this thread reads in its turn, window by window. */
/**
 * `usage`: the error is the user's to fix (a custom rule past its time limit): the scan stops with it
 * instead of retrying here.
 */
export type WorkerResponse =
  | { id: number; matches: Match[]; allowedInline: number }
  | { id: number; results: WorkerResult[] }
  | { id: number; deferred: true }
  | { id: number; error: string; usage?: boolean };
/** What a worker is started with: the config to rebuild the rules from, and where to answer. */
export interface WorkerData {
  config: Config;
  /** Answers go here, to be read synchronously by the main thread. */
  answers: MessagePort;
  /** Bumped (and notified) after each answer. */
  answered: Int32Array;
}

interface Pending {
  input: DetectInput;
  /** What it came to, in order, once done: a file read gives fragments and notices. */
  results: Array<DetectedFragment | Skipped>;
  done: boolean;
  /** Done in this thread when its turn comes instead (see deliver). */
  deferred?: boolean;
  /** The worker detecting it; undefined once done. */
  worker: DetectWorker | undefined;
  /** Characters of text this thread holds for it until it is delivered. */
  held: number;
}

const isFileToRead = (input: DetectInput): input is FileToRead => !('text' in input);
const isSkipped = (result: DetectedFragment | Skipped | Fragment): result is Skipped => 'reason' in result;

/** A fragment's text, let go of when it has no matches (nobody reads it any more). */
const withoutText = (fragment: Fragment): Fragment => (fragment.text.length > 0 ? { ...fragment, text: '' } : fragment);

/**
 * Runs `detect` on a fragment, with the rules that apply to it (printable strings of binaries: see
 * stringsRules); path-sensitive rules see an archive entry's own path.
 */
export function detectFragment(
  fragment: { file: string; text: string; strings?: unknown; entry?: string },
  rules: readonly Rule[],
): Detection {
  return runDetection(fragment.text, fragment.strings ? stringsRules(rules) : rules, { file: fragment.entry ?? fragment.file });
}

/**
 * Runs `detect` on every fragment; yields each fragment with its matches, in input order. An input goes
 * to a free worker, or is detected here: yielded at once when nothing waits before it, else held for
 * its turn. (The steps are InOrderDetection's; this loop is the one async generator, so that a
 * fragment costs no extra async hop.)
 */
export async function* detectFragments(
  inputs: AsyncIterable<DetectInput> | Iterable<DetectInput>,
  options: ParallelDetectOptions,
): AsyncGenerator<DetectedFragment> {
  const run = new InOrderDetection(options);
  try {
    for await (const input of inputs) {
      const entry = run.take(input);
      if (!entry.worker) {
        if (run.nothingQueued()) {
          yield* run.detectNow(entry.input);
          continue;
        }
        const rest = run.holdBehind(entry);
        if (rest) {
          // Too much held: the others go first, then this file as it is read.
          while (!run.nothingQueued()) yield* run.deliver(await run.settleHead());
          yield* run.tellAll(entry.results);
          yield* run.tellAll(rest);
          continue;
        }
      }
      run.enqueue(entry);
      while (run.headMustGo()) yield* run.deliver(await run.settleHead());
    }
    while (!run.nothingQueued()) yield* run.deliver(await run.settleHead());
  } finally {
    await run.close();
  }
}

/**
 * The state of one detectFragments run: the inputs not yet delivered (sent to a worker, or detected here
 * behind one), the text they hold, and the worker pool once the scan turns out large enough.
 */
class InOrderDetection {
  private readonly workerUrl: URL | undefined;
  // Decided when the scan turns out large enough (node:os is not loaded for a commit).
  private readonly canStartWorkers: boolean;
  private workerCount: number | undefined;
  private readonly parallelAfter: number;
  private readonly maxInFlight: number;
  private readonly queue: Pending[] = [];
  /** Text held in `queue`: sent to a worker, or detected here but waiting behind an earlier fragment. */
  private queued = 0;
  private seen = 0;
  private seenFragments = 0;
  private pool: DetectPool | undefined;

  constructor(private readonly options: ParallelDetectOptions) {
    this.workerUrl = options.workerUrl ?? defaultWorkerUrl();
    this.canStartWorkers = options.config !== undefined && this.workerUrl !== undefined;
    this.parallelAfter = options.parallelAfter ?? DEFAULT_PARALLEL_AFTER;
    this.maxInFlight = options.maxInFlightBytes ?? DEFAULT_MAX_IN_FLIGHT;
  }

  /** The input as a queue entry, sent to the least busy worker when one can take it (`entry.worker`). */
  take(input: DetectInput): Pending {
    this.pool?.collectAnswers();
    const worker = this.pool?.leastBusy();
    const entry: Pending = { input, results: [], done: false, worker: undefined, held: 0 };
    if (!worker) return entry;
    entry.worker = worker;
    if (this.options.stats) this.options.stats.inWorkers++;
    if (isFileToRead(input)) {
      // The average text so far stands for the unread file's size in the worker's queue.
      worker.run(entry, { file: input.file, absolute: input.absolute }, this.seenFragments ? Math.ceil(this.seen / this.seenFragments) : 1);
    } else {
      this.maybeStartPool(input);
      entry.held = input.text.length;
      worker.run(
        entry,
        { file: input.entry ?? input.file, text: input.text, ...(input.strings ? { strings: true } : {}) },
        input.text.length,
      );
    }
    return entry;
  }

  nothingQueued(): boolean {
    return this.queue.length === 0;
  }

  /** Detected here and told at once: nothing waits before it. */
  *detectNow(input: DetectInput): Generator<DetectedFragment> {
    yield* this.tellAll(this.detectedHere(input, true));
  }

  /**
   * Detects the entry here, held until its turn without the text of fragments that have no matches
   * (nobody reads it any more). When that grows past what may be held (a large file with matches in
   * many windows), stops and returns the rest of the file, unread.
   */
  holdBehind(entry: Pending): Generator<DetectedFragment | Skipped> | undefined {
    const results = this.detectedHere(entry.input, true);
    for (let next = results.next(); !next.done; next = results.next()) {
      const result =
        isSkipped(next.value) || next.value.matches.length > 0 ? next.value : { ...next.value, fragment: withoutText(next.value.fragment) };
      entry.results.push(result);
      if (!isSkipped(result)) entry.held += result.fragment.text.length;
      if (this.queued + entry.held > this.maxInFlight) return results;
    }
    entry.done = true;
    return undefined;
  }

  enqueue(entry: Pending): void {
    this.queue.push(entry);
    this.queued += entry.held;
  }

  /** The oldest entry is done, or too much text is held: it goes out now (waiting for its worker). */
  headMustGo(): boolean {
    return this.queue.length > 0 && ((this.queue[0] as Pending).done || this.queued > this.maxInFlight);
  }

  async settleHead(): Promise<Pending> {
    const head = this.queue.shift() as Pending;
    if (!head.done) await (this.pool as DetectPool).waitFor(head);
    this.queued -= head.held;
    return head;
  }

  *deliver(head: Pending): Generator<DetectedFragment> {
    // Read in its turn, in this thread, fragment by fragment: a large file, or a failed worker's job.
    yield* this.tellAll(head.deferred ? this.detectedHere(head.input, false) : head.results);
  }

  /** Notices reading gave are told, in their turn; fragments are yielded. */
  *tellAll(results: Iterable<DetectedFragment | Skipped>): Generator<DetectedFragment> {
    for (const result of results) {
      if (isSkipped(result)) this.options.onSkip?.(result);
      else yield result;
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /**
   * Reads (when it is a file) and detects in this thread, fragment by fragment; `counted`: its text
   * counts towards starting the pool (not for a job a worker handed back).
   */
  private *detectedHere(input: DetectInput, counted: boolean): Generator<DetectedFragment | Skipped> {
    const reads = isFileToRead(input) ? this.readHere(input) : [input];
    for (const read of reads) {
      if (isSkipped(read)) {
        yield read;
        continue;
      }
      if (counted) this.maybeStartPool(read);
      if (this.options.stats) this.options.stats.inThisThread++;
      yield { fragment: read, ...detectFragment(read, this.options.rules) };
    }
  }

  private readHere(file: FileToRead): Iterable<Fragment | Skipped> {
    if (!this.options.readFile) throw new Error('detectFragments: files to read need options.readFile');
    return this.options.readFile(file);
  }

  /** Counts the fragment, and starts the worker pool once the scan looks large (see PARALLEL_SCAN_SIZE). */
  private maybeStartPool(fragment: Fragment): void {
    this.seen += fragment.text.length;
    this.seenFragments++;
    if (!this.pool && this.canStartWorkers && this.workerCount === undefined && this.seen > this.parallelAfter && this.looksLarge()) {
      this.workerCount = this.options.workers ?? scanWorkers();
      if (this.workerCount > 0)
        this.pool = new DetectPool(this.workerUrl as URL, this.options.config as Config, this.workerCount, deferHere);
    }
  }

  private looksLarge(): boolean {
    const expected = this.options.expectedFragments?.();
    if (expected === undefined || this.seen > PARALLEL_LATE_START) return true;
    return (this.seen / this.seenFragments) * expected >= PARALLEL_SCAN_SIZE;
  }
}

/** A job a worker failed (or, for a large file, declined) is done here when its turn comes. */
function deferHere(entry: Pending): void {
  entry.deferred = true;
  entry.done = true;
}

/** How long to block waiting for a worker's answer before letting the event loop run (a worker's exit). */
const WAIT_SLICE_MS = 20;

/** Worker threads that each rebuild the rule list from the config and run `detect` on request. */
class DetectPool {
  private readonly workers: DetectWorker[];

  constructor(url: URL, config: Config, count: number, fallback: (entry: Pending) => unknown) {
    this.workers = Array.from({ length: count }, () => new DetectWorker(url, config, fallback));
  }

  /** The worker with the least text queued, unless every worker is already full. */
  leastBusy(): DetectWorker | undefined {
    let best: DetectWorker | undefined;
    for (const worker of this.workers) {
      if (worker.alive && worker.queued < WORKER_QUEUE_LIMIT && worker.pending < WORKER_JOB_LIMIT && (!best || worker.queued < best.queued))
        best = worker;
    }
    return best;
  }

  /** Takes in every answer the workers have sent so far, without waiting. */
  collectAnswers(): void {
    for (const worker of this.workers) worker.collectAnswers();
  }

  /**
   * Blocks until the worker detecting `entry` has answered. Answers are read synchronously
   * (receiveMessageOnPort) and waited for on a shared counter the worker bumps (Atomics.wait): going
   * through the event loop for each answer cost the main thread a tenth of a large scan. Every
   * WAIT_SLICE_MS without an answer, the event loop runs, so a worker that died is noticed.
   */
  async waitFor(entry: Pending): Promise<void> {
    while (!entry.done) {
      const worker = entry.worker as DetectWorker;
      if (!worker.waitForAnswer(WAIT_SLICE_MS)) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}

class DetectWorker {
  alive = true;
  /** Text queued in this worker (for a file to read, an estimate). */
  queued = 0;
  private readonly thread: Worker;
  private readonly answers: MessagePort;
  /** Answers sent so far, counted by the worker (Int32 at 0). */
  private readonly answered: Int32Array;
  private readonly receive: (port: MessagePort) => { message: unknown } | undefined;
  private nextId = 0;
  private readonly jobs = new Map<number, { entry: Pending; weight: number }>();

  get pending(): number {
    return this.jobs.size;
  }

  constructor(
    url: URL,
    config: Config,
    private readonly fallback: (entry: Pending) => unknown,
  ) {
    // Loaded here, not at start-up: most scans never start a worker.
    const threads = process.getBuiltinModule('node:worker_threads');
    const { port1, port2 } = new threads.MessageChannel();
    this.answers = port1;
    this.receive = threads.receiveMessageOnPort;
    this.answered = new Int32Array(new SharedArrayBuffer(4));
    const data: WorkerData = { config, answers: port2, answered: this.answered };
    // A small young generation: the worker's texts die young, and a large one only raised peak RSS
    // (large commit, 2,000 files / 50 MB: 175-187 -> 170-175 MB at the same speed).
    this.thread = new threads.Worker(url, { workerData: data, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    // A worker that fails loses nothing: its jobs are done in this thread instead.
    this.thread.on('error', () => this.fail());
    this.thread.on('exit', () => this.fail());
  }

  /** Sends `job`; `weight` is the text it adds to this worker's queue. */
  run(entry: Pending, job: WorkerJob, weight: number): void {
    const id = this.nextId++;
    this.queued += weight;
    this.jobs.set(id, { entry, weight });
    const request: WorkerRequest = { ...job, id };
    this.thread.postMessage(request);
  }

  collectAnswers(): void {
    for (let answer = this.receive(this.answers); answer; answer = this.receive(this.answers)) {
      this.settle(answer.message as WorkerResponse);
    }
  }

  /** Takes in the answers sent so far, waiting up to `timeoutMs` for one if there is none; false if none came. */
  waitForAnswer(timeoutMs: number): boolean {
    if (!this.alive) return false;
    // Read the count before looking for answers: an answer sent in between changes it, so the wait
    // below returns at once instead of missing it.
    const count = Atomics.load(this.answered, 0);
    const before = this.jobs.size;
    this.collectAnswers();
    if (this.jobs.size < before) return true;
    if (Atomics.wait(this.answered, 0, count, timeoutMs) === 'timed-out') return false;
    this.collectAnswers();
    return true;
  }

  private settle(response: WorkerResponse): void {
    const job = this.jobs.get(response.id);
    if (!job) return;
    this.release(response.id, job.weight);
    const { entry } = job;
    entry.worker = undefined;
    if ('error' in response) {
      if (response.usage) throw new UsageError(response.error);
      this.fallback(entry);
      return;
    }
    if ('deferred' in response) {
      this.fallback(entry);
      return;
    }
    if ('results' in response) {
      entry.results = response.results.map((result) => ('skipped' in result ? result.skipped : result));
    } else {
      const fragment = entry.input as Fragment;
      entry.results = [{ fragment, matches: response.matches, allowedInline: response.allowedInline }];
    }
    entry.done = true;
  }

  private fail(): void {
    if (!this.alive) return;
    this.alive = false;
    // Answers already sent are kept; the rest is done in this thread.
    this.collectAnswers();
    for (const [id, job] of this.jobs) {
      this.release(id, job.weight);
      job.entry.worker = undefined;
      this.fallback(job.entry);
    }
  }

  private release(id: number, weight: number): void {
    this.jobs.delete(id);
    this.queued -= weight;
  }

  async close(): Promise<void> {
    this.alive = false;
    this.answers.close();
    await this.thread.terminate();
  }
}
