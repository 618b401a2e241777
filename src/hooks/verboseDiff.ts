// What lies below a scissors line in a commit message file. `git commit -v` (and -vv) writes a scissors
// line, a commented explanation and the staged diff there, and cuts it all off after the commit-msg hook
// has run; but git cuts only with --verbose (or commit.verbose) or --cleanup=scissors in the editor,
// which a hook cannot see. With -m or -F, a scissors line the user typed is committed with everything
// below it. So the text below is scanned like the rest, and a finding there is left to the pre-commit
// hook only when its lines are provably git's diff of staged content: lines of a well-formed hunk in a
// section whose `index <pre>..<post>` line names real blobs, the post-image one staged, and each line
// present in the blob it claims to come from. Anything else is reported (fail closed).
import { listIndex } from '../git/files.js';
import { readObjects } from '../git/objects.js';

/** `# ------------------------ >8 ------------------------`, with any comment character. */
const SCISSORS = /^\S -{24} >8 -{24}\s*$/;

/** Index of the first scissors line, or -1. */
export const findScissors = (lines: readonly string[]): number => lines.findIndex((line) => SCISSORS.test(line));

type LineKind = '+' | '-' | ' ' | 'header';

interface Section {
  /** Abbreviated blob ids from the section's `index` line. */
  pre?: string;
  post?: string;
}

export interface VerboseDiff {
  sections: Section[];
  /** Message line index -> what the line is in the diff. Lines absent here are not diff lines. */
  lines: Map<number, { kind: LineKind; section: number }>;
}

const HEADER =
  /^(?:old mode |new mode |deleted file mode |new file mode |copy from |copy to |rename from |rename to |similarity index |dissimilarity index |index |--- |\+\+\+ |Binary files )/;
const INDEX = /^index ([0-9a-f]{4,64})\.\.([0-9a-f]{4,64})(?: [0-7]{6})?\s*$/;
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/** Reads the lines after `from` as the output of `git diff`; whatever does not fit is left out. */
export function parseVerboseDiff(lines: readonly string[], from: number): VerboseDiff {
  const sections: Section[] = [];
  const kinds = new Map<number, { kind: LineKind; section: number }>();
  let state: 'outside' | 'header' | 'hunk' = 'outside';
  let oldLeft = 0;
  let newLeft = 0;
  for (let i = from + 1; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    const section = sections.length - 1;
    if (state === 'hunk') {
      if (oldLeft > 0 || newLeft > 0) {
        // An editor that strips trailing blanks turns an empty context line (" ") into "".
        const kind = line === '' ? ' ' : line[0];
        if (kind === ' ' && oldLeft > 0 && newLeft > 0) {
          oldLeft--;
          newLeft--;
          kinds.set(i, { kind: ' ', section });
          continue;
        }
        if (kind === '+' && newLeft > 0) {
          newLeft--;
          kinds.set(i, { kind: '+', section });
          continue;
        }
        if (kind === '-' && oldLeft > 0) {
          oldLeft--;
          kinds.set(i, { kind: '-', section });
          continue;
        }
        if (kind === '\\') continue;
        state = 'outside';
      } else if (line.startsWith('\\')) {
        continue;
      } else {
        const hunk = HUNK.exec(line);
        if (hunk) {
          oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
          newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
          kinds.set(i, { kind: 'header', section });
          continue;
        }
        state = 'outside';
      }
    }
    if (line.startsWith('diff --git ')) {
      sections.push({});
      kinds.set(i, { kind: 'header', section: sections.length - 1 });
      state = 'header';
      continue;
    }
    if (state === 'header') {
      const hunk = HUNK.exec(line);
      if (hunk) {
        oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
        newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
        kinds.set(i, { kind: 'header', section });
        state = 'hunk';
        continue;
      }
      if (HEADER.test(line)) {
        const index = INDEX.exec(line);
        if (index) sections[section] = { pre: index[1], post: index[2] };
        kinds.set(i, { kind: 'header', section });
        continue;
      }
      state = 'outside';
    }
  }
  return { sections, lines: kinds };
}

const isZero = (id: string | undefined): boolean => id !== undefined && /^0+$/.test(id);

/**
 * The message lines (indexes) among `wanted` that are proven to be git's diff of staged content, so
 * that a finding on them is the pre-commit hook's business. One `git ls-files` and one `git cat-file`,
 * only for the sections those lines belong to.
 */
export async function provenDiffLines(
  lines: readonly string[],
  diff: VerboseDiff,
  wanted: readonly number[],
  cwd: string,
): Promise<Set<number>> {
  const proven = new Set<number>();
  const sectionsUsed = new Set<number>();
  for (const i of wanted) {
    const entry = diff.lines.get(i);
    if (entry) sectionsUsed.add(entry.section);
  }
  const ids = new Set<string>();
  for (const s of sectionsUsed) {
    const { pre, post } = diff.sections[s] ?? {};
    if (pre && !isZero(pre)) ids.add(pre);
    if (post && !isZero(post)) ids.add(post);
  }
  if (ids.size === 0) return proven;
  const [staged, blobs] = await Promise.all([stagedBlobs(cwd), readBlobs([...ids], cwd)]);
  const stagedIds = new Set([...ids].filter((id) => blobs.has(id) && [...staged].some((full) => full.startsWith(id))));
  const isStaged = (id: string | undefined): boolean => id !== undefined && stagedIds.has(id);
  for (const i of wanted) {
    const entry = diff.lines.get(i);
    if (!entry) continue;
    const { pre, post } = diff.sections[entry.section] ?? {};
    const content = trimEnd((lines[i] as string).slice(1));
    if (entry.kind === 'header') {
      if (isStaged(post) || (isZero(post) && pre !== undefined && blobs.has(pre))) proven.add(i);
    } else if (entry.kind === '-') {
      if (pre !== undefined && blobs.get(pre)?.has(content)) proven.add(i);
    } else if (isStaged(post) && post !== undefined && blobs.get(post)?.has(content)) {
      proven.add(i);
    }
  }
  return proven;
}

const trimEnd = (text: string): string => text.replace(/\s+$/, '');

/** Full ids of the blobs in the index (the one this commit is made from: git sets GIT_INDEX_FILE). */
async function stagedBlobs(cwd: string): Promise<Set<string>> {
  return new Set((await listIndex({ cwd })).map((record) => record.oid));
}

/** Each blob's lines (trailing blanks trimmed), by the id asked for; ids git cannot resolve are absent. */
async function readBlobs(ids: string[], cwd: string): Promise<Map<string, Set<string>>> {
  const objects = await readObjects(cwd, ids);
  const blobs = new Map<string, Set<string>>();
  ids.forEach((id, i) => {
    const object = objects[i];
    if (object?.type === 'blob') blobs.set(id, new Set(object.content.toString('utf8').split('\n').map(trimEnd)));
  });
  return blobs;
}
