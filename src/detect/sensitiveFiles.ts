// Files that should never be committed: .env files, private keys and key stores, package-manager and
// cloud credential files, kubeconfigs, shell histories, coding agents' own state. Pure functions of a path (and, when the name
// alone cannot tell, the text).
//
// The secrets inside such files are found by the normal rules, line by line (the generic rules use
// file-aware thresholds for .env files), so a finding points at the line that holds the secret. The
// file kind adds advice to those findings (untrack the file, ignore it) rather than a finding of its
// own, which would point at no secret. The exceptions are a binary key store (.p12, .pfx, .jks...),
// which no rule can read and which is secret material as a whole, and a coding agent's state (tokens,
// histories), which has no business in a repository whatever it holds: both are reported at line 1.
import { sha256Hex } from '../sha256.js';
import type { Category } from '../types.js';
import { isDotenvFile } from '../languages/dotenvFiles.js';

export type SensitiveFileKind =
  | 'dotenv'
  | 'private-key'
  | 'keystore'
  | 'package-credentials'
  | 'netrc'
  | 'cloud-credentials'
  | 'docker-config'
  | 'kubeconfig'
  | 'git-credentials'
  | 'shell-history'
  | 'password-file'
  | 'agent-state';

export interface SensitiveFile {
  kind: SensitiveFileKind;
  /** Why the file must not be in git, one sentence. */
  reason: string;
  /** What to do about it, with the commands for this path. */
  advice: string;
  /** True when the whole file is secret material that no rule can read (binary key stores). */
  wholeFileSecret: boolean;
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

const PRIVATE_KEY_MARKER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d+:/;

/** Text holds private key material (PEM, OpenSSH, PGP, PuTTY), not just certificates or public keys. */
export function hasPrivateKeyMaterial(text: string): boolean {
  return PRIVATE_KEY_MARKER.test(text);
}

const SSH_PRIVATE_KEY_NAMES = /^id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk|xmss)$/;
const KEYSTORE_EXTENSIONS = /\.(?:p12|pfx|jks|keystore|bks|jceks|kdbx|pkcs12)$/i;
const KEY_TEXT_EXTENSIONS = /\.(?:pem|key|ppk|asc|gpg|priv|private)$/i;

// A credential inside a package-manager or registry file that is a literal, not a `${VAR}` reference.
const NPMRC_CREDENTIAL = /(?:_authToken|_auth|_password)\s*=\s*(?!\s*\$\{)[^\s$]\S*/;
const YARNRC_CREDENTIAL = /npmAuth(?:Token|Ident)\s*:\s*["']?(?!\$\{)[^\s"'$]/;
const PASSWORD_LINE = /^\s*password\s*[=:]\s*(?!\$\{|%\()\S/im;

/**
 * What coding agents keep for one user on one machine: sign-in tokens, personal settings (with the
 * commands and variables the user allowed), prompt histories and transcripts. The agents' shared
 * project settings (`.claude/settings.json`, `.mcp.json`, `.cursor/mcp.json`, `.codex/config.toml`...)
 * are meant to be committed and are not listed.
 */
const AGENT_STATE = new RegExp(
  [
    String.raw`(?:^|/)\.claude/(?:settings\.local\.json|\.credentials\.json|history\.jsonl|projects/.+|shell-snapshots/.+|todos/.+)$`,
    String.raw`(?:^|/)\.claude\.json$`,
    String.raw`(?:^|/)\.cursor/(?:cli-config\.json|ide_state\.json|chats/.+|projects/.+|ai-tracking/.+)$`,
    String.raw`(?:^|/)\.config/cursor/.+$`,
    String.raw`(?:^|/)\.codex/(?:auth\.json|\.credentials\.json|history\.jsonl|sessions/.+|archived_sessions/.+|log/.+)$`,
    String.raw`(?:^|/)\.gemini/(?:oauth_creds\.json|google_accounts\.json|mcp-oauth-tokens\.json|tmp/.+)$`,
  ].join('|'),
);

/** A coding agent's per-user state file (see AGENT_STATE). */
export function isAgentStateFile(path: string): boolean {
  return AGENT_STATE.test(path.replace(/\\/g, '/'));
}

/** What kind of never-commit file `path` is, or undefined. `text` decides for ambiguous names. */
export function sensitiveFileKind(path: string, text?: string): SensitiveFileKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  const name = basename(normalized).toLowerCase();
  const lowerPath = normalized.toLowerCase();

  if (isAgentStateFile(normalized)) return 'agent-state';
  if (isDotenvFile(normalized)) return 'dotenv';
  if (KEYSTORE_EXTENSIONS.test(name)) return 'keystore';
  if (SSH_PRIVATE_KEY_NAMES.test(name)) return 'private-key';
  if (KEY_TEXT_EXTENSIONS.test(name)) return text === undefined || hasPrivateKeyMaterial(text) ? 'private-key' : undefined;
  if (name === '.npmrc') return text === undefined || NPMRC_CREDENTIAL.test(text) ? 'package-credentials' : undefined;
  if (name === '.yarnrc.yml') return text !== undefined && YARNRC_CREDENTIAL.test(text) ? 'package-credentials' : undefined;
  if (name === '.pypirc') return text === undefined || PASSWORD_LINE.test(text) ? 'package-credentials' : undefined;
  if (/(?:^|\/)\.gem\/credentials$/.test(lowerPath) || /(?:^|\/)\.cargo\/credentials(?:\.toml)?$/.test(lowerPath))
    return 'package-credentials';
  if (name === '.netrc' || name === '_netrc') return 'netrc';
  if (name === '.git-credentials') return 'git-credentials';
  if (/(?:^|\/)\.aws\/(?:.+\/)?credentials$/.test(lowerPath) || name === '.s3cfg' || name === '.boto') return 'cloud-credentials';
  if (name === 'application_default_credentials.json' || name === 'accesstokens.json') return 'cloud-credentials';
  if (
    name.endsWith('.json') &&
    text !== undefined &&
    /"type"\s*:\s*"service_account"/.test(text) &&
    /"private_key"\s*:\s*"-----BEGIN/.test(text)
  )
    return 'cloud-credentials';
  if (name === 'terraform.tfstate' || name.endsWith('.tfstate') || name.endsWith('.tfstate.backup')) return 'cloud-credentials';
  if (/(?:^|\/)\.docker\/config\.json$/.test(lowerPath)) return 'docker-config';
  if (/(?:^|\/)\.kube\/config$/.test(lowerPath) || name === 'kubeconfig' || name.endsWith('.kubeconfig')) return 'kubeconfig';
  if (/^\.(?:bash|zsh|sh|psql|mysql|sqlite|rediscli|node_repl|python)_history$/.test(name) || name === '.history') return 'shell-history';
  if (name === '.htpasswd' || name === '.pgpass' || name === '.my.cnf') return 'password-file';
  return undefined;
}

const REASONS: Record<SensitiveFileKind, string> = {
  dotenv: "A .env file holds this machine's configuration and secrets; it belongs in .gitignore, not in git.",
  'private-key': 'A private key file gives whoever reads it the identity it stands for.',
  keystore: 'A key store (PKCS#12, JKS) is a bundle of private keys: the whole file is secret material.',
  'package-credentials': 'This package-manager file holds a registry credential.',
  netrc: 'A .netrc file holds logins and passwords for remote hosts.',
  'cloud-credentials': 'This file holds cloud credentials (or, for Terraform state, the secrets of every resource).',
  'docker-config': "Docker's config.json holds registry logins.",
  kubeconfig: 'A kubeconfig holds cluster credentials (tokens, client keys).',
  'git-credentials': "git's credential store holds passwords and tokens in clear text.",
  'shell-history': 'A shell history records every command typed, secrets on command lines included.',
  'password-file': 'This file holds passwords or password hashes.',
  'agent-state':
    "This is a coding agent's own state for one user (sign-in tokens, personal settings with the commands and variables they allowed, prompt history or transcripts), which can hold keys.",
};

/** Where the secrets should live instead, per kind. */
const INSTEAD: Record<SensitiveFileKind, string> = {
  dotenv: 'Commit a .env.example with the variable names and empty values instead.',
  'private-key': "Keep keys in a secret manager or your CI's secret store, and rotate this one.",
  keystore: "Keep key stores in a secret manager or your CI's secret store, and rotate the keys inside.",
  'package-credentials': 'Read the token from an environment variable instead (e.g. `_authToken=${NPM_TOKEN}`), and revoke this one.',
  netrc: 'Keep it in your home directory, never in a repository, and change the passwords it holds.',
  'cloud-credentials': "Use the provider's credential chain (environment, instance roles) and rotate these keys.",
  'docker-config': 'Log in with `docker login` on each machine (or a credential helper) instead.',
  kubeconfig: 'Keep it in ~/.kube, never in a repository, and rotate its credentials.',
  'git-credentials': 'Use a credential helper that stores secrets in the OS keychain, and revoke these tokens.',
  'shell-history': 'Remove it from the repository and rotate any secret it shows.',
  'password-file': 'Keep it on the server it belongs to and change the passwords it holds.',
  'agent-state':
    "Share project settings through the agent's committed settings file instead (e.g. .claude/settings.json), and rotate any key it holds.",
};

/** Shell-quotes a path for the advice's commands when it needs it. */
export function quotePath(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * Everything the report needs to say about a never-commit file, or undefined when `path` is an
 * ordinary file. `text` is the file's content when known (it decides for .pem, .key, .npmrc...).
 */
export function sensitiveFileAdvice(path: string, text?: string): SensitiveFile | undefined {
  const kind = sensitiveFileKind(path, text);
  if (!kind) return undefined;
  const quoted = quotePath(path);
  const gitignoreEntry = kind === 'dotenv' ? '.env*' : quoted;
  const untrack = `Untrack it with \`git rm --cached ${quoted}\`, add \`${gitignoreEntry}\` to .gitignore${kind === 'dotenv' ? ' (and `!.env.example`)' : ''}, and commit that.`;
  return {
    kind,
    reason: REASONS[kind],
    advice: `${untrack} ${INSTEAD[kind]}`,
    wholeFileSecret: kind === 'keystore' || kind === 'agent-state',
  };
}

/**
 * A file that must not be committed whatever it holds: a binary key store (no rule can read it) or a
 * coding agent's state. It is reported as a whole, even when no rule finds anything in it.
 */
export function isWholeSecretFile(path: string): boolean {
  return KEYSTORE_EXTENSIONS.test(basename(path.replace(/\\/g, '/'))) || isAgentStateFile(path);
}

/** The rule-like description of a binary key-store finding, for pipelines that build findings. */
export const KEYSTORE_RULE = {
  id: 'sensitive-file-keystore',
  description: 'Binary key store (private keys) committed as a file',
  category: 'file' as Category,
  provider: 'file',
  envVar: 'KEYSTORE_BASE64',
};

/** The same for a coding agent's state file. */
export const AGENT_STATE_RULE = {
  id: 'sensitive-file-agent-state',
  description: "Coding agent's local state (tokens, personal settings, history) committed as a file",
  category: 'file' as Category,
  provider: 'file',
  envVar: '',
};

export interface WholeFileFinding {
  ruleId: string;
  description: string;
  category: Category;
  line: 1;
  column: 1;
  endLine: 1;
  endColumn: 1;
  /**
   * Stands in for the secret (for fingerprints and baselines): `sha256:<hex>` of the file's bytes, so
   * that a baseline entry accepts that exact file wherever it moves, and no other file at its path.
   */
  secret: string;
  envVar: string;
  suggestion: string;
}

/**
 * The finding for a binary key store at `path` (line 1), or undefined for any other file. `content`:
 * the file's bytes, or their sha256 (hex) when the reader computed it while streaming them.
 */
export function wholeFileFinding(path: string, content: Uint8Array | { sha256: string }): WholeFileFinding | undefined {
  if (!isWholeSecretFile(path)) return undefined;
  const digest = content instanceof Uint8Array ? sha256Hex(content) : content.sha256;
  const info = sensitiveFileAdvice(path) as SensitiveFile;
  const rule = info.kind === 'agent-state' ? AGENT_STATE_RULE : KEYSTORE_RULE;
  return {
    ruleId: rule.id,
    description: rule.description,
    category: rule.category,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    secret: `sha256:${digest}`,
    envVar: rule.envVar,
    suggestion: `${info.reason} ${info.advice}`,
  };
}

/**
 * One note per never-commit file among `files` (first occurrence wins, input order kept): what a
 * report prints once per file, under that file's findings.
 */
export function sensitiveFileNotes(files: Iterable<{ file: string; text?: string }>): Array<SensitiveFile & { file: string }> {
  const notes = new Map<string, SensitiveFile & { file: string }>();
  for (const { file, text } of files) {
    if (notes.has(file)) continue;
    const info = sensitiveFileAdvice(file, text);
    if (info) notes.set(file, { file, ...info });
  }
  return [...notes.values()];
}
