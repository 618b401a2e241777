// Runtime of the pre-commit hook (and of pre-merge-commit, and of pre-applypatch, its `git am`
// counterpart): scans exactly what is staged and prints the scan's text report (report/text.ts) on
// standard error. A clean commit prints nothing and loads only what the scan needs.
import { bypassOf } from '../install/operation.js';

export async function preCommit(argv: string[], operation: 'commit' | 'am'): Promise<number> {
  const [{ parseCommandArgs }, { allowReveal }, { assertStagedComplete }, { scanStaged }, { formatText }, { lazyStyle, onFirstUse }] =
    await Promise.all([
      import('../commands/args.js'),
      import('../commands/reveal.js'),
      import('../commands/completeness.js'),
      import('../scanners.js'),
      import('../report/text.js'),
      import('../report/style.js'),
    ]);
  const { values, positionals } = parseCommandArgs(`hook ${operation === 'am' ? 'pre-applypatch' : 'pre-commit'}`, argv, {
    'show-secrets': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  });
  // The report goes to stderr (git shows a hook's output there); a clean commit never touches it.
  const stderr = onFirstUse(() => process.stderr);
  const reveal = allowReveal(values, stderr, 'standard error');
  const result = await scanStaged({ paths: positionals });
  const report = formatText(result, { style: lazyStyle(stderr), mode: 'commit', reveal, bypass: bypassOf(operation), terminal: stderr });
  if (report) process.stderr.write(report);
  assertStagedComplete(result);
  const blocked = result.findings.some((f) => f.severity === 'block');
  if (blocked && operation === 'am') {
    process.stderr.write(
      'git am applied this patch to the index but did not commit it. Take the key out (git add the file), then\n' +
        '  git am --continue      (keyfence checks again)\n' +
        'or leave the patch out with git am --skip, or stop with git am --abort.\n',
    );
  }
  return blocked ? 1 : 0;
}
