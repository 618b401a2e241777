import { defineCommand } from '../spec.js';

/** What the installed hooks run. Documented here; parsed by src/commands/hook.ts, off the help path. */
export const hook = defineCommand({
  name: 'hook',
  hidden: true,
  usage: [
    ['keyfence hook pre-commit [paths...]', 'check what is staged (also pre-merge-commit, and pre-applypatch for git am)'],
    ['keyfence hook commit-msg <file>', 'check a commit message (also applypatch-msg)'],
    ['keyfence hook pre-push <remote> <url>', 'check the commits a push sends (refs on standard input)'],
    ['keyfence hook pre-receive', 'on a server: check the commits a push brings (docs/ci.md)'],
    ['keyfence hook agent <name>', "a coding agent's hook: the tool call or prompt on standard input (docs/agents.md)"],
  ],
  about:
    'The git hooks "keyfence install" writes run these; you do not need to. A hook that cannot check what it was given blocks with exit code 2 and says how to bypass it once (git commit --no-verify).',
  positionals: "the hook's arguments",
  options: {
    'show-secrets': { type: 'boolean', help: 'pre-commit: print secrets unmasked (only to a terminal, unless --force)' },
    force: { type: 'boolean', help: 'with --show-secrets: print them even to a pipe or a file' },
  },
});
