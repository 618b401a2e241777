// `keyfence help [command]`, `keyfence --help`, and what an unknown command gets: the closest ones.
// Its own bundle: the dispatcher (and so every git hook) never loads a help text.
import { COMMAND_SPECS } from './specs/index.js';
import { commandHelp, generalHelp } from './helpText.js';
import { closest, didYouMean } from './suggest.js';
import { terminalWidth } from '../report/wrap.js';
import { UsageError } from '../types.js';

/** `keyfence help` (exit 0), `keyfence help <command>`; with `--bare`, the general help for a bare `keyfence` (exit 2). */
export async function run(argv: string[]): Promise<number> {
  const columns = terminalWidth(process.stdout);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--bare') {
    process.stdout.write(generalHelp(COMMAND_SPECS, columns));
    return name === '--bare' ? 2 : 0;
  }
  if (rest.length > 0) throw new UsageError(`help takes one command (got "${argv.join(' ')}"). Run "keyfence help" for the list.`);
  const spec = COMMAND_SPECS.find((candidate) => candidate.name === name);
  if (!spec) throw unknownCommand(name, 'help');
  process.stdout.write(commandHelp(spec, columns));
  return 0;
}

/** The error for `keyfence <name>` when no command has that name. */
export function unknownCommand(name: string, context?: 'help'): UsageError {
  const names = COMMAND_SPECS.map((spec) => spec.name);
  // `keyfence --staged`: an option given where the command goes.
  const owners = name.startsWith('--')
    ? COMMAND_SPECS.filter((spec) => !spec.hidden && name.slice(2) in spec.options).map((spec) => `keyfence ${spec.name} ${name}`)
    : [];
  const suggestions = owners.length > 0 ? owners : closest(name, [...names, 'help']);
  return new UsageError(
    `${context === 'help' ? 'help: ' : ''}unknown command "${name}".${didYouMean(suggestions)} Run "keyfence --help" for the list.`,
  );
}
