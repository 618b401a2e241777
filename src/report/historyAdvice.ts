// What to do when a secret is already in committed history. Leads the report of a history scan: the
// usual "move it to an environment variable" is not enough once a key is in a commit, because the old
// commit keeps it (and every clone and fork of it) until the key is revoked and the history rewritten.
import type { Finding } from '../types.js';
import type { Style } from './style.js';
import { COMMIT_MESSAGE_FILE } from '../source/historyPatch.js';

const plain: Pick<Style, 'bold' | 'cyan'> = { bold: (s) => s, cyan: (s) => s };

/** Lines for the top of a report whose findings come from commits; empty when none do. */
export function committedSecretAdvice(findings: readonly Finding[], style: Pick<Style, 'bold' | 'cyan'> = plain): string[] {
  const committed = findings.filter((f) => f.commit);
  if (committed.length === 0) return [];
  const commits = new Set(committed.map((f) => f.commit?.sha)).size;
  const providers = revokeTargets(committed);
  const lines = [
    style.bold(
      `${committed.length === 1 ? 'This secret is' : 'These secrets are'} in ${commits === 1 ? 'a commit' : `${commits} commits`}. ` +
        `Deleting the line in a new commit does not remove ${committed.length === 1 ? 'it' : 'them'}: every clone keeps the old commit. Do this now:`,
    ),
    '  1. Revoke and rotate each key at its provider (assume it is compromised if the commit was ever pushed):',
  ];
  for (const [description, url] of providers)
    lines.push(`       ${description}: ${url ? style.cyan(url) : 'at the provider that issued it'}`);
  lines.push(
    '  2. Put the new key in an environment variable, never in the code (each finding below says which).',
    '  3. Remove the old key from history, then force-push and have collaborators re-clone:',
    '       git filter-repo --replace-text <file listing the key>   (or: bfg --replace-text <file>)',
    '       a whole file that should never have been committed (.env): git filter-repo --invert-paths --path <file>',
    ...(committed.some((f) => f.file === COMMIT_MESSAGE_FILE)
      ? ['       a key in a commit message: git filter-repo --replace-message <file listing the key>']
      : []),
    '     Forks, caches and clones made before keep it: only step 1 protects you.',
    '',
  );
  return lines;
}

/** Each kind of key among the findings once, with the page where it is revoked. */
export function revokeTargets(findings: readonly Finding[]): Array<[string, string | undefined]> {
  const seen = new Map<string, string | undefined>();
  for (const f of findings) if (!seen.has(f.description)) seen.set(f.description, f.revokeUrl);
  return [...seen];
}
