// A never-commit file (detect/sensitiveFiles.ts: .env, private keys, registry credentials...) in the
// files a package publishes is a finding of its own, even with no key a rule can read in it: the
// registry serves it to everyone, and a version once published stays downloadable.
import { sha256Hex } from '../sha256.js';
import { sensitiveFileAdvice, sensitiveFileKind, type SensitiveFileKind, type WholeFileFinding } from './sensitiveFiles.js';

const LABELS: Partial<Record<SensitiveFileKind, string>> = {
  dotenv: '.env file',
  'private-key': 'Private key file',
  keystore: 'Key store',
  'package-credentials': 'Package-manager credentials',
  netrc: '.netrc file',
  'cloud-credentials': 'Cloud credentials file',
  'docker-config': 'Docker registry logins',
  kubeconfig: 'kubeconfig',
  'git-credentials': 'git credential store',
  'shell-history': 'Shell history',
  'password-file': 'Password file',
};

export const PUBLISHED_FILE_RULE_ID = 'published-sensitive-file';

/** A never-commit file in a package, reported like any whole-file finding (its hash stands for the secret). */
export type PublishedFileFinding = WholeFileFinding;

/** Whether the name alone may make `path` a never-commit file (its text then decides, for some). */
export function mayBeSensitive(path: string): boolean {
  return sensitiveFileKind(path) !== undefined || /\.(?:json|ya?ml)$/i.test(path);
}

/** The finding for a never-commit file among a package's files, or undefined for an ordinary file. */
export function publishedFileFinding(path: string, bytes: Uint8Array): PublishedFileFinding | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const info = sensitiveFileAdvice(path, text);
  if (!info) return undefined;
  return {
    ruleId: PUBLISHED_FILE_RULE_ID,
    description: `${LABELS[info.kind] ?? 'Never-commit file'} in the published package`,
    category: 'file',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    secret: `sha256:${sha256Hex(bytes)}`,
    envVar: '',
    suggestion:
      `${info.reason.replace(/;.*$/s, '.')} Everyone who installs the package gets it, and a published version stays in mirrors and caches even after npm unpublish: rotate any secret it holds. ` +
      'Keep it out of the package: list what should ship in package.json "files", or add it to .npmignore (npm reads .gitignore only when there is no .npmignore); `npm pack --dry-run` shows the list.',
  };
}
