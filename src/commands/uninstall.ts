// `keyfence uninstall`: take keyfence out of the git hooks and put back what was there before.
import { parseCommandArgs } from './args.js';
import { uninstall } from '../install/index.js';
import { formatResults, relativizePaths } from '../install/format.js';

const help = `Usage: keyfence uninstall

Removes keyfence from this repository's git hooks (or its lines from husky's hook files and its
lint-staged task) and puts back, byte for byte, any hook that keyfence had chained or set aside.
Lines you added to keyfence's hook files are kept. A hook file whose keyfence block lost its closing
line is left as it is, with instructions, and the command exits 2.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('uninstall', argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  if (positionals.length > 0) {
    process.stderr.write(`keyfence: uninstall takes no arguments (got "${positionals.join(' ')}").\n`);
    return 2;
  }
  const cwd = process.cwd();
  const report = await uninstall(cwd);
  const lines = ['keyfence: uninstall', ...formatResults(cwd, report.results), ...report.notes.map((note) => `Note: ${relativizePaths(cwd, note)}`)];
  process.stdout.write(lines.join('\n') + '\n');
  // A hook keyfence could not take out cleanly is a job left undone.
  return report.results.some((result) => result.outcome === 'damaged') ? 2 : 0;
}
