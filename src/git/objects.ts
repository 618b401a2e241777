// Objects read whole through one `git cat-file` call: contents by object id, by `:path` (the index,
// honouring GIT_INDEX_FILE) or by `<revision>:path`; types; existence. (Streaming reads of many blobs:
// blobs.ts.)
import { gitSucceeds, runGit } from './exec.js';
import { UsageError } from '../types.js';

export interface GitObject {
  type: string;
  content: Buffer;
}

/** The object each spec names (same order), or undefined for a spec git does not find. */
export async function readObjects(root: string, specs: readonly string[]): Promise<Array<GitObject | undefined>> {
  if (specs.length === 0) return [];
  // A spec with a newline cannot be asked for on one line; no configured path holds one.
  if (specs.some((spec) => /[\r\n]/.test(spec)))
    throw new UsageError('a configuration path holds a line break; keyfence cannot read it from git');
  const output = await runGit(['cat-file', '--batch'], { cwd: root, input: specs.map((s) => `${s}\n`).join('') });
  const objects: Array<GitObject | undefined> = [];
  let at = 0;
  for (const spec of specs) {
    const newline = output.indexOf(10, at);
    if (newline === -1) throw new UsageError(`git cat-file gave no answer for ${spec}`);
    const header = output.toString('utf8', at, newline);
    at = newline + 1;
    // `<spec> missing`, `<spec> ambiguous`: the spec itself may hold spaces, the verdict is the last word.
    if (/ (?:missing|ambiguous)$/.test(header) && !/^[0-9a-f]{40,64} \w+ \d+$/.test(header)) {
      objects.push(undefined);
      continue;
    }
    const [, type, size] = header.split(' ');
    const length = Number(size);
    if (!type || !Number.isInteger(length) || at + length > output.length)
      throw new UsageError(`git cat-file gave an unreadable answer for ${spec}`);
    objects.push({ type, content: output.subarray(at, at + length) });
    at += length + 1;
  }
  return objects;
}

/** The full id and type of each object these specs name that exists (`<id>^{commit}` peels to a commit). */
export async function objectTypes(cwd: string, specs: readonly string[]): Promise<Array<{ oid: string; type: string }>> {
  const out = (await runGit(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd, input: specs.join('\n') + '\n' })).toString(
    'utf8',
  );
  const found: Array<{ oid: string; type: string }> = [];
  for (const line of out.split('\n')) {
    const [oid, type] = line.split(' ');
    // A spec git does not find comes back as `<spec> missing`.
    if (oid && type && type !== 'missing') found.push({ oid, type });
  }
  return found;
}

/** True when git has the object `spec` names. */
export function hasObject(cwd: string, spec: string): boolean {
  return gitSucceeds(['cat-file', '-e', spec], { cwd });
}

/** What `git show <spec>` prints (for a `<revision>:<path>` or `:./<path>` spec: the file's content). */
export async function showObject(cwd: string, spec: string): Promise<string> {
  return (await runGit(['show', spec], { cwd })).toString('utf8');
}
