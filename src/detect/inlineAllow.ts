// Inline markers: a `keyfence:allow` comment accepts one finding, the one it sits next to.
//
// - `keyfence:allow` allows the finding right before it on its line (the nearest one that ends before
//   the marker); when no finding comes before it on its line, the first one after its comment on that
//   line (`/* keyfence:allow */ key = "..."`).
// - `keyfence:allow-next-line` allows the first finding that starts on the next line.
// - The marker must be in a comment of the file's language (commentSyntax.ts): the same text in a
//   string literal allows nothing. In a commit message, which has no comments, the marker stands alone.
//
// One marker never allows more than one finding, so a marker in a minified bundle or on a line full of
// keys cannot hide the rest of the line. Markers are found once per text (most texts have none).
import type { Match } from '../types.js';
import type { LineIndex } from './lines.js';
import { commentSyntaxFor, LineComments, type CommentSpan } from './commentSyntax.js';
import { firstIndex } from './sorted.js';

const ALLOW_MARKER = 'keyfence:allow';
const NEXT_LINE_MARKER = `${ALLOW_MARKER}-next-line`;

export interface InlineAllowed {
  /** The matches no marker allows, in the order given. */
  kept: Match[];
  /** How many matches markers allowed. */
  allowed: number;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$-]/.test(c);

/** Applies the markers of `text` to its matches (sorted by start, not overlapping). */
export function applyInlineAllows(text: string, lines: LineIndex, matches: Match[], file: string | undefined): InlineAllowed {
  let at = matches.length === 0 ? -1 : text.indexOf(ALLOW_MARKER);
  if (at === -1) return { kept: matches, allowed: 0 };
  const syntax = commentSyntaxFor(file);
  const allowed = new Set<Match>();
  let comments: LineComments | undefined;
  let commentsLine = -1;
  for (; at !== -1; at = text.indexOf(ALLOW_MARKER, at + ALLOW_MARKER.length)) {
    const nextLine = text.startsWith(NEXT_LINE_MARKER, at);
    const end = at + (nextLine ? NEXT_LINE_MARKER : ALLOW_MARKER).length;
    // A marker is a word of its own: not `mykeyfence:allow`, `keyfence:allowed` or `keyfence:allow-x`.
    if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
    const lineStart = lines.startOfLineAt(at);
    const lineEnd = lines.endOfLineAt(at);
    let comment: CommentSpan | undefined;
    if (syntax.message) {
      comment = { start: at, end };
    } else {
      if (commentsLine !== lineStart) {
        comments = new LineComments(text, lineStart, lineEnd, syntax);
        commentsLine = lineStart;
      }
      comment = comments?.around(at);
    }
    if (!comment) continue;
    const target = nextLine ? firstOnNextLine(matches, lines, text, lineEnd) : besideMarker(matches, at, comment, lineStart, lineEnd);
    if (target) allowed.add(target);
  }
  if (allowed.size === 0) return { kept: matches, allowed: 0 };
  return { kept: matches.filter((m) => !allowed.has(m)), allowed: allowed.size };
}

/** The finding right before the marker on its line, else the first one after its comment on that line. */
function besideMarker(matches: Match[], marker: number, comment: CommentSpan, lineStart: number, lineEnd: number): Match | undefined {
  // Matches do not overlap, so sorted by start they are sorted by end too.
  const before = matches[firstIndex(matches, (m) => m.end > marker) - 1];
  if (before && before.end > lineStart) return before;
  const after = matches[firstIndex(matches, (m) => m.start >= comment.end)];
  return after && after.start < lineEnd ? after : undefined;
}

/** The first finding that starts on the line after the one ending at `lineEnd`. */
function firstOnNextLine(matches: Match[], lines: LineIndex, text: string, lineEnd: number): Match | undefined {
  const nextStart = lineEnd + 1;
  if (nextStart >= text.length) return undefined;
  const first = matches[firstIndex(matches, (m) => m.start >= nextStart)];
  return first && first.start <= lines.endOfLineAt(nextStart) ? first : undefined;
}

// A spelling of the marker that keyfence does not read, or another tool's marker: `keyfence: allow`,
// `KEYFENCE:ALLOW`, `keyfence-allow`, `keyfence allow next line`, `gitleaks:allow`. With the comment
// opener before it, if any, to quote it as the user wrote it.
const LOOKALIKE =
  /(?:(?:#|\/\/|--|\/\*|;|<!--)[ \t]*)?(?:\bkey[ \t_-]?fence[ \t]*[:=_.-]?[ \t]*allow(?:ed|s)?(?:[ \t_-]*next[ \t_-]*line)?\b|\bgitleaks:allow\b|\btrufflehog:ignore\b|\bpragma: ?allowlist secret\b)/gi;

/**
 * Why a finding's line did not allow it although it seems meant to: a marker spelled another way (which
 * stays not honoured: the gate does not widen for lookalikes), or the real marker where it allows
 * nothing. For the report's hint only; `lineText` is the finding's line, `secret` is kept out of it.
 */
export function allowMarkerHint(lineText: string, secret: string): string | undefined {
  const line = secret ? lineText.split(secret).join(' ') : lineText;
  let exact: string | undefined;
  for (const match of line.matchAll(LOOKALIKE)) {
    const written = match[0].trim();
    const marker = written.replace(/^(?:#|\/\/|--|\/\*|;|<!--)[ \t]*/, '');
    if (marker === ALLOW_MARKER || marker === NEXT_LINE_MARKER) {
      exact ??= marker;
      continue;
    }
    const meant = /next/i.test(marker) ? NEXT_LINE_MARKER : ALLOW_MARKER;
    const where = meant === NEXT_LINE_MARKER ? ', on the line before the secret' : '';
    return `This line has \`${written}\`, which keyfence does not recognise; write \`${meant}\` (lower case, no space) in a comment${where}.`;
  }
  if (exact === NEXT_LINE_MARKER)
    return `\`${NEXT_LINE_MARKER}\` allows the line after it; for a secret on its own line, write \`${ALLOW_MARKER}\`.`;
  if (exact === ALLOW_MARKER)
    return `This line's \`${ALLOW_MARKER}\` does not cover this finding: a marker counts only inside a comment of the file's language, and covers one finding.`;
  return undefined;
}
