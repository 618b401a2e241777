// The staged patch, read by the hook script and piped into node (hooks/git-hook.sh): git then runs while
// node starts, and a clean commit never loads node's process machinery. The script takes the command from
// dist/staged-patch.txt, written by the build with the arguments src/source/staged.ts would use, and
// frames git's output:
//
//   keyfence staged patch <build id>\n      the build of the staged-patch.txt it read
//   <git's standard output>
//   \nkeyfence git exit <status>\n
//
// Anything else (another build, a status other than 0, an output cut short or too large, a standard input
// that is not a pipe) and node reads the changes itself, as without the script.
import { fstatSync, readSync } from 'node:fs';
import { BASE_ARGS } from './exec.js';
import { PATCH_READ_BYTES, stagedPatchArgs } from './stagedDiff.js';

/** Set by the hook script when it pipes the patch in. */
export const PIPED_PATCH_VARIABLE = 'KEYFENCE_STAGED_PATCH';

export const PIPED_PATCH_FILE = 'staged-patch.txt';
const FORMAT = 'keyfence staged patch 1';
/** Stands for the dist/ folder in the arguments; the script puts its absolute path in. */
const DIST = '@DIST@';

declare const KEYFENCE_BUILD_ID: string | undefined;
const buildId = typeof KEYFENCE_BUILD_ID === 'string' ? KEYFENCE_BUILD_ID : undefined;

/**
 * dist/staged-patch.txt: the format line, `b <build id>`, one `a <argument>` per argument of git, and
 * `e <build id>` last (a file cut short is never used).
 */
export function pipedPatchFile(build: string): string {
  const args = [...BASE_ARGS, ...stagedPatchArgs(DIST)];
  for (const arg of args)
    if (!/^[\x20-\x7e]+$/.test(arg)) throw new Error(`git argument ${JSON.stringify(arg)} cannot go in ${PIPED_PATCH_FILE}`);
  return [FORMAT, `b ${build}`, ...args.map((arg) => `a ${arg}`), `e ${build}`, ''].join('\n');
}

let taken = false;

/** git's output for a commit of everything staged, when the script piped it in whole; once per process. */
export function takePipedPatch(): Buffer | undefined {
  if (taken || buildId === undefined || process.env[PIPED_PATCH_VARIABLE] !== 'stdin') return undefined;
  taken = true;
  const header = Buffer.from(`keyfence staged patch ${buildId}\n`);
  const input = readPipe(header.length + PATCH_READ_BYTES + 64);
  if (input === undefined || !input.subarray(0, header.length).equals(header)) return undefined;
  const body = input.subarray(header.length);
  const trailer = Buffer.from('\nkeyfence git exit 0\n');
  if (body.length < trailer.length || !body.subarray(body.length - trailer.length).equals(trailer)) return undefined;
  return body.subarray(0, body.length - trailer.length);
}

/** Standard input to its end, when it is a pipe and ends within `limit` bytes. */
function readPipe(limit: number): Buffer | undefined {
  try {
    if (!fstatSync(0).isFIFO()) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const read = readSync(0, buffer, 0, buffer.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > limit) return undefined;
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
  } catch {
    // EAGAIN (a non-blocking pipe), or no standard input at all.
    return undefined;
  }
}
