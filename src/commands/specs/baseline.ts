import { defineCommand } from '../spec.js';

export const baseline = defineCommand({
  name: 'baseline',
  usage: [['keyfence baseline [--check|--prune] [paths...]', 'accept the secrets already in the tracked files (or only under paths)']],
  positionals: 'paths',
  options: {
    check: { type: 'boolean', help: 'write nothing; exit 1 if the baseline is missing a secret or has unused entries' },
    prune: { type: 'boolean', help: 'drop entries that no longer match any secret (needs a scan of the whole repository)' },
  },
  notes:
    'The baseline (default .keyfence-baseline.json, or "baseline" in .keyfence.json) holds a salted scrypt hash of each accepted secret, never the secret. Entries keep their "comment" and "path" when re-run. A version 1 baseline (unsalted sha256) is converted by a run without paths.\nExit codes: 0 done (or up to date with --check), 1 --check found changes, 2 usage, config or git error.',
});
