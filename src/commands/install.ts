// `keyfence install`: wire keyfence into the repository's git hooks (see src/install/).
import { parseCommandArgs } from './args.js';
import { HOOK_NAMES, install, type HookName } from '../install/index.js';
import { displayPath, formatResults, relativizePaths } from '../install/format.js';
import { UsageError } from '../types.js';
import { PUBLISH_GUARD, type PublishGuardResult } from '../install/publishGuard.js';

const runByNpmLifecycle = (): boolean => ['prepare', 'postinstall', 'install'].includes(process.env.npm_lifecycle_event ?? '');

const help = `Usage: keyfence install [options]

Wires keyfence into this repository's git hooks: pre-commit and pre-merge-commit (block commits that
add secrets), commit-msg (the message), pre-push (every commit a push sends, tag messages, ref names),
and for git am pre-applypatch and applypatch-msg. With husky, keyfence adds a line to .husky/<hook>
(as the first command in the file); otherwise it writes the
hooks where git runs them (.git/hooks or core.hooksPath). A hook that is already there keeps running:
keyfence renames it to <hook>.keyfence-chained and runs it first. Installing twice changes nothing;
"keyfence uninstall" puts everything back as it was.

Options:
  --no-commit-msg     leave the commit-msg and applypatch-msg hooks out
  --no-pre-push       leave the pre-push hook out
  --pre-commit-only   only pre-commit, pre-merge-commit and pre-applypatch
  --lint-staged       add "keyfence scan --staged" to the project's lint-staged configuration
  --no-publish-guard  leave package.json alone: by default, in a package npm can publish (not
                      "private": true), keyfence puts "keyfence scan --pack" first in the
                      prepublishOnly script, so npm publish stops on a secret in the files it uploads
  --trust-remotes     let pre-push take every remote's tracking branches, as they are now, as what the
                      remote already holds (after a URL change, the hook scans what they hold until a
                      push passes; use this when the new URL is the same repository or a mirror)
  --agents            instead of git hooks, guard the coding agents this project uses (Claude Code,
                      Cursor, Gemini CLI, Codex CLI, GitHub Copilot, Windsurf): a tool call or prompt
                      with a secret is blocked with the fix (docs/agents.md)
  --agent <name>      guard this agent (repeatable; "all" for every one keyfence knows)
  --user              with --agents: the user's own agent settings instead of the project's
  --force             set an existing hook aside (kept for uninstall, no longer run) instead of chaining
                      it; needed for hooks that cannot be chained (a binary, a broken link) and for a
                      core.hooksPath outside the repository
  -h, --help          show this help

Skip the check once, deliberately: git commit --no-verify (git push --no-verify).
Run from an npm "prepare" script, problems (no git, a bare checkout) are warnings and exit 0.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('install', argv, {
    force: { type: 'boolean' },
    'no-commit-msg': { type: 'boolean' },
    'no-pre-push': { type: 'boolean' },
    'pre-commit-only': { type: 'boolean' },
    'lint-staged': { type: 'boolean' },
    'no-publish-guard': { type: 'boolean' },
    'trust-remotes': { type: 'boolean' },
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
    process.stderr.write(`keyfence: install takes no arguments (got "${positionals.join(' ')}"). Run "keyfence install --help".\n`);
    return 2;
  }
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
    report = await install({ cwd, hooks, force: Boolean(values.force), lintStaged: Boolean(values['lint-staged']), trustRemotes: Boolean(values['trust-remotes']), publishGuard: !values['no-publish-guard'] });
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
