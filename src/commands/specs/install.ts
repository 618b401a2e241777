import { defineCommand } from '../spec.js';

const HOOK_OPTIONS = ['pre-commit-only', 'no-commit-msg', 'no-pre-push', 'lint-staged', 'no-publish-guard', 'trust-remotes', 'force'];

export const install = defineCommand({
  name: 'install',
  usage: [
    [
      'keyfence install [--pre-commit-only] [--no-commit-msg] [--no-pre-push] [--lint-staged] [--no-publish-guard] [--force]',
      'wire the git hooks into this repository (and, in a package npm can publish, "keyfence scan --pack" into prepublishOnly)',
    ],
    ['keyfence install --agents [--agent <name>] [--user]', 'guard coding agents (Claude Code, Cursor, Gemini CLI, Codex, ...)'],
  ],
  about:
    'Wires keyfence into this repository\'s git hooks: pre-commit and pre-merge-commit (block commits that add secrets), commit-msg (the message), pre-push (every commit a push sends, tag messages, ref names), and for git am pre-applypatch and applypatch-msg. With husky, keyfence adds a line to .husky/<hook> (as the first command in the file); otherwise it writes the hooks where git runs them (.git/hooks or core.hooksPath). A hook that is already there keeps running: keyfence renames it to <hook>.keyfence-chained and runs it first. Installing twice changes nothing; "keyfence uninstall" puts everything back as it was.',
  options: {
    'no-commit-msg': { type: 'boolean', help: 'leave the commit-msg and applypatch-msg hooks out' },
    'no-pre-push': { type: 'boolean', help: 'leave the pre-push hook out' },
    'pre-commit-only': { type: 'boolean', help: 'only pre-commit, pre-merge-commit and pre-applypatch' },
    'lint-staged': { type: 'boolean', help: 'add "keyfence scan --staged" to the project\'s lint-staged configuration' },
    'no-publish-guard': {
      type: 'boolean',
      help: 'leave package.json alone: by default, in a package npm can publish (not "private": true), keyfence puts "keyfence scan --pack" first in the prepublishOnly script, so npm publish stops on a secret in the files it uploads',
    },
    'trust-remotes': {
      type: 'boolean',
      help: "let pre-push take every remote's tracking branches, as they are now, as what the remote already holds (after a URL change, the hook scans what they hold until a push passes; use this when the new URL is the same repository or a mirror)",
    },
    agents: {
      type: 'boolean',
      help: 'instead of git hooks, guard the coding agents this project uses (Claude Code, Cursor, Gemini CLI, Codex CLI, GitHub Copilot, Windsurf): a tool call or prompt with a secret is blocked with the fix (docs/agents.md)',
    },
    agent: {
      type: 'string',
      multiple: true,
      value: '<name>',
      help: 'guard this agent (repeatable; "all" for every one keyfence knows); implies --agents',
    },
    user: { type: 'boolean', help: "with --agents: the user's own agent settings instead of the project's" },
    force: {
      type: 'boolean',
      help: 'set an existing hook aside (kept for uninstall, no longer run) instead of chaining it; needed for hooks that cannot be chained (a binary, a broken link) and for a core.hooksPath outside the repository',
    },
  },
  conflicts: [
    { first: ['agents', 'agent', 'user'], second: HOOK_OPTIONS, why: 'the agent guard and the git hooks are installed by separate runs' },
  ],
  notes:
    'Skip the check once, deliberately: git commit --no-verify (git push --no-verify).\nRun from an npm "prepare" script, problems (no git, a bare checkout) are warnings and exit 0.',
});
