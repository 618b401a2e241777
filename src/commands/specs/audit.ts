import { defineCommand } from '../spec.js';

export const audit = defineCommand({
  name: 'audit',
  usage: [
    [
      'keyfence audit [--history]',
      "the keys the repository's .env files hold: masked, provider and kind (an OpenAI legacy sk- key reaches the whole account, a project or service-account key one project), and whether git ignores the file; --history adds what a history scan finds",
    ],
    [
      'keyfence audit --provider openai',
      "the organization's OpenAI keys through the Admin API (needs OPENAI_ADMIN_KEY): age, last use, and flags",
    ],
  ],
  options: {
    provider: { type: 'string', value: 'openai', help: "audit the provider's keys instead of the .env files" },
    history: { type: 'boolean', help: 'add what a history scan finds' },
    format: { type: 'string', value: 'text|json', help: 'output format (default text)' },
    'max-age-days': { type: 'string', value: '<n>', help: 'flag keys older than this (default 90)' },
    'unused-days': { type: 'string', value: '<n>', help: 'flag keys not used for this long (default 30)' },
    yes: { type: 'boolean', help: 'with --provider: contact the provider without asking (required off a terminal)' },
  },
  conflicts: [{ first: ['provider'], second: ['history'], why: '--history audits the repository, --provider the organization' }],
  notes:
    'Flags (--provider openai): older than --max-age-days; unused (or never used) for --unused-days; owner no longer active in the project; admin key without expiry.\n\nExit codes: 0 nothing to act on; 1 a key is flagged, or a .env holding keys is tracked or not ignored by git, or history holds secrets; 2 usage error or not confirmed.',
});
