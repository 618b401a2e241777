// `keyfence:allow` in a comment on the same line (in any comment syntax) suppresses findings on that
// line; `keyfence:allow-next-line` on the line before does the same for the next line.
import type { LineIndex } from './lines.js';

const ALLOW = 'keyfence:allow';

export function isAllowedInline(text: string, lines: LineIndex, start: number, end: number): boolean {
  const first = lines.lineAt(start);
  const last = lines.lineAt(Math.max(start, end - 1));
  for (let line = first; line <= last; line++) {
    const content = lines.lineText(line + 1);
    const at = content.indexOf(ALLOW);
    if (at !== -1 && !content.startsWith('-next-line', at + ALLOW.length)) return true;
  }
  if (first > 0 && lines.lineText(first).includes(`${ALLOW}-next-line`)) return true;
  void text;
  return false;
}
