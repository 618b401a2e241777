// `keyfence install`: wire keyfence into the repository's git hooks (see src/install/).
import { parseCommand } from './commandLine.js';
import { install as spec } from './specs/install.js';
import { HOOK_NAMES, install, type HookName } from '../install/index.js';
import { displayPath, formatResults, relativizePaths } from '../install/format.js';
import { UsageError } from '../types.js';
import { PUBLISH_GUARD, type PublishGuardResult } from '../install/publishGuard.js';

const runByNpmLifecycle = (): boolean => ['prepare', 'postinstall', 'install'].includes(process.env.npm_lifecycle_event ?? '');

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values } = parsed;
  if (values.agents || values.agent || values.user) {
    const { installAgents, formatAgentReport } = await import('../agents/install.js');
    const report = await installAgents({ cwd: process.cwd(), scope: values.user ? 'user' : 'project', agents: values.agent });
    process.stdout.write(formatAgentReport(process.cwd(), 'keyfence: agent guard', report));
    return 0;
  }
  const hooks = HOOK_NAMES.filter((hook: HookName) => {
    if (hook === 'pre-commit' || hook === 'pre-merge-commit' || hook === 'pre-applypatch') return true;
    if (values['pre-commit-only']) return false;
    const message = hook === 'commit-msg' || hook === 'applypatch-msg';
    return !(message && values['no-commit-msg']) && !(hook === 'pre-push' && values['no-pre-push']);
  });
  const cwd = process.cwd();
  let report;
  try {
    report = await install({
      cwd,
      hooks,
      force: Boolean(values.force),
      lintStaged: Boolean(values['lint-staged']),
      trustRemotes: Boolean(values['trust-remotes']),
      publishGuard: !values['no-publish-guard'],
    });
  } catch (error) {
    // From `npm install` (a "prepare" script), a tarball or CI checkout without .git must not fail the install.
    if (error instanceof UsageError && runByNpmLifecycle()) {
      process.stderr.write(`keyfence: hooks not installed: ${error.message}\n`);
      return 0;
    }
    throw error;
  }
  const where = report.target.kind === 'husky' ? `husky (${displayPath(cwd, report.target.dir)})` : displayPath(cwd, report.target.dir);
  const lines = [`keyfence: git hooks in ${where}`, ...formatResults(cwd, report.results)];
  if (report.publishGuard) lines.push(publishGuardLine(cwd, report.publishGuard));
  else if (values['no-publish-guard']) lines.push('keyfence: npm publish guard: left out (--no-publish-guard)');
  for (const note of report.notes) lines.push(`Note: ${relativizePaths(cwd, note)}`);
  if (report.results.length > 0) {
    lines.push(
      report.target.kind === 'husky' && report.localBin === 'node_modules/.bin/keyfence'
        ? 'husky runs keyfence from node_modules/.bin (or PATH).'
        : `The hooks run ${report.localBin} (from the work tree root), or keyfence on PATH.`,
    );
  }
  lines.push(
    `Skip the check once, deliberately: git commit --no-verify (git push --no-verify${report.publishGuard?.outcome === 'installed' || report.publishGuard?.outcome === 'unchanged' ? ', npm publish --ignore-scripts' : ''}). Remove: keyfence uninstall.`,
  );
  process.stdout.write(lines.join('\n') + '\n');
  for (const warning of report.warnings) process.stderr.write(`keyfence: warning: ${relativizePaths(cwd, warning)}\n`);
  return 0;
}

function publishGuardLine(cwd: string, result: PublishGuardResult): string {
  const where = displayPath(cwd, result.file);
  switch (result.outcome) {
    case 'installed':
      return `keyfence: npm publish guard: "${PUBLISH_GUARD}" runs first in scripts.prepublishOnly (${where})`;
    case 'unchanged':
      return `keyfence: npm publish guard: already in scripts.prepublishOnly (${where})`;
    case 'not-publishable':
      return `keyfence: npm publish guard: not needed (${result.note})`;
    default:
      return `keyfence: npm publish guard: not installed: ${result.note ?? ''} (${where})`;
  }
}
