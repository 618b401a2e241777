// The shapes that flow one way through keyfence:
//   source (Fragment) -> detect (Match) -> pipeline (Finding) -> report / remedy (text, JSON, SARIF)
// A source knows nothing of rules; detect knows nothing of git; reporters never see an unmasked secret
// unless the user asked for it.

export type Category =
  | 'openai'
  | 'ai-other'
  | 'cloud'
  | 'vcs'
  | 'comms'
  | 'payments'
  | 'saas'
  | 'private-key'
  | 'connection-string'
  | 'generic'
  | 'mcp-config'
  | 'client-exposed'
  | 'file';

/** A detection rule. Rules are data: the engine treats every rule alike. */
export interface Rule {
  /** Stable kebab-case id, e.g. `openai-project-key`. Used in config (`disable`) and in reports. */
  id: string;
  /** Human name shown in reports, e.g. "OpenAI project API key". */
  description: string;
  category: Category;
  /** Provider slug, e.g. `openai`, `aws`, `github`. */
  provider: string;
  /**
   * The pattern. The secret is the named group `secret` when present, else group 1, else the whole
   * match. The engine adds the `g` flag; do not rely on `lastIndex` state.
   */
  regex: RegExp;
  /**
   * Lowercase literals, at least one of which occurs in (or near) every match. The engine runs the
   * regex only where a keyword occurs, so a rule with a keyword that is not in its matches is a bug
   * (the rule tests check it). Empty means "always run" and is reserved for rare structural rules.
   */
  keywords: string[];
  /** Conventional environment variable for this secret, e.g. `OPENAI_API_KEY`. */
  envVar: string;
  /** Where the key is revoked or rotated. */
  revokeUrl?: string;
  /** Minimum Shannon entropy (bits per char) of the secret; lower is not reported. */
  minEntropy?: number;
  /** Extra check on the secret (checksums, markers, context). Returning false drops the match. */
  validate?: (secret: string, context: MatchContext) => boolean;
  /** True when matches may span lines (PEM blocks, JSON documents). */
  multiline?: boolean;
  /**
   * Where every match starts, relative to a keyword occurrence, for rules whose keywords are common
   * words (`key`, `token`, `password`): the engine then tries the regex only at those positions instead
   * of along the keyword's whole line (or, for multi-line rules, the text after it).
   * - `keyword`: at the keyword itself (the regex begins with it, after look-behinds at most).
   * - `keyword-word`: at the word that holds the keyword: at the word's first character, at the
   *   character before it (an opening quote) or one or two characters into it (after a leading `-` or
   *   `--`). A word is a run of `[A-Za-z0-9_$@.-]` and the keyword lies at most 64 characters into it.
   * Tests check that an anchored rule finds exactly what it finds unanchored.
   */
  anchor?: 'keyword' | 'keyword-word';
  /**
   * For an anchored rule: a cheap look at a start position before the regex is tried there. Returns the
   * first offset worth trying: `index` itself; `index + 1` when the regex cannot match at `index`; or a
   * later offset when no match starting before it can pass `validate` or reach it (the rest of a line
   * of code that only reads a `token`, say). Tests check the rule finds exactly what it finds without it.
   */
  precheck?: (text: string, index: number, file: string | undefined) => number;
  /**
   * A regex source (matched case-insensitively) that the line of a match's keyword always holds: for a
   * rule that knows a bare key by the name next to it, the name; for a call, its `("`. The engine
   * searches around a keyword only where the line holds it: `expo` occurs in every `export`,
   * `expo_token` rarely. Tests check the rule finds exactly what it finds without it.
   */
  keywordLine?: string;
  /**
   * For a multi-line rule whose matches span only a few lines (`name: X` then `value: Y`): how many
   * lines after its keyword's line a match may reach. Unset, a match may end up to 64 KiB past it.
   */
  reachLines?: number;
  /**
   * The files the rule applies to (a `.env` rule, say): when set, the rule runs only on texts whose path
   * passes, and never on a text with no path.
   */
  appliesTo?: (file: string) => boolean;
  /**
   * Set on rules from the user's configuration: where the rule is written (`.keyfence.json: rules[0]
   * ("acme-token")`), named in errors. Such a rule's regex runs under a time limit (detect/timeLimit.ts).
   */
  origin?: string;
  /** Examples checked by the rule tests. Positives are built at run time: no realistic literal in git. */
  examples: {
    /** Texts that must produce a finding of this rule (built from generators). */
    positive: () => string[];
    /** Texts that must not produce a finding of this rule. */
    negative: string[];
    /** Path the examples are scanned as, for rules that only apply to some files (e.g. `.env`). */
    file?: string;
  };
}

export interface MatchContext {
  /** The whole text being scanned. */
  text: string;
  /** Offset of the match in `text`. */
  index: number;
  /** The full regex match (may be wider than the secret). */
  match: string;
  /** File path when known (forward slashes), for path-sensitive rules. */
  file?: string;
  /** The named groups of the regex match, so a check need not parse the match again. */
  groups?: Record<string, string | undefined>;
}

/** A raw detection: pure output of `detect`, before config, allow-lists and staging are applied. */
export interface Match {
  ruleId: string;
  /** The unmasked secret. Never print this; use report/mask. */
  secret: string;
  /** 0-based offsets of the secret in the scanned text. */
  start: number;
  end: number;
  /** 1-based positions of the secret. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * Set when the secret was found decoded (detect/decode/): how it is written in the text, e.g.
   * `base64 in a Kubernetes Secret`. The span is then the encoded value's, and `secret` what it decodes to.
   */
  encoding?: string;
}

/** A file a path scan has listed and not read yet: whichever thread detects it reads it. */
export interface FileToRead {
  /** As reported: relative to the current directory, `/` separators. */
  file: string;
  absolute: string;
}

/** A piece of text from a source, with what is new in it. */
export interface Fragment {
  /** Path relative to the current directory (or repo root for git sources), `/` separators. */
  file: string;
  text: string;
  /**
   * 1-based line numbers that this change adds. `undefined` means every line counts as new (path
   * scans, history). A finding outside these lines is reported as a warning, not a block.
   */
  addedLines?: ReadonlySet<number>;
  /** Set by history sources. */
  commit?: CommitInfo;
  /** The path inside an archive this text comes from (nested archives joined by `!/`). */
  entry?: string;
  /** Set when the text is the printable strings of binary content: where its characters are in the bytes. */
  strings?: StringsMap;
  /** Set when the text is one window of a content read in parts (larger than the memory bound). */
  window?: FragmentWindow;
  /**
   * Which reading of the file this is, when the file has several (two plausible encodings, text and
   * printable strings, archive entries): a secret that two readings find is reported once.
   */
  reading?: string;
  /** Findings outside addedLines are dropped rather than warned about (a commit adds only those lines). */
  onlyAdded?: boolean;
  /** sha256 (hex) of a binary content the source was asked to digest (key stores), on an empty text. */
  digest?: string;
  /** The same for the version before this change, when there is one. */
  previousDigest?: string;
}

/**
 * Where each character of a strings text comes from: the run starting at `text[i]` (up to the next)
 * starts at byte `byte[i]` of the content, `stride[i]` bytes per character (1, or 2 for UTF-16).
 */
export interface StringsMap {
  text: number[];
  byte: number[];
  stride: number[];
}

/** A window of a large content: its place in the whole, and the matches it answers for. */
export interface FragmentWindow {
  /** Line and column (1-based) of the window's first character in the whole content. */
  line: number;
  column: number;
  /** Matches starting in [keepFrom, keepTo) of the window's text are its own; the others, a neighbour's. */
  keepFrom: number;
  keepTo: number;
}

export interface CommitInfo {
  sha: string;
  author: string;
  date: string;
}

/**
 * Something a source could not scan, or not fully (`not-fully-searched`: an archive entry it cannot
 * unpack, a compression it cannot read, a bound passed), said in the report instead of silently
 * skipped. `binary`, `too-large` and `symlink` are no longer produced: such files are searched.
 */
export interface Skipped {
  file: string;
  /** `ignored`: by the config's `ignore`; `git-ignored`: by git (path scans, unless --no-ignore). */
  reason: 'binary' | 'too-large' | 'symlink' | 'submodule' | 'unreadable' | 'ignored' | 'git-ignored' | 'not-fully-searched';
  detail?: string;
}

export type Severity = 'block' | 'warn';

export interface Finding {
  ruleId: string;
  description: string;
  category: Category;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The unmasked secret, kept in memory only. Reporters must mask it. */
  secret: string;
  /** The source line(s) holding the secret, unmasked; reporters mask the secret inside. */
  lineText: string;
  /** Stable id: hash of rule id and secret (not of file:line, which moves). */
  fingerprint: string;
  envVar: string;
  revokeUrl?: string;
  /** How to move the value to an environment variable, in the file's own language. */
  suggestion: string;
  /** True when `keyfence fix` can act on it (false for client-side code, binaries, files it cannot rewrite). */
  fixable?: boolean;
  /** `block` for secrets this change adds; `warn` for secrets already there. */
  severity: Severity;
  commit?: CommitInfo;
  /** For a secret inside an archive: the entry's path in it (nested archives joined by `!/`). */
  entry?: string;
  /**
   * For a secret in binary content: its offset in the bytes (of the entry, inside an archive). Line and
   * column then count in the printable strings keyfence read out of it.
   */
  byteOffset?: number;
  /** The secret was found decoded (Match.encoding): how it is written in the file. `keyfence fix` leaves it to the user. */
  encoding?: string;
}

export interface CustomRuleConfig {
  id: string;
  description?: string;
  regex: string;
  keywords?: string[];
  envVar?: string;
  revokeUrl?: string;
  minEntropy?: number;
}

export interface AllowEntry {
  /** The secret's hash under the baseline's hashing (config/baselineHash.ts), hex. */
  hash: string;
  /** Optional picomatch glob that limits the entry to some paths. */
  path?: string;
  comment?: string;
  /** Rule that found the secret when the entry was written (informational). */
  rule?: string;
  /** Masked preview of the secret (report/mask), so a reader can tell entries apart. */
  preview?: string;
}

export interface Config {
  /** Path globs (picomatch) that are never scanned. */
  ignore: string[];
  /** Regexes on the secret: a match is not reported. */
  allow: string[];
  /** Rule ids that are switched off. */
  disable: string[];
  /** Extra rules. */
  rules: CustomRuleConfig[];
  /** Secret hashes that are accepted (the baseline). */
  allowedSecrets: AllowEntry[];
  /**
   * How much of one file is held in memory: a larger file is read through the rules in windows of this
   * size (at least 1 MiB) instead of whole; archives are unpacked up to the larger of this and 64 MiB.
   * No file is skipped for its size.
   */
  maxFileBytes: number;
  /** Where the config came from, for error messages. */
  source?: string;
  /** Path of the baseline file relative to the config root (`/` separators). */
  baselineFile?: string;
  /** How `allowedSecrets` hashes were made; without it, version 1 (sha256). */
  baselineHashing?: BaselineHashing;
}

/** scrypt parameters of a version 2 baseline (config/baselineHash.ts). */
export interface ScryptParams {
  /** Hex. */
  salt: string;
  N: number;
  r: number;
  p: number;
}

/** Version 1: unsalted sha256 (still read, with a notice); version 2: scrypt with the baseline's salt. */
export type BaselineHashing = { version: 1 } | { version: 2; scrypt: ScryptParams };

/**
 * What the user's settings kept out of the report. Counted and printed so that no suppression is
 * silent: a config or a marker that hides a secret always leaves a trace in the report.
 */
export interface Suppressions {
  /** Findings allowed by a `keyfence:allow` comment in the file. */
  inline: number;
  /** Findings allowed by an `allow` pattern of the config. */
  allowPattern: number;
  /** Findings allowed by a baseline entry. */
  baseline: number;
  /** Files and folders not scanned because the config's `ignore` names them. */
  ignoredPaths: number;
  /** Findings of rules the config's `disable` switches off (they still run, last, to be counted). */
  disabledRules: number;
}

export interface ScanResult {
  findings: Finding[];
  skipped: Skipped[];
  /** What the config, the baseline and inline markers suppressed (the pipeline always sets it). */
  suppressed?: Suppressions;
  /** Number of fragments scanned. A hook that scanned nothing while something was staged is an error. */
  scanned: number;
  /** Baseline entries that matched nothing; set only by scans that cover the whole tree. */
  unusedAllowEntries?: AllowEntry[];
  /**
   * What the report must say about the configuration: a commit that widens it, a config file that is
   * not staged, a baseline to convert. Never a secret (config/notices.ts).
   */
  notices?: string[];
}

export type OutputFormat = 'text' | 'json' | 'sarif';

/** Thrown for problems the user must fix (exit 2): bad flags, bad config, not a repo, git failures. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
