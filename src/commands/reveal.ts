// `--show-secrets`: the one way to see a secret unmasked. Only onto a terminal, where it scrolls away,
// never into a pipe, a file or a CI log, unless `--force` says the user means it.
import { UsageError } from '../types.js';

export function allowReveal(
  flags: { 'show-secrets'?: boolean; force?: boolean },
  stream: { isTTY?: boolean },
  streamName: string,
): boolean {
  if (!flags['show-secrets']) return false;
  if (stream.isTTY || flags.force) return true;
  throw new UsageError(
    `--show-secrets prints secrets unmasked, and ${streamName} is not a terminal (a pipe, a file or a CI log would keep them). Add --force if you really want that.`,
  );
}
