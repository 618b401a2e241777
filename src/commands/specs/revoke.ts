import { defineCommand } from '../spec.js';

export const revoke = defineCommand({
  name: 'revoke',
  usage: [
    ['keyfence revoke [paths...]', 'revoke the keys found in files and directories (default: .); the page and steps for others'],
    ['keyfence revoke --staged [paths...]', '... in what is staged'],
    ['keyfence revoke --history [revs...]', '... in what each commit added'],
  ],
  about:
    "GitHub tokens (ghp_, github_pat_, gho_, ghu_, ghr_) are revoked through GitHub's credential revocation API (POST /credentials/revoke, no authentication; GitHub notifies the owner; it cannot be undone). OpenAI keys are deleted through the Admin API when OPENAI_ADMIN_KEY holds an admin key: keyfence lists the organization's project, service-account and admin keys, matches each key's redacted value locally (the leaked key is not sent), and deletes only when exactly one key matches, after showing it. Every other key: the page where it is revoked, and the steps.",
  positionals: 'paths (revisions with --history)',
  options: {
    staged: { type: 'boolean', help: 'revoke the keys in what is staged' },
    history: { type: 'boolean', help: 'revoke the keys each commit added' },
    'dry-run': { type: 'boolean', help: 'show what would be revoked; revoke nothing' },
    yes: { type: 'boolean', help: 'contact the providers and delete without asking (required off a terminal)' },
    verbose: { type: 'boolean', help: 'print each request (masked) on standard error' },
  },
  conflicts: [{ first: ['staged'], second: ['history'], why: 'each picks what to scan; run them one at a time' }],
  notes:
    'Environment:\n  OPENAI_ADMIN_KEY  an OpenAI admin key, to find and delete leaked OpenAI keys\n  KEYFENCE_ENDPOINT_GITHUB, KEYFENCE_ENDPOINT_OPENAI  other origins (a proxy, tests)\n\nExit codes: 0 every key found was revoked (or, with --dry-run, the plan was shown); 1 some key is not revoked (it needs the steps printed, or its revocation failed); 2 usage, config or git error, or not confirmed.',
});
