// Consent before anything leaves the machine: a question on a terminal, `--yes` anywhere else.
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../types.js';

export interface ConfirmOptions {
  yes: boolean;
  /** The command, for the error off a terminal: `verify`. */
  command: string;
}

/** True when the user agreed. Off a terminal without --yes: a usage error (exit 2), nothing sent. */
export async function confirm(question: string, options: ConfirmOptions): Promise<boolean> {
  if (options.yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(`${options.command} contacts the network; off a terminal it runs only with --yes.\n${question}`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question}\nContinue? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
