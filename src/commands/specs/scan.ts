import { defineCommand } from '../spec.js';
import { OUTPUT_FORMAT_NAMES } from '../../report/formats.js';

export const scan = defineCommand({
  name: 'scan',
  usage: [
    ['keyfence scan --staged [paths...]', 'scan what is staged for commit (only these paths, if given)'],
    ['keyfence scan [paths...]', 'scan files and directories on disk (default: .)'],
    ['keyfence scan --history [revs...]', 'scan what each commit added: all refs, or a range like main..HEAD'],
    [
      'keyfence scan --pack [dir]',
      'scan exactly the files `npm pack` would publish from the package in dir (default .), files git ignores included: a secret or a never-commit file (.env, a private key...) fails (exit 1); npm missing or failing fails too (exit 2). keyfence install runs it from prepublishOnly; npm publish --ignore-scripts skips it',
    ],
    ['keyfence scan --pre-commit [files]', "run as the pre-commit framework's hook (below)"],
  ],
  about:
    'With --pre-commit, keyfence works out the stage the pre-commit framework runs it in: in a commit, what the commit adds to these files; the commit message; the commits being pushed; run by hand, the files as they are on disk.',
  positionals: 'paths (revisions with --history)',
  options: {
    staged: { type: 'boolean', help: 'scan what is staged for commit' },
    history: { type: 'boolean', help: 'scan what each commit added (merge resolutions included)' },
    'pre-commit': { type: 'boolean', help: 'run as the pre-commit framework hook' },
    pack: { type: 'boolean', help: 'scan the files npm pack would publish' },
    format: { type: 'string', value: OUTPUT_FORMAT_NAMES.join('|'), help: 'output format (default text)' },
    'no-ignore': {
      type: 'boolean',
      help: 'path scans: also scan files git ignores (by default the untracked files .gitignore names are left out, and counted)',
    },
    'show-secrets': { type: 'boolean', help: 'print secrets unmasked (only to a terminal, unless --force)' },
    force: { type: 'boolean', help: 'with --show-secrets: print them even to a pipe or a file' },
  },
  conflicts: [
    { first: ['staged'], second: ['history', 'pre-commit', 'pack'], why: 'each picks what to scan; run them one at a time' },
    { first: ['history'], second: ['pre-commit', 'pack'], why: 'each picks what to scan; run them one at a time' },
    { first: ['pre-commit'], second: ['pack'], why: 'each picks what to scan; run them one at a time' },
    {
      first: ['no-ignore'],
      second: ['staged', 'history', 'pre-commit', 'pack'],
      why: '--no-ignore is for path scans; commits and packages are scanned as git and npm give them',
    },
  ],
  requires: { force: 'show-secrets' },
  notes:
    'On a terminal the text report is wrapped to its width, and --history shows its progress on standard error.\nEnvironment:\n  KEYFENCE_WORKERS=<n>  worker threads of a large path or history scan (default: one less than the cores; 0: one thread and one git process)\nExit codes: 0 nothing found, 1 secrets found, 2 usage, config or git error.',
});
