// `keyfence uninstall`: take keyfence out of the git hooks and put back what was there before.
import { parseCommand } from './commandLine.js';
import { uninstall as spec } from './specs/uninstall.js';
import { uninstall } from '../install/index.js';
import { displayPath, formatResults, relativizePaths } from '../install/format.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values } = parsed;
  const cwd = process.cwd();
  if (values.agents || values.agent || values.user) {
    const { uninstallAgents, formatAgentReport } = await import('../agents/install.js');
    const agents = await uninstallAgents({ cwd, scope: values.user ? 'user' : 'project', agents: values.agent });
    process.stdout.write(formatAgentReport(cwd, 'keyfence: agent guard uninstall', agents));
    return agents.results.some((r) => r.outcome === 'damaged') ? 2 : 0;
  }
  const report = await uninstall(cwd);
  const lines = [
    'keyfence: uninstall',
    ...formatResults(cwd, report.results),
    ...report.notes.map((note) => `Note: ${relativizePaths(cwd, note)}`),
  ];
  const guard = report.publishGuard;
  if (guard?.outcome === 'removed')
    lines.push(`Note: removed "keyfence scan --pack" from scripts.prepublishOnly in ${displayPath(cwd, guard.file)}`);
  if (guard?.outcome === 'manual') lines.push(`Note: ${displayPath(cwd, guard.file)}: ${guard.note ?? ''}`);
  process.stdout.write(lines.join('\n') + '\n');
  // A hook keyfence could not take out cleanly is a job left undone.
  return report.results.some((result) => result.outcome === 'damaged') ? 2 : 0;
}
