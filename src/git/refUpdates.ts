// The ref updates git hands a push hook on standard input, one line per ref:
//   pre-push:    <local ref> SP <local sha> SP <remote ref> SP <remote sha>
//   pre-receive: <old sha> SP <new sha> SP <ref name>
// A line that is not of its hook's shape is left out; the caller decides what no line at all means.

/** A full object id (SHA-1 or SHA-256), hex. */
const OBJECT_ID = /^[0-9a-f]{40,64}$/i;

/** git's id for "no object": a ref created (old side) or deleted (new side). */
export const isZeroId = (id: string): boolean => /^0+$/.test(id);

export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export interface ReceivedRef {
  oldSha: string;
  newSha: string;
  ref: string;
}

/** The refs a pre-push hook is told about. */
export function parsePushedRefs(stdin: string): PushedRef[] {
  const updates: PushedRef[] = [];
  for (const line of stdin.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length !== 4) continue;
    const [localRef, localSha, remoteRef, remoteSha] = parts as [string, string, string, string];
    if (!OBJECT_ID.test(localSha) || !OBJECT_ID.test(remoteSha)) continue;
    updates.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return updates;
}

/** The refs a pre-receive hook is told about (the new id checked; the old one is passed through). */
export function parseReceivedRefs(stdin: string): ReceivedRef[] {
  const updates: ReceivedRef[] = [];
  for (const line of stdin.split('\n')) {
    const [oldSha, newSha, ref] = line.trim().split(' ');
    if (!oldSha || !newSha || !ref || !OBJECT_ID.test(newSha)) continue;
    updates.push({ oldSha, newSha, ref });
  }
  return updates;
}
