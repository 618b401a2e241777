import { defineCommand } from '../spec.js';

export const verify = defineCommand({
  name: 'verify',
  usage: [
    [
      'keyfence verify [paths...]',
      "scan files and directories (default: .), then ask each key's provider whether it is live (network, opt-in)",
    ],
    ['keyfence verify --staged [paths...]', 'the same for what is staged'],
    ['keyfence verify --history [revs...]', 'the same for what each commit added (all refs, or a range)'],
  ],
  about:
    'For each finding of a provider keyfence can check (OpenAI, Anthropic, GitHub, AWS, Stripe, Slack and 20 more: docs/verify.md), keyfence asks that provider whether the key is live, with a request that reads and changes nothing and costs nothing. Each key goes only to its own provider, over HTTPS, in a header or the body, never in a URL. Verdicts: live, invalid, unknown (network error, rate limit, server error), not checked (no check for that kind of key).',
  positionals: 'paths (revisions with --history)',
  options: {
    staged: { type: 'boolean', help: 'verify the keys in what is staged' },
    history: { type: 'boolean', help: 'verify the keys each commit added' },
    format: { type: 'string', value: 'text|json|sarif', help: 'output format (default text)' },
    yes: { type: 'boolean', help: 'send the requests without asking (required off a terminal)' },
    verbose: { type: 'boolean', help: 'print each request (masked) on standard error' },
  },
  conflicts: [{ first: ['staged'], second: ['history'], why: 'each picks what to scan; run them one at a time' }],
  notes:
    "Environment:\n  KEYFENCE_ENDPOINT_<PROVIDER>=<origin>  send a provider's requests elsewhere (a proxy, a mirror, tests), e.g. KEYFENCE_ENDPOINT_OPENAI=http://127.0.0.1:8080\n  KEYFENCE_VERIFY_TIMEOUT_MS  time limit of one request (default 10000)\n\nExit codes: 0 no secrets, or every one checked and invalid; 1 a key is live, or could not be checked (unknown, not checked); 2 usage, config or git error, or the requests were not confirmed.",
});
