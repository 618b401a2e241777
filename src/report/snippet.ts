// The line that holds a secret, masked, and cut to a readable width around the secret (minified
// bundles have lines of megabytes). Control characters are made visible so that a line (or a file
// name) cannot rewrite the terminal it is printed to.
import type { Finding } from '../types.js';
import { collapseMarked, maskSecret } from './mask.js';
import { offsetInLineText } from './lineText.js';

/** The widest a snippet gets, and the narrowest it is cut to on a narrow terminal. */
const WIDTH = 120;
const NARROWEST = 40;

export interface Snippet {
  text: string;
  /** 0-based column of the masked secret within `text`, and its width, for an underline. */
  markerStart: number;
  markerWidth: number;
}

export type SnippetSource = Pick<Finding, 'lineText' | 'secret' | 'line' | 'column' | 'endLine' | 'endColumn'>;

export interface SnippetOptions {
  /** Show the secret as it is (`--show-secrets`). */
  reveal?: boolean;
  /** Columns the snippet may take (a terminal's width less the gutter); at most 120, at least 40. */
  width?: number;
}

/**
 * Masks the finding's whole span on its first line, not just `secret.length` characters: a key split
 * into concatenated literals spans more text than the key itself.
 */
export function maskedSnippet(finding: SnippetSource, options: SnippetOptions = {}): Snippet {
  const { lineText, secret } = finding;
  // lineText may be a window of a very long line (report/lineText.ts): map the columns into it.
  const start = Math.min(lineText.length, offsetInLineText(finding.column));
  const end =
    finding.endLine === finding.line
      ? Math.min(lineText.length, Math.max(start, start + finding.endColumn - finding.column))
      : lineText.length;
  // Other secrets on the line are marked at their own length (lineText.ts): collapsed here to a mask.
  const hide = (s: string) => collapseMarked(options.reveal ? s : s.split(secret).join(maskSecret(secret)));
  const before = visible(hide(lineText.slice(0, start)));
  const after = visible(hide(lineText.slice(end)));
  const shown = visible(options.reveal ? lineText.slice(start, end) : maskSecret(secret));
  let text = `${before}${shown}${after}`;
  let markerStart = before.length;
  const width = Math.max(NARROWEST, Math.min(WIDTH, options.width ?? WIDTH));
  if (text.length > width) {
    // Some context before the secret: up to a third of the width.
    const from = Math.max(0, markerStart - Math.floor(width / 3));
    // Room for the ellipses; never cut the secret itself (a revealed one can be longer than the width).
    const to = Math.min(text.length, Math.max(from + width - (from > 0 ? 2 : 1), markerStart + shown.length));
    text = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
    markerStart = markerStart - from + (from > 0 ? 1 : 0);
  }
  return { text, markerStart, markerWidth: shown.length };
}

// C0 controls (tab is shown as a space), DEL and the C1 range, which includes the 8-bit CSI.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** Text safe to print on a terminal: tabs become spaces, other control characters `\xNN` escapes. */
export function visible(text: string): string {
  return text
    .replace(/\t/g, ' ')
    .replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
