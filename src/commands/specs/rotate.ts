import { defineCommand } from '../spec.js';

export const rotate = defineCommand({
  name: 'rotate',
  usage: [
    [
      'keyfence rotate <ENV_VAR> [--env-file .env] [--verify] [--yes]',
      'put a new key in .env (from a hidden prompt or stdin) and check the old one is gone',
    ],
    [
      'keyfence rotate <ENV_VAR> --to gh [--gh-repo OWNER/REPO] [--gh-name NAME]',
      'also store it as a GitHub Actions secret (gh secret set)',
    ],
    [
      'keyfence rotate <ENV_VAR> --to vercel --vercel-env production|preview|development',
      'also store it as a Vercel environment variable (vercel env add)',
    ],
  ],
  about:
    'Replaces the value of ENV_VAR in .env with a new one, read from a prompt that does not echo (on a terminal) or from standard input (a pipe: printf %s "$NEW" | keyfence rotate OPENAI_API_KEY). Never from the command line. Then:\n  - prints where the old key is revoked (or run keyfence revoke);\n  - writes .env (which git must ignore), atomically: a crash leaves the old file or the new one;\n  - with --to, also stores it through your own gh / vercel CLI, on its standard input;\n  - drops the baseline entry of the old value, if there is one;\n  - searches every tracked file and the index for the old value and lists where it remains (masked).',
  positionals: 'the variable name',
  options: {
    'env-file': { type: 'string', value: '<path>', help: 'the .env file (default .env in the current directory)' },
    verify: {
      type: 'boolean',
      help: "ask the new key's provider whether it is live before writing it (network; asks first on a terminal, needs --yes elsewhere)",
    },
    yes: { type: 'boolean', help: 'with --verify: send the request without asking' },
    to: {
      type: 'string',
      multiple: true,
      value: 'gh|vercel',
      help: 'also store the new value there (repeatable): gh runs "gh secret set ENV_VAR", vercel runs "vercel env add ENV_VAR <env> --force"',
    },
    'gh-repo': { type: 'string', value: '<OWNER/REPO>', help: "with --to gh: the repository (default: gh's choice from the git remote)" },
    'gh-name': {
      type: 'string',
      value: '<NAME>',
      help: 'with --to gh: the secret name, when it is not ENV_VAR (GitHub refuses names that start with GITHUB_)',
    },
    'vercel-env': {
      type: 'string',
      multiple: true,
      value: 'production|preview|development',
      help: 'with --to vercel (required, repeatable): the Vercel environment',
    },
  },
  notes:
    'Exit codes: 0 rotated and the old value is nowhere in tracked files or the index; 1 rotated but the old value remains somewhere (listed), or a --to store failed or its CLI is missing (.env is written all the same), or --verify found the new key not live (then nothing is written); 2 usage error (bad name or value, .env not ignored by git, not confirmed).',
});
