// The help a user reads: `keyfence help`, `keyfence help <command>` and `keyfence <command> --help`,
// rendered from the command specs (spec.ts), so that every option a command parses is documented.
import type { CommandSpec, OptionSpec } from './spec.js';
import { wrapLine } from '../report/wrap.js';

/** Help reads best in a column of moderate width, even on a wide terminal. */
const HELP_WIDTH = 100;
/** The column where descriptions start, unless every synopsis is shorter. */
const WIDEST_LEFT = 38;

export const HELP_OPTION = ['-h, --help', 'show this help'] as const;

/** Rows of two columns; a left cell too wide for the column puts its description on the next line. */
function table(rows: ReadonlyArray<readonly [string, string]>, width: number): string[] {
  const column = Math.min(WIDEST_LEFT, Math.max(...rows.map(([left]) => left.length)) + 2 + 2);
  const lines: string[] = [];
  for (const [left, right] of rows) {
    const cell = `  ${left}`;
    if (cell.length + 1 >= column) {
      lines.push(cell);
      lines.push(...wrapLine(' '.repeat(column) + right, width, column));
    } else {
      lines.push(...wrapLine(cell.padEnd(column) + right, width, column));
    }
  }
  return lines;
}

const paragraphs = (text: string, width: number): string[] => text.split('\n').flatMap((line) => wrapLine(line, width));

const optionLabel = (name: string, option: OptionSpec): string =>
  `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value ?? '<value>'}` : ''}`;

/** The help of one command. */
export function commandHelp(spec: CommandSpec, terminalColumns?: number): string {
  const width = Math.min(HELP_WIDTH, terminalColumns ?? HELP_WIDTH);
  const out = ['Usage:', ...table(spec.usage, width)];
  if (spec.about) out.push('', ...paragraphs(spec.about, width));
  const options = Object.entries(spec.options).map(([name, option]) => [optionLabel(name, option), option.help] as const);
  out.push('', 'Options:', ...table([...options, HELP_OPTION], width));
  if (spec.notes) out.push('', ...paragraphs(spec.notes, width));
  return `${out.join('\n')}\n`;
}

/** `keyfence help`: every command's usage lines, the global options and the exit codes. */
export function generalHelp(specs: readonly CommandSpec[], terminalColumns?: number): string {
  const width = Math.min(HELP_WIDTH, terminalColumns ?? HELP_WIDTH);
  const usage = specs.filter((spec) => !spec.hidden).flatMap((spec) => spec.usage);
  const out = [
    'keyfence \u2014 keep API keys and secrets out of git',
    '',
    'Usage:',
    ...table([...usage, ['keyfence help <command>', "a command's options (or: keyfence <command> --help)"]], width),
    '',
    'Options:',
    ...table(
      [
        ['--format text|json|sarif', 'output format (default text)'],
        ['-h, --help', 'show help for a command'],
        ['-v, --version', 'print the version'],
      ],
      width,
    ),
    '',
    'Exit codes: 0 nothing found, 1 secrets found, 2 usage, config or git error.',
  ];
  return `${out.join('\n')}\n`;
}
