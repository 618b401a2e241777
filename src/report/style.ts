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

export function createStyle(stream: { isTTY?: boolean }): Style {
  const env = process.env;
  const enabled = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : !env.NO_COLOR && Boolean(stream.isTTY) && env.TERM !== 'dumb';
  if (!enabled) return plainStyle;
  return { bold: wrap(1, 22), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), cyan: wrap(36, 39) };
}
