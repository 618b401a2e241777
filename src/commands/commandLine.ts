// A command's arguments, checked against its spec (spec.ts) before it does anything: an unknown option
// is an error with the closest known one, options that do not go together are an error (not one of
// them silently ignored), and --help prints the command's help. Every error is a UsageError: exit 2,
// nothing done.
import { parseCommandArgs } from './args.js';
import type { CommandSpec, OptionSpec, OptionValues } from './spec.js';
import { closest, didYouMean } from './suggest.js';
import { commandHelp } from './helpText.js';
import { terminalWidth } from '../report/wrap.js';
import { UsageError } from '../types.js';

export interface ParsedCommand<O extends Record<string, OptionSpec>> {
  values: OptionValues<O>;
  positionals: string[];
}

/**
 * Parses `argv` for the command. Returns undefined when it printed the command's help (`-h`, `--help`):
 * the command then returns 0.
 */
export function parseCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv: string[]): ParsedCommand<O> | undefined {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  if (flags.includes('--help') || flags.includes('-h')) {
    process.stdout.write(commandHelp(spec, terminalWidth(process.stdout)));
    return undefined;
  }
  rejectUnknownOptions(spec, flags);
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    options[name] = { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) };
  }
  const { values, positionals } = parseCommandArgs(spec.name, argv, options);
  const given = (name: string) => (values as Record<string, unknown>)[name] !== undefined;
  if (!spec.positionals && positionals.length > 0) {
    const asOption = closest(positionals[0] as string, Object.keys(spec.options)).map((name) => `--${name}`);
    throw new UsageError(`${spec.name} takes no arguments (got "${positionals.join(' ')}").${didYouMean(asOption)}${seeHelp(spec)}`);
  }
  for (const conflict of spec.conflicts ?? []) {
    const first = conflict.first.find(given);
    const second = conflict.second.find(given);
    if (first && second) {
      throw new UsageError(
        `${spec.name}: --${first} and --${second} do not go together${conflict.why ? `: ${conflict.why}` : ''}.${seeHelp(spec)}`,
      );
    }
  }
  for (const [option, needed] of Object.entries(spec.requires ?? {}) as Array<[string, string]>) {
    if (given(option) && !given(needed))
      throw new UsageError(`${spec.name}: --${option} means nothing without --${needed}.${seeHelp(spec)}`);
  }
  return { values: values as OptionValues<O>, positionals };
}

const seeHelp = (spec: CommandSpec) => ` Run "keyfence ${spec.name} --help" for usage.`;

/** An option the command does not know: an error naming the closest ones it does. */
function rejectUnknownOptions(spec: CommandSpec, flags: readonly string[]): void {
  const names = Object.keys(spec.options);
  const shorts = new Set(['h', ...Object.values(spec.options).flatMap((option) => (option.short ? [option.short] : []))]);
  for (let i = 0; i < flags.length; i++) {
    const arg = flags[i] as string;
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0] as string;
      const option = spec.options[name];
      if (option) {
        // A string option's value is the next argument, whatever it looks like.
        if (option.type === 'string' && !arg.includes('=')) i++;
        continue;
      }
      throw unknownOption(spec, arg.split('=')[0] as string, closest(name, [...names, 'help']));
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // `-stagged`: a long option typed with one dash reads as a cluster of short ones.
      const unknown = [...arg.slice(1)].find((letter) => !shorts.has(letter));
      if (unknown === undefined) continue;
      throw unknownOption(spec, arg.length > 2 ? arg : `-${unknown}`, arg.length > 2 ? closest(arg.slice(1), names) : []);
    }
  }
}

function unknownOption(spec: CommandSpec, written: string, suggestions: string[]): UsageError {
  return new UsageError(`${spec.name}: unknown option ${written}.${didYouMean(suggestions.map((name) => `--${name}`))}${seeHelp(spec)}`);
}
