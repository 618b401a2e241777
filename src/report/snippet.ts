// The line that holds a secret, masked, and cut to a readable width around the secret (minified
// bundles have lines of megabytes). Control characters are made visible so that a line (or a file
// name) cannot rewrite the terminal it is printed to.
import { maskSecret } from './mask.js';

const WIDTH = 120;

export interface Snippet {
  text: string;
  /** 0-based column of the masked secret within `text`, and its width, for an underline. */
  markerStart: number;
  markerWidth: number;
}

export interface SnippetOptions {
  /** Show the secret as it is (`--show-secrets`). */
  reveal?: boolean;
}

export function maskedSnippet(lineText: string, secret: string, column: number, options: SnippetOptions = {}): Snippet {
  const firstLineOfSecret = (secret.split('\n')[0] ?? '').replace(/\r$/, '');
  const masked = options.reveal ? firstLineOfSecret : maskSecret(secret);
  const start = locate(lineText, firstLineOfSecret, column);
  const pieces = firstLineOfSecret !== secret && firstLineOfSecret.length >= 8 ? [secret, firstLineOfSecret] : [secret];
  const hide = (s: string) => (options.reveal ? s : pieces.reduce((t, piece) => t.split(piece).join(masked), s));
  const before = visible(hide(lineText.slice(0, start)));
  const after = visible(hide(lineText.slice(start + firstLineOfSecret.length)));
  const shown = visible(masked);
  let text = `${before}${shown}${after}`;
  let markerStart = before.length;
  if (text.length > WIDTH) {
    const from = Math.max(0, markerStart - 40);
    // Never cut the secret itself (a revealed one can be longer than the width).
    const to = Math.min(text.length, Math.max(from + WIDTH, markerStart + shown.length));
    text = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
    markerStart = markerStart - from + (from > 0 ? 1 : 0);
  }
  return { text, markerStart, markerWidth: shown.length };
}

/**
 * Where the secret starts in `lineText`: at its column, unless the line was cut to a window around it
 * (report/lineText.ts), in which case it is searched for.
 */
function locate(lineText: string, first: string, column: number): number {
  const atColumn = Math.max(0, column - 1);
  if (lineText.startsWith(first, atColumn)) return atColumn;
  const found = lineText.indexOf(first);
  return found === -1 ? atColumn : found;
}

// C0 controls (tab is shown as a space), DEL and the C1 range, which includes the 8-bit CSI.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** Text safe to print on a terminal: tabs become spaces, other control characters `\xNN` escapes. */
export function visible(text: string): string {
  return text.replace(/\t/g, ' ').replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
