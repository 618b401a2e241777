#!/usr/bin/env node
// Thin entry: pick the command, load only its module, turn errors into exit codes.
// Exit codes: 0 nothing found, 1 findings, 2 usage / config / git error.
import { enableCodeCache } from './codeCache.js';
import { UsageError } from './types.js';
import type * as HelpModule from './commands/help.js';

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
// Help texts and did-you-mean: their own bundle, never loaded by a hook (src/commands/specs/).
const help = (): Promise<typeof HelpModule> => import('./commands/help.js');

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return (await help()).run(['--bare']);
  if (name === '-h' || name === '--help') return (await help()).run([]);
  if (name === 'help') return (await help()).run(rest);
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === 'hook' && rest[0] === 'agent') return (await agentHook()).run(rest.slice(1));
  if (name === 'hook' && (rest[0] === '-h' || rest[0] === '--help')) return (await help()).run(['hook']);
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) throw (await help()).unknownCommand(name);
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
    if (process.argv[2] === 'hook' && process.argv[3] !== 'agent')
      process.stderr.write(
        'keyfence stopped this git operation; to bypass the check once, add --no-verify (git commit --no-verify, git push --no-verify)\n',
      );
    process.exitCode = 2;
  },
);
