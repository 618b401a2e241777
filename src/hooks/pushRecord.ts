// keyfence's record of what a push may leave unscanned, kept under the git directory
// (<common git dir>/keyfence/push-record.json, shared by linked worktrees, never committed):
//
// - remotes: for each remote, the URLs (fetch and push, as git resolves them; stored as hashes, since a
//   URL may carry a token) its tracking refs are known to come from. While the URLs are unchanged, the
//   remote's tracking refs count as "already on the remote", except the `stale` ones: refs that were
//   already there when the record was last made after a URL change (they may still hold what the old URL
//   had), as long as they have not moved since.
// - clean: tips whose whole history keyfence scanned and found clean, by the local ref pushed. These
//   may be left out of a scan whatever the destination.
//
// `keyfence install` records the remotes it has no record of (their tracking refs as they are then);
// the pre-push hook updates the record after each push that passed. A missing or unreadable record only
// means more is scanned.
import { sha256Hex } from '../sha256.js';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitCommonDir } from '../git/locations.js';
import { remoteNames, remoteUrlsOf } from '../git/refs.js';

export interface RemoteUrls {
  fetch: string[];
  push: string[];
}

export interface RemoteRecord extends RemoteUrls {
  /** Tracking ref -> the commit it held when the URLs were recorded after a change. */
  stale: Record<string, string>;
}

export interface PushRecord {
  remotes: Record<string, RemoteRecord>;
  /** Local ref (or commit, when pushed by id) -> a tip whose whole history was scanned clean. */
  clean: Record<string, string>;
}

/** Clean tips kept; the oldest go first (forgetting one only costs a longer scan). */
const MAX_CLEAN_TIPS = 200;

export async function recordFile(cwd: string): Promise<string> {
  return join(await gitCommonDir(cwd), 'keyfence', 'push-record.json');
}

export function readRecord(file: string): PushRecord {
  const empty: PushRecord = { remotes: {}, clean: {} };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return empty;
  }
  if (!isObject(value)) return empty;
  const remotes: Record<string, RemoteRecord> = {};
  if (isObject(value.remotes)) {
    for (const [name, entry] of Object.entries(value.remotes)) {
      if (!isObject(entry) || !isStrings(entry.fetch) || !isStrings(entry.push) || !isObject(entry.stale)) continue;
      const stale = Object.fromEntries(Object.entries(entry.stale).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
      remotes[name] = { fetch: entry.fetch, push: entry.push, stale };
    }
  }
  const clean = isObject(value.clean)
    ? Object.fromEntries(
        Object.entries(value.clean).filter(
          (pair): pair is [string, string] => typeof pair[1] === 'string' && /^[0-9a-f]{40,64}$/.test(pair[1]),
        ),
      )
    : {};
  return { remotes, clean };
}

/** Writes the record whole (temp file, then rename); a failure is ignored: it only costs scanning. */
export function writeRecord(file: string, record: PushRecord): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

export function addCleanTips(record: PushRecord, tips: ReadonlyMap<string, string>): void {
  for (const [ref, sha] of tips) {
    delete record.clean[ref];
    record.clean[ref] = sha;
  }
  const keys = Object.keys(record.clean);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_CLEAN_TIPS))) delete record.clean[key];
}

/** The remote's fetch and push URLs as git resolves them (insteadOf applied), hashed; undefined for no such remote. */
export async function remoteUrls(name: string, cwd: string): Promise<RemoteUrls | undefined> {
  try {
    const [fetch, push] = await Promise.all([remoteUrlsOf(cwd, name, 'fetch'), remoteUrlsOf(cwd, name, 'push')]);
    return { fetch: fetch.map(urlHash), push: push.map(urlHash) };
  } catch {
    return undefined;
  }
}

export const sameUrls = (a: RemoteUrls, b: RemoteUrls): boolean =>
  a.fetch.join('\n') === b.fetch.join('\n') && a.push.join('\n') === b.push.join('\n');

/**
 * `keyfence install`: a record for every remote that has none, trusting its tracking refs as they are;
 * with `replace` (`--trust-remotes`), for every remote, whatever was recorded before.
 */
export async function recordRemotes(cwd: string, replace = false): Promise<string[]> {
  const names = await remoteNames(cwd);
  const file = await recordFile(cwd);
  const record = readRecord(file);
  const added: string[] = [];
  for (const name of names) {
    if (record.remotes[name] && !replace) continue;
    const urls = await remoteUrls(name, cwd);
    if (!urls) continue;
    record.remotes[name] = { ...urls, stale: {} };
    added.push(name);
  }
  if (added.length > 0) writeRecord(file, record);
  return added;
}

export const urlHash = sha256Hex;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
