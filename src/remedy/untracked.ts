// Advice to untrack a file (`git rm --cached`) is for files git tracks. A path scan also reads files
// git does not track (a local .env, with --no-ignore): for those the advice says what holds instead.
import type { Finding } from '../types.js';
import { trackedAndIgnored } from '../git/ignored.js';
import { quotePath } from '../detect/sensitiveFiles.js';

const UNTRACK = 'git rm --cached';

/** Rewrites, in place, the untrack advice of findings in files git does not track (paths relative to `cwd`). */
export function adviseByTracking(findings: readonly Finding[], cwd: string): void {
  const files = [...new Set(findings.filter((f) => f.suggestion.includes(UNTRACK)).map((f) => f.file))];
  if (files.length === 0) return;
  const status = trackedAndIgnored(cwd, files);
  for (const finding of findings) {
    if (!finding.suggestion.includes(UNTRACK)) continue;
    if (status?.tracked.has(finding.file)) continue;
    const file = quotePath(finding.file);
    if (status?.ignored.has(finding.file)) {
      finding.suggestion = `${file} is git-ignored and not tracked, so no commit takes it: keep it that way. If the key was ever shared, rotate it.`;
    } else if (status) {
      finding.suggestion = `${file} is not tracked yet: add it to .gitignore before anything stages it (a .env.example with the names alone can be committed instead).`;
    } else {
      finding.suggestion = `${file} is not in a git work tree: keep it out of any repository, and rotate the key if it was ever shared.`;
    }
  }
}
