// Several sources read at the same time, their items handed on in source order: all of the first
// source, then all of the second... Each source runs ahead of the consumer until it holds `budget`
// (weighed by `weigh`), then waits for room: memory stays bounded however far behind the consumer is.
// An error in any source ends the whole sequence with that error (the first one), and the others stop.

export interface ReadAheadOptions<T> {
  /** What a source may hold ahead of the consumer, at most (plus one item). */
  budget: number;
  weigh: (item: T) => number;
  /** Stops every source (called on the first error, and when the consumer stops early). */
  stop: () => void;
}

class Ahead<T> {
  private readonly items: T[] = [];
  private held = 0;
  private finished = false;
  private error: { cause: unknown } | undefined;
  private wake: (() => void) | undefined;
  private room: (() => void) | undefined;
  private stopped = false;
  readonly done: Promise<void>;

  constructor(
    source: AsyncIterable<T>,
    private readonly options: ReadAheadOptions<T>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.done = this.pump(source);
  }

  private async pump(source: AsyncIterable<T>): Promise<void> {
    try {
      for await (const item of source) {
        if (this.stopped) break;
        this.items.push(item);
        this.held += this.options.weigh(item);
        this.signal();
        if (this.held > this.options.budget) await new Promise<void>((resolve) => (this.room = resolve));
        if (this.stopped) break;
      }
    } catch (error) {
      this.error = { cause: error };
      this.onError(error);
    } finally {
      this.finished = true;
      this.signal();
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Lets a source waiting for room go on. */
  private release(): void {
    const room = this.room;
    this.room = undefined;
    room?.();
  }

  /** The consumer is gone (or a source failed): read no further. */
  stop(): void {
    this.stopped = true;
    this.release();
  }

  async *drain(failed: () => { cause: unknown } | undefined): AsyncGenerator<T> {
    for (;;) {
      const failure = failed();
      if (failure) throw failure.cause;
      if (this.items.length > 0) {
        const item = this.items.shift() as T;
        this.held -= this.options.weigh(item);
        if (this.held <= this.options.budget) this.release();
        yield item;
        continue;
      }
      if (this.finished) {
        if (this.error) throw this.error.cause;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** The items of every source, in source order, read concurrently (see the top of this file). */
export async function* inOrderReadAhead<T>(sources: ReadonlyArray<AsyncIterable<T>>, options: ReadAheadOptions<T>): AsyncGenerator<T> {
  let failure: { cause: unknown } | undefined;
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { cause: error };
    options.stop();
    for (const ahead of aheads) ahead.stop();
  };
  const aheads: Array<Ahead<T>> = [];
  for (const source of sources) aheads.push(new Ahead(source, options, fail));
  try {
    for (const ahead of aheads) yield* ahead.drain(() => failure);
  } finally {
    if (!failure) {
      failure = { cause: new Error('stopped') };
      options.stop();
    }
    for (const ahead of aheads) ahead.stop();
    await Promise.all(aheads.map((ahead) => ahead.done));
  }
}
