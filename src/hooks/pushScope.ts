// Which commits a push must scan: those it sends that nothing vouches for. Hooks never use the network,
// so the evidence is local, strongest first:
// - a ref update's old value, which git read from the remote itself during this push;
// - the destination remote's tracking refs, but only while its URLs are the ones they are recorded to
//   come from (see pushRecord.ts): after `git remote set-url`, or for a remote keyfence has no record
//   of, they may describe another repository;
// - tips whose whole history keyfence scanned clean before (good for any destination).
// A push to a URL that is no configured remote has only the first and the last.
import { objectTypes } from '../git/objects.js';
import { configuredRemoteUrls, trackingRefs } from '../git/refs.js';
import type { HistoryRange } from '../source/history.js';
import { isZeroId, type PushedRef } from '../git/refUpdates.js';
import { remoteUrls, sameUrls, urlHash, type PushRecord, type RemoteUrls } from './pushRecord.js';

export type TrackingTrust =
  /** Pushing to a URL that is no configured remote. */
  { kind: 'none' } | { kind: 'trusted'; remote: string } | { kind: 'untrusted'; remote: string; reason: 'no-record' | 'url-changed' };

export interface PushScope {
  range: HistoryRange;
  trust: TrackingTrust;
  /** The configured remote pushed to, and its URLs now. */
  remote?: { name: string; urls: RemoteUrls };
  /** Only clean tips were left out: when the scan passes, the pushed tips are clean with all their history. */
  closed: boolean;
}

/**
 * The scope of a push, or undefined when it sends no commits (only deletions). `remote` is what git
 * passes: a remote's name, or the URL when pushing to a URL; `url` is the URL pushed to.
 */
export async function pushScope(
  updates: readonly PushedRef[],
  remote: string | undefined,
  url: string | undefined,
  cwd: string,
  record: PushRecord,
): Promise<PushScope | undefined> {
  const include = [...new Set(updates.filter((u) => !isZeroId(u.localSha)).map((u) => u.localSha))];
  if (include.length === 0) return undefined;
  const exclude = new Set<string>();
  for (const u of updates) if (!isZeroId(u.localSha) && !isZeroId(u.remoteSha)) exclude.add(u.remoteSha);

  let trust: TrackingTrust = { kind: 'none' };
  let notOnRemote: string | undefined;
  let destination: PushScope['remote'];
  const name = await remoteName(remote, url, cwd);
  const urls = name === undefined ? undefined : await remoteUrls(name, cwd);
  if (name !== undefined && urls !== undefined) {
    destination = { name, urls };
    const recorded = record.remotes[name];
    const pushedTo = url === undefined || [...urls.fetch, ...urls.push].includes(urlHash(url));
    if (recorded && sameUrls(recorded, urls) && pushedTo) {
      trust = { kind: 'trusted', remote: name };
      const vouching = [...(await trackingRefs(cwd, name))].filter(([ref, sha]) => recorded.stale[ref] !== sha);
      // All of them: git's own --remotes=<name> (no list of ids on the command line, however many refs).
      if (vouching.length > 0 && Object.keys(recorded.stale).length === 0) notOnRemote = name;
      else for (const [, sha] of vouching) exclude.add(sha);
    } else {
      trust = { kind: 'untrusted', remote: name, reason: recorded ? 'url-changed' : 'no-record' };
    }
  }
  const remoteEvidence = exclude.size > 0 || notOnRemote !== undefined;
  for (const sha of Object.values(record.clean)) exclude.add(sha);
  const excluded = await existingCommits([...exclude], cwd);
  return {
    range: { revisions: [...include, ...excluded.map((sha) => `^${sha}`)], ...(notOnRemote !== undefined ? { notOnRemote } : {}) },
    trust,
    ...(destination ? { remote: destination } : {}),
    closed: !remoteEvidence,
  };
}

/** The commits (peeled) of those objects that exist here; a remote's value we never fetched does not. */
async function existingCommits(shas: string[], cwd: string): Promise<string[]> {
  if (shas.length === 0) return [];
  const found = await objectTypes(
    cwd,
    shas.map((sha) => `${sha}^{commit}`),
  );
  return [...new Set(found.filter((o) => o.type === 'commit').map((o) => o.oid))];
}

/** The configured remote pushed to: by name, or the one whose URL is the URL pushed to. */
async function remoteName(remote: string | undefined, url: string | undefined, cwd: string): Promise<string | undefined> {
  if (remote === undefined) return undefined;
  let remotes: Array<{ name: string; url: string }>;
  try {
    remotes = await configuredRemoteUrls(cwd);
  } catch {
    return undefined; // no remotes configured
  }
  if (remotes.some((r) => r.name === remote)) return remote;
  return remotes.find((r) => r.url === (url ?? remote))?.name;
}
