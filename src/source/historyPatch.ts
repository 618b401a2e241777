// Parses the output of `git log --cc -U0 --format=<NUL header>` line by line into, per commit and file,
// the lines that commit adds. Pure: lines in, callbacks out; knows nothing of processes or rules.
//
// Shape of the stream (one line per call, without the newline):
//   \0<sha>\0<parent shas>\0<author date>\0<author>     a commit header (no patch line starts with NUL)
//   <message lines>\0\0                               the commit message (git refuses NUL in messages)
//   diff --git a/x b/x | diff --cc x                     a file section (ordinary or combined diff)
//   --- a/x / +++ b/x / rename to x / Binary files ...   file headers
//   @@ -a,b +c,d @@ / @@@ -a,b -c,d +e,f @@@            hunk headers: the last `+` range is the result
//   "+", "-", " " (one column per parent), "\"           hunk lines
// In a combined diff (merge commit), a line is new only when every column says `+`: a line with a blank
// column exists in that parent and was scanned in that parent's own commit. This is what finds a key
// typed into a conflict resolution, which plain `git log -p` never shows.
//
// A file whose added lines outgrow the memory bound is handed on in windows (windows.ts) as they come,
// instead of whole. A binary file's section carries no lines: its blob ids (`index <old>..<new>`, full
// with --full-index) come out instead, for the caller to read the blobs.
import type { CommitInfo, Fragment } from '../types.js';
import { WindowedText } from './windows.js';

export interface AddedFile {
  commit: CommitInfo;
  file: string;
  /** 1-based line numbers in the new file, ascending, with their text. */
  lines: Array<[number, string]>;
  /** Set when the section was binary (see `blobs`) or a submodule: `lines` is then empty. */
  skip?: 'binary' | 'submodule';
  /** The blob ids of the section (`index` line): the first parent's version and the new one. */
  blobs?: { old: string; new: string };
}

/** The file name under which a commit message is scanned and reported. */
export const COMMIT_MESSAGE_FILE = '(commit message)';

export interface PatchParserOptions {
  /** Added lines of one file held at most (characters); past it, the file comes in windows (onWindow). */
  memoryBytes: number;
  /** Characters consecutive windows share (content.ts OVERLAP). */
  overlap: number;
  onFile: (file: AddedFile) => void;
  /** A window of a file too large to hold (see windows.ts). */
  onWindow?: (fragment: Fragment) => void;
  /** Every commit's message, with its line count preserved. */
  onMessage?: (commit: CommitInfo, message: string) => void;
  onCommit?: (commit: CommitInfo) => void;
}

type Mode = 'message' | 'between' | 'header' | 'hunk';

export class HistoryPatchParser {
  private commit: CommitInfo | undefined;
  private parents = 1;
  private mode: Mode = 'between';
  private current: AddedFile | undefined;
  private headerName: string | undefined;
  private bytes = 0;
  private nextLine = 0;
  /** The current file's windows, once its added lines outgrew the memory bound. */
  private windows: { text: WindowedText; line: number } | undefined;
  private message: string[] = [];

  constructor(private readonly options: PatchParserOptions) {}

  push(line: string): void {
    if (this.mode === 'message') {
      this.messageLine(line);
      return;
    }
    if (line.charCodeAt(0) === 0) {
      this.flush();
      this.startCommit(line);
      return;
    }
    if (this.mode === 'hunk') {
      if (this.hunkLine(line)) return;
    }
    if (line.startsWith('diff ')) {
      this.flush();
      this.startFile(line);
      return;
    }
    if (this.mode !== 'header' || !this.current) return;
    this.headerLine(line);
  }

  end(): void {
    this.flush();
  }

  private startCommit(line: string): void {
    const [, sha = '', parents = '', date = '', author = ''] = line.split('\0');
    this.commit = { sha, author, date };
    this.parents = Math.max(1, parents.split(' ').filter(Boolean).length);
    this.mode = 'message';
    this.message = [];
    this.options.onCommit?.(this.commit);
  }

  private messageLine(line: string): void {
    const end = line.endsWith('\0\0');
    const text = end ? line.slice(0, -2) : line;
    if (!end || text !== '') this.message.push(text);
    if (!end) return;
    this.mode = 'between';
    const message = this.message.join('\n');
    this.message = [];
    if (this.commit && message.trim() !== '') this.options.onMessage?.(this.commit, message);
  }

  private startFile(line: string): void {
    if (!this.commit) return;
    this.mode = 'header';
    this.headerName =
      line.startsWith('diff --cc ') || line.startsWith('diff --combined ')
        ? unquote(line.slice(line.indexOf(' ', 5) + 1))
        : nameFromGitHeader(line.slice('diff --git '.length));
    this.current = { commit: this.commit, file: this.headerName ?? '', lines: [] };
    this.bytes = 0;
    this.windows = undefined;
  }

  private headerLine(line: string): void {
    const current = this.current as AddedFile;
    if (line.startsWith('@@')) {
      this.startHunk(line);
    } else if (line.startsWith('+++ ')) {
      const name = stripPrefix(unquote(line.slice(4).replace(/\t$/, '')));
      if (name !== undefined) current.file = name;
    } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      current.file = unquote(line.slice(line.indexOf(' to ') + 4));
    } else if (line.startsWith('Binary files ')) {
      current.skip = 'binary';
    } else if (line.startsWith('index ')) {
      // `index <old>..<new>[ <mode>]`; a merge lists one old id per parent, comma-separated.
      const ids = /^index ([0-9a-f,]+)\.\.([0-9a-f]+)/.exec(line);
      if (ids) current.blobs = { old: (ids[1] as string).split(',')[0] as string, new: ids[2] as string };
      if (/^index \S+ 160000$/.test(line)) current.skip = 'submodule';
    } else if (/^(?:new file mode|new mode) 160000$/.test(line)) {
      current.skip = 'submodule';
    }
  }

  private startHunk(line: string): void {
    this.mode = 'hunk';
    // The result range is the last `+start[,count]` before the closing run of `@`.
    const close = line.indexOf(' @@', 2);
    const ranges = (close === -1 ? line : line.slice(0, close)).split(' ');
    const plus = ranges.reverse().find((r) => r.startsWith('+')) ?? '+0';
    this.nextLine = Number.parseInt(plus.slice(1), 10) || 0;
  }

  /** Returns false when the line is not part of the hunk (a new hunk, file or commit). */
  private hunkLine(line: string): boolean {
    if (line.startsWith('@@')) {
      this.startHunk(line);
      return true;
    }
    const first = line.charCodeAt(0);
    // '+' 43, '-' 45, ' ' 32, '\' 92
    if (first !== 43 && first !== 45 && first !== 32 && first !== 92) return false;
    if (first === 92) return true; // "\ No newline at end of file"
    const columns = this.parents;
    const prefix = line.slice(0, columns);
    if (prefix.includes('-')) return true; // not in the result
    const lineNumber = this.nextLine++;
    if (prefix !== '+'.repeat(columns)) return true; // context, or taken from a parent
    const current = this.current;
    if (!current || current.skip) return true;
    const text = line.slice(columns);
    this.bytes += text.length + 1;
    if (this.windows) this.addToWindows(lineNumber, text);
    else {
      current.lines.push([lineNumber, text]);
      if (this.bytes > this.options.memoryBytes) this.startWindows(current);
    }
    return true;
  }

  /** From here on, the file's added lines go through windows, starting with those held so far. */
  private startWindows(current: AddedFile): void {
    this.windows = {
      text: new WindowedText({
        base: { file: current.file, commit: current.commit },
        windowChars: this.options.memoryBytes,
        overlap: this.options.overlap,
        tracksAdded: false,
      }),
      line: 0,
    };
    for (const [lineNumber, text] of current.lines) this.addToWindows(lineNumber, text);
    current.lines = [];
  }

  /** Line `lineNumber` of the file, after empty lines for those this commit leaves as they were. */
  private addToWindows(lineNumber: number, text: string): void {
    const windows = this.windows as { text: WindowedText; line: number };
    if (lineNumber <= windows.line) return;
    const newlines = windows.line === 0 ? lineNumber - 1 : lineNumber - windows.line;
    for (let left = newlines; left > 0; left -= 65536) this.window(windows.text.push('\n'.repeat(Math.min(left, 65536))));
    this.window(windows.text.push(text));
    windows.line = lineNumber;
  }

  private window(fragments: Iterable<Fragment>): void {
    for (const fragment of fragments) this.options.onWindow?.(fragment);
  }

  private flush(): void {
    const current = this.current;
    const windows = this.windows;
    this.current = undefined;
    this.windows = undefined;
    this.mode = 'between';
    if (!current || current.file === '') return;
    if (windows) {
      this.window(windows.text.end());
      return;
    }
    if (current.lines.length === 0 && current.skip !== 'binary') return;
    this.options.onFile(current);
  }
}

/**
 * Text whose line N is the added line N of the file (other lines empty), so that findings carry the
 * file's real line numbers and a multi-line secret added in one piece stays contiguous.
 */
export function paddedText(lines: ReadonlyArray<readonly [number, string]>): string {
  const out: string[] = [];
  let at = 1;
  for (const [line, text] of lines) {
    if (line < at) continue;
    while (at < line) {
      out.push('');
      at++;
    }
    out.push(text);
    at++;
  }
  return out.join('\n');
}

/** `a/x` or `b/x` to `x`; `/dev/null` to undefined. */
function stripPrefix(name: string): string | undefined {
  if (name === '/dev/null') return undefined;
  return name.startsWith('a/') || name.startsWith('b/') ? name.slice(2) : name;
}

/**
 * The path of `diff --git a/<old> b/<new>`. Unquoted names may contain spaces, which makes the line
 * ambiguous in general; when old and new are equal (no rename) the halves have the same length. Renames
 * are resolved by the `rename to` line instead.
 */
function nameFromGitHeader(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const end = quotedEnd(rest);
    const second = rest.slice(end + 1).trimStart();
    return stripPrefix(unquote(second));
  }
  const n = rest.length;
  if ((n - 1) % 2 === 0) {
    const half = (n - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (a.startsWith('a/') && b.startsWith('b/') && a.slice(2) === b.slice(2)) return b.slice(2);
  }
  const at = rest.lastIndexOf(' b/');
  return at === -1 ? undefined : rest.slice(at + 3);
}

function quotedEnd(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting of a path (`"dir/ta\tb\303\274.txt"`), decoding octal bytes as UTF-8. */
export function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"') || name.length < 2) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
