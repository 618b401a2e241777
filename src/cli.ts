#!/usr/bin/env node
// Thin entry: pick the command, load only its module, turn errors into exit codes.
// Exit codes: 0 nothing found, 1 findings, 2 usage / config / git error.
import { enableCodeCache } from './codeCache.js';
import { UsageError } from './types.js';

// Only as the built bundle (dist/cli.js), whose command bundles sit in dist/commands.
if (typeof __filename === 'string' && __filename.endsWith('cli.js')) enableCodeCache(__dirname, VERSION);

type CommandModule = { run(argv: string[]): Promise<number> };

const commands: Record<string, () => Promise<CommandModule>> = {
  scan: () => import('./commands/scan.js'),
  install: () => import('./commands/install.js'),
  uninstall: () => import('./commands/uninstall.js'),
  fix: () => import('./commands/fix.js'),
  baseline: () => import('./commands/baseline.js'),
  hook: () => import('./commands/hook.js'),
  doctor: () => import('./commands/doctor.js'),
  verify: () => import('./commands/verify.js'),
  revoke: () => import('./commands/revoke.js'),
  rotate: () => import('./commands/rotate.js'),
  audit: () => import('./commands/audit.js'),
};
// `keyfence hook agent <name>`, a coding agent's hook: its own small bundle, apart from the git hooks'.
const agentHook = (): Promise<CommandModule> => import('./commands/agentHook.js');

const usage = `keyfence — keep API keys and secrets out of git

Usage:
  keyfence install [--pre-commit-only] [--no-commit-msg] [--no-pre-push] [--lint-staged]
                   [--no-publish-guard] [--force]
                                       wire the git hooks into this repository (and, in a package
                                       npm can publish, "keyfence scan --pack" into prepublishOnly)
  keyfence install --agents [--user]   guard coding agents (Claude Code, Cursor, Gemini CLI, Codex, ...)
  keyfence uninstall                   restore the hooks as they were
  keyfence doctor                      check that the hooks are installed and reachable
  keyfence scan --staged [paths...]    scan what is staged for commit
  keyfence scan <paths...>             scan files and directories on disk
  keyfence scan --history [revs...]    scan what each commit added (all refs, or a range)
  keyfence scan --pack [dir]           scan the files npm pack would publish from this package
  keyfence fix [--dry-run] [paths...]  move staged secrets into .env and read them from the environment
  keyfence baseline [--check|--prune] [paths...]
                                       accept the secrets already in the repository
  keyfence verify [paths... | --staged | --history [revs]] [--yes]
                                       ask each key's provider whether it is live (network, opt-in)
  keyfence revoke [paths... | --staged | --history [revs]] [--dry-run] [--yes]
                                       revoke leaked GitHub and OpenAI keys; the page and steps for others
  keyfence rotate <ENV_VAR> [--verify] put a new key in .env (from a hidden prompt or stdin), check the old
                                       one is gone from tracked files, the index and the baseline
  keyfence audit [--history] | --provider openai [--max-age-days 90]
                                       which keys the .env files hold; the organization's OpenAI keys

Options:
  --format text|json|sarif             output format (default text)
  -h, --help                           show help for a command
  -v, --version                        print the version

Exit codes: 0 nothing found, 1 secrets found, 2 usage, config or git error.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(usage + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === 'hook' && rest[0] === 'agent') return (await agentHook()).run(rest.slice(1));
  const load = commands[name];
  if (!load) throw new UsageError(`unknown command "${name}". Run "keyfence --help" for the list.`);
  return (await load()).run(rest);
}

declare const VERSION: string;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`keyfence: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`keyfence: internal error: ${message}\n`);
    }
    // A hook that fails must still say how to get past it (hook.ts does so for errors it catches).
    if (process.argv[2] === 'hook' && process.argv[3] !== 'agent') process.stderr.write('keyfence stopped this git operation; to bypass the check once, add --no-verify (git commit --no-verify, git push --no-verify)\n');
    process.exitCode = 2;
  },
);
