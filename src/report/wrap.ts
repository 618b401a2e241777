// Fits text to a terminal's width: lines break at spaces only, so a URL, a path or a masked secret is
// never cut; a word longer than the width gets a line of its own. Off a terminal nothing is wrapped (a
// pipe, a file or a CI log keeps each line whole for grep; viewers wrap for themselves).

const SGR = /\u001b\[[0-9;]*m/g;
const LEADING = /^((?:\u001b\[[0-9;]*m)*)( *)/;
/** Below this, wrapping would make a column of single words: lines are left as they are. */
const NARROWEST = 20;

/** How many columns `text` takes on a terminal (colour codes take none). */
export const displayWidth = (text: string): number => text.replace(SGR, '').length;

/** The width to wrap to on this stream: its columns when it is a terminal, else none. */
export function terminalWidth(stream: { readonly isTTY?: boolean; readonly columns?: number }): number | undefined {
  if (!stream.isTTY) return undefined;
  const columns = stream.columns;
  return typeof columns === 'number' && columns > 0 ? columns : undefined;
}

/**
 * One line as lines of at most `width` columns (except a word longer than that). Continuation lines
 * are indented like the line itself, or by `hang` when given (a column of descriptions in a help text).
 */
export function wrapLine(line: string, width: number | undefined, hang?: number): string[] {
  if (width === undefined || width < NARROWEST || displayWidth(line) <= width) return [line];
  const leading = LEADING.exec(line) as RegExpExecArray;
  const indent = ' '.repeat(Math.min(hang ?? (leading[2] as string).length, Math.floor(width / 2)));
  const pieces = line.slice(leading[0].length).split(/( +)/);
  const lines: string[] = [];
  let current = leading[0] + (pieces[0] as string);
  let used = displayWidth(current);
  for (let i = 2; i < pieces.length; i += 2) {
    const separator = pieces[i - 1] as string;
    const word = pieces[i] as string;
    const size = displayWidth(word);
    if (size === 0 || used + separator.length + size <= width) {
      current += separator + word;
      used += separator.length + size;
    } else {
      lines.push(current);
      current = indent + word;
      used = indent.length + size;
    }
  }
  lines.push(current);
  return lines;
}

/** Every line of `text` wrapped to `width` (nothing changes without a width). */
export function wrapText(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}
