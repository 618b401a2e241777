// `keyfence uninstall`: take keyfence out of the git hooks and put back what was there before.
import { parseCommandArgs } from './args.js';
import { uninstall } from '../install/index.js';
import { displayPath, formatResults, relativizePaths } from '../install/format.js';

const help = `Usage: keyfence uninstall [--agents [--agent <name>] [--user]]

Removes keyfence from this repository's git hooks (or its lines from husky's hook files and its
lint-staged task, and the npm publish guard from package.json's prepublishOnly) and puts back, byte for byte, any hook that keyfence had chained or set aside.
Lines you added to keyfence's hook files are kept. A hook file whose keyfence block lost its closing
line is left as it is, with instructions, and the command exits 2.

With --agents: takes keyfence's entries out of the coding agents' settings (the project's, or the
user's with --user) exactly as they were added; a settings file keyfence created is removed.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('uninstall', argv, {
    agents: { type: 'boolean' },
    agent: { type: 'string', multiple: true },
    user: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  if (positionals.length > 0) {
    process.stderr.write(`keyfence: uninstall takes no arguments (got "${positionals.join(' ')}").\n`);
    return 2;
  }
  const cwd = process.cwd();
  if (values.agents || values.agent || values.user) {
    const { uninstallAgents, formatAgentReport } = await import('../agents/install.js');
    const agents = await uninstallAgents({ cwd, scope: values.user ? 'user' : 'project', agents: values.agent });
    process.stdout.write(formatAgentReport(cwd, 'keyfence: agent guard uninstall', agents));
    return agents.results.some((r) => r.outcome === 'damaged') ? 2 : 0;
  }
  const report = await uninstall(cwd);
  const lines = ['keyfence: uninstall', ...formatResults(cwd, report.results), ...report.notes.map((note) => `Note: ${relativizePaths(cwd, note)}`)];
  const guard = report.publishGuard;
  if (guard?.outcome === 'removed') lines.push(`Note: removed "keyfence scan --pack" from scripts.prepublishOnly in ${displayPath(cwd, guard.file)}`);
  if (guard?.outcome === 'manual') lines.push(`Note: ${displayPath(cwd, guard.file)}: ${guard.note ?? ''}`);
  process.stdout.write(lines.join('\n') + '\n');
  // A hook keyfence could not take out cleanly is a job left undone.
  return report.results.some((result) => result.outcome === 'damaged') ? 2 : 0;
}
