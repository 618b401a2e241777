import { defineCommand } from '../spec.js';

export const fix = defineCommand({
  name: 'fix',
  usage: [['keyfence fix [--dry-run | --recover] [paths...]', 'move staged secrets into .env and read them from the environment']],
  about:
    'Moves secrets found in what is staged (or in the given paths) into .env, rewrites the code to read them from the environment, keeps .env git-ignored, adds the names to .env.example, and re-stages the changed files. Unstaged changes are kept.\n\nEvery value is written to a journal under .git (mode 600) before any file changes. If a fix is interrupted (Ctrl-C undoes it; a crash or kill -9 leaves the journal), the next keyfence fix finishes it first.',
  positionals: 'paths',
  options: {
    'dry-run': { type: 'boolean', short: 'n', help: 'show the changes as a diff (secrets and .env values masked) without making them' },
    recover: { type: 'boolean', help: 'only finish a fix that was interrupted' },
  },
  conflicts: [{ first: ['dry-run'], second: ['recover'], why: 'a dry run changes nothing, and --recover finishes a fix' }],
});
