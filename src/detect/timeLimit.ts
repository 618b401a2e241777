// Regexes the user wrote (custom rules, allow patterns) run under a time limit: a catastrophic one would
// otherwise hang every commit. JavaScript cannot interrupt a running regex, but V8 can stop any script
// from a watchdog thread, and node:vm's `timeout` does exactly that, inside a regex too. It costs about
// 0.1-0.3 ms per call (a thread per call), so it is paid once per rule per file, only by rules from the
// configuration (the built-in rules are proven linear by their tests), and only where the regex's
// bounded work (regexShape.ts stepsPerStart) times the length of text it searches could exceed
// STEP_BUDGET: a token rule such as `acme_[a-z0-9]{32}` on a file of ordinary size skips it.
//
// Other ways, measured on Node 20 (V8 11.3): V8's linear-time engine (`--enable-experimental-regexp-
// engine[-on-excessive-backtracks]`, settable at run time with v8.setFlagsFromString) refuses the
// `i` flag, look-arounds, backreferences and even `[a-z0-9]{32}`, and does not fall back for them: an
// `(a+)+$` with the `i` flag still ran for 40 s. A worker thread per scan would cost its start (~30 ms)
// and a copy of every text.
import type { Script } from 'node:vm';
import { UsageError } from '../types.js';

/** Per rule and file (or allow pattern and finding); KEYFENCE_REGEX_TIME_LIMIT_MS changes it. */
const DEFAULT_LIMIT_MS = 10_000;

/** Backtracking steps that run in well under a second: below it the time limit is not needed. */
const STEP_BUDGET = 20_000_000;

/** Whether a regex of `stepsPerStart` (regexShape.ts) searching `length` characters needs the time limit. */
export function needsTimeLimit(stepsPerStart: number, length: number): boolean {
  return stepsPerStart * length > STEP_BUDGET;
}

const JOB = Symbol.for('keyfence.timeLimitedJob');
let script: Script | undefined;

export function regexTimeLimitMs(): number {
  const fromEnv = process.env.KEYFENCE_REGEX_TIME_LIMIT_MS;
  return fromEnv !== undefined && /^[1-9]\d{0,8}$/.test(fromEnv) ? Number(fromEnv) : DEFAULT_LIMIT_MS;
}

/** Thrown when a user regex runs past the time limit; the message never quotes the regex. */
export class RegexTimeLimitError extends UsageError {
  constructor(origin: string, on: string, limitMs: number) {
    const seconds = limitMs / 1000;
    super(
      `${origin}: the regular expression ran for more than ${seconds} s on ${on} without finishing (catastrophic backtracking). ` +
        'Simplify it: no repetition inside a repeated group, no alternatives that match the same text.',
    );
  }
}

/** Runs `job`, stopping it with RegexTimeLimitError(origin, on()) past the time limit. */
export function withRegexTimeLimit<T>(origin: string, on: () => string, job: () => T): T {
  const limit = regexTimeLimitMs();
  script ??= new (process.getBuiltinModule('node:vm').Script)(`globalThis[Symbol.for('keyfence.timeLimitedJob')]()`);
  const slot = globalThis as unknown as Record<symbol, (() => void) | undefined>;
  let result: T | undefined;
  slot[JOB] = () => {
    result = job();
  };
  try {
    script.runInThisContext({ timeout: limit, displayErrors: false });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RegexTimeLimitError(origin, on(), limit);
    throw error;
  } finally {
    slot[JOB] = undefined;
  }
  return result as T;
}

/** A file name for a message: control characters escaped (a name can hold terminal escapes). */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
