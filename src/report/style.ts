// Minimal ANSI styling, on only for a colour-capable terminal (NO_COLOR and FORCE_COLOR honoured).
export interface Style {
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const same = (s: string) => s;

/** No colours. */
export const plainStyle: Style = { bold: same, red: same, yellow: same, dim: same, cyan: same };

/**
 * A stand-in for process.stdout or process.stderr that builds the real stream only when asked whether
 * it is a terminal: Node builds those streams (and loads net or tty for them) on first use, which a
 * clean commit, printing nothing, would pay for nothing.
 */
export const onFirstUse = (
  stream: () => { isTTY?: boolean; columns?: number },
): { readonly isTTY?: boolean; readonly columns?: number } => ({
  get isTTY() {
    return stream().isTTY;
  },
  get columns() {
    return stream().columns;
  },
});

/** createStyle(stream), decided at the first styled string: a report with nothing in it never asks. */
export function lazyStyle(stream: { isTTY?: boolean }): Style {
  let style: Style | undefined;
  const real = (): Style => (style ??= createStyle(stream));
  return {
    bold: (s) => real().bold(s),
    red: (s) => real().red(s),
    yellow: (s) => real().yellow(s),
    dim: (s) => real().dim(s),
    cyan: (s) => real().cyan(s),
  };
}

export function createStyle(stream: { isTTY?: boolean }): Style {
  const env = process.env;
  const enabled =
    env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : !env.NO_COLOR && Boolean(stream.isTTY) && env.TERM !== 'dumb';
  if (!enabled) return plainStyle;
  return { bold: wrap(1, 22), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), cyan: wrap(36, 39) };
}
