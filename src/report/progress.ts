// The history scan's progress on a terminal: a bar, the percentage, commits done of the total and the
// time left at the rate so far, redrawn in place at most ten times a second. Off a terminal, nothing.

/** How often the line may be redrawn, at most. */
const REDRAW_MS = 100;
/** Before this much time, the rate says too little to estimate the time left. */
const ESTIMATE_AFTER_MS = 500;
const BAR_MIN = 10;
const BAR_MAX = 40;

export interface ProgressState {
  done: number;
  total: number | undefined;
  /** Time since the first commit was done, and how many were done since then (the rate for the estimate). */
  elapsedMs: number;
  doneSince?: number;
  /** Columns the line may take. */
  width: number;
}

/** `1:05`, `1:02:09`. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** One line of progress: `keyfence: history [=====>    ]  52%  1300/2500 commits  ETA 0:12`. */
export function progressLine({ done, total, elapsedMs, doneSince = done, width }: ProgressState): string {
  const label = 'keyfence: history';
  if (!total) return `${label}: ${done} commit${done === 1 ? '' : 's'}`;
  const fraction = Math.min(1, done / total);
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const eta = doneSince > 0 && elapsedMs >= ESTIMATE_AFTER_MS ? clock(((total - done) * elapsedMs) / doneSince / 1000) : '--:--';
  const counts = `${String(done).padStart(String(total).length)}/${total} commits`;
  const tail = `${percent}  ${counts}  ETA ${eta}`;
  const room = width - label.length - tail.length - 5; // spaces and brackets
  if (room < BAR_MIN) return `${label}  ${tail}`.slice(0, Math.max(0, width));
  const size = Math.min(BAR_MAX, room);
  const filled = Math.floor(fraction * size);
  const bar = filled >= size ? '='.repeat(size) : `${'='.repeat(filled)}>${' '.repeat(size - filled - 1)}`;
  return `${label} [${bar}] ${tail}`;
}

export interface TerminalProgress {
  update(done: number, total: number | undefined): void;
  /** Clears the line (the caller prints its summary in its place). */
  finish(): void;
}

/** Progress on `stream` when it is a terminal; undefined otherwise. `now` is injectable for tests. */
export function terminalProgress(
  stream: { isTTY?: boolean; columns?: number; write(text: string): unknown },
  now: () => number = Date.now,
): TerminalProgress | undefined {
  if (!stream.isTTY) return undefined;
  // The rate counts from the first commit done: listing the commits to count them comes before.
  let first: { at: number; done: number } | undefined;
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const at = now();
      first ??= { at, done };
      if (at - last < REDRAW_MS && done !== total) return;
      last = at;
      // One column short of the width: some terminals wrap as soon as the last column is written.
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r${progressLine({ done, total, elapsedMs: at - first.at, doneSince: done - first.done, width })}\u001b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
