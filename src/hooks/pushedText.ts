// What a push sends besides commits: the names of the refs it creates or updates, and the messages of
// the annotated tags it sends (a tag object is no commit, so no history scan reads it). Both become
// texts to scan, labelled for the report.
import { objectTypes, readObjects } from '../git/objects.js';
import { isZeroId, type PushedRef } from '../git/refUpdates.js';

export interface PushedText {
  /** The label findings carry as their file: "(ref name)" or "(tag <name> message)". */
  file: string;
  text: string;
}

export const REF_NAME_FILE = '(ref name)';
export const isTagMessageFile = (file: string): boolean => /^\(tag .* message\)$/.test(file);

const SIGNATURE = /\n-----BEGIN (?:PGP|SSH) SIGNATURE-----\n[\s\S]*?\n-----END (?:PGP|SSH) SIGNATURE-----\n?/g;
/** A tag of a tag of ... is followed this far. */
const MAX_DEPTH = 10;

export async function pushedTexts(updates: readonly PushedRef[], cwd: string): Promise<PushedText[]> {
  const sent = updates.filter((u) => !isZeroId(u.localSha) && u.localSha !== u.remoteSha);
  const names = new Set<string>();
  for (const u of sent) {
    for (const name of [u.localRef, u.remoteRef]) if (name && name !== 'HEAD' && !/^[0-9a-f]{40,64}$/i.test(name)) names.add(name);
  }
  const texts: PushedText[] = [...names].map((name) => ({ file: REF_NAME_FILE, text: name }));
  texts.push(...(await tagMessages([...new Set(sent.map((u) => u.localSha))], cwd)));
  return texts;
}

/** The messages (and names) of the annotated tags among these objects, and of the tags they point to. */
async function tagMessages(objects: string[], cwd: string): Promise<PushedText[]> {
  const texts: PushedText[] = [];
  const seen = new Set<string>();
  let pending = objects;
  for (let depth = 0; depth < MAX_DEPTH && pending.length > 0; depth++) {
    const tags = await tagsAmong(
      pending.filter((sha) => !seen.has(sha)),
      cwd,
    );
    for (const sha of pending) seen.add(sha);
    if (tags.length === 0) break;
    const next: string[] = [];
    for (const tag of await readTags(tags, cwd)) {
      const label = tag.name || tag.sha.slice(0, 12);
      if (tag.name) texts.push({ file: REF_NAME_FILE, text: tag.name });
      texts.push({ file: `(tag ${label} message)`, text: tag.message });
      if (tag.type === 'tag') next.push(tag.object);
    }
    pending = next;
  }
  return texts;
}

async function tagsAmong(shas: string[], cwd: string): Promise<string[]> {
  if (shas.length === 0) return [];
  return (await objectTypes(cwd, shas)).filter((o) => o.type === 'tag').map((o) => o.oid);
}

interface Tag {
  sha: string;
  object: string;
  type: string;
  name: string;
  message: string;
}

async function readTags(shas: string[], cwd: string): Promise<Tag[]> {
  const objects = await readObjects(cwd, shas);
  const tags: Tag[] = [];
  for (const [i, sha] of shas.entries()) {
    const object = objects[i];
    if (object?.type !== 'tag') continue;
    const body = object.content.toString('utf8');
    const split = body.indexOf('\n\n');
    const header = split < 0 ? body : body.slice(0, split);
    const field = (key: string): string =>
      header
        .split('\n')
        .find((line) => line.startsWith(`${key} `))
        ?.slice(key.length + 1) ?? '';
    const message = split < 0 ? '' : body.slice(split + 2).replace(SIGNATURE, '\n');
    tags.push({ sha, object: field('object'), type: field('type'), name: field('tag'), message });
  }
  return tags;
}
