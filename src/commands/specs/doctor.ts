import { defineCommand } from '../spec.js';

export const doctor = defineCommand({
  name: 'doctor',
  usage: [['keyfence doctor', 'check that the hooks are installed and reachable, .env ignored']],
  about:
    'Checks, without changing anything, that keyfence really guards this repository: node is new enough, keyfence is installed where the hooks look for it, its hooks are where git runs hooks from (a core.hooksPath set after "keyfence install" silently bypasses them), and .env is git-ignored.',
  options: {},
  notes: 'Exit code 0 when all is well, 1 when something needs doing (each problem says what).',
});
