// The baseline: a committed list of accepted secrets, keyed on the sha256 of each secret (never the
// secret), so an entry survives moved lines and a different secret on the same line is still caught.
//
//   { "version": 1, "secrets": [ { "hash": "<sha256 hex>", "rule": "...", "preview": "sk-p****abcd",
//                                  "path": "optional/glob/**", "comment": "optional" } ] }
import type { AllowEntry } from '../types.js';
import { Checker } from './check.js';
import { parseJsonFile } from './json.js';

export const BASELINE_VERSION = 1;
const FILE_KEYS = ['version', 'secrets'] as const;
const ENTRY_KEYS = ['hash', 'rule', 'preview', 'path', 'comment'] as const;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Parses and validates a baseline file's text; `label` names the file in errors. */
export function parseBaseline(text: string, label: string): AllowEntry[] {
  const check: Checker = new Checker(label);
  const object = check.object(parseJsonFile(text, label), 'the baseline');
  check.keys(object, FILE_KEYS, '', ['$schema']);
  if (object.version !== undefined && object.version !== BASELINE_VERSION) {
    check.fail(`unsupported "version" (this keyfence reads version ${BASELINE_VERSION})`);
  }
  if (object.secrets === undefined) return [];
  if (!Array.isArray(object.secrets)) check.fail('"secrets" must be an array of entries');
  return object.secrets.map((item, i) => {
    const at = `secrets[${i}]`;
    const raw = check.object(item, at);
    check.keys(raw, ENTRY_KEYS, at);
    if (raw.hash === undefined) check.fail(`${at} needs a "hash"`);
    const hash = check.string(raw.hash, `${at}.hash`).toLowerCase();
    if (!SHA256_HEX.test(hash)) {
      check.fail(`${at}.hash must be the sha256 of the secret (64 hex characters), never the secret itself; "keyfence baseline" writes it`);
    }
    const entry: AllowEntry = { hash };
    if (raw.rule !== undefined) entry.rule = check.string(raw.rule, `${at}.rule`);
    if (raw.preview !== undefined) entry.preview = check.string(raw.preview, `${at}.preview`);
    if (raw.path !== undefined) entry.path = check.string(raw.path, `${at}.path`, { nonEmpty: true });
    if (raw.comment !== undefined) entry.comment = check.string(raw.comment, `${at}.comment`);
    return entry;
  });
}

/** The file text for `entries`: stable order (rule, then hash) and key order, so diffs stay small. */
export function serializeBaseline(entries: readonly AllowEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.rule ?? '').localeCompare(b.rule ?? '') || a.hash.localeCompare(b.hash) || (a.path ?? '').localeCompare(b.path ?? ''));
  const secrets = sorted.map((e) => {
    const out: Record<string, string> = { hash: e.hash };
    if (e.rule !== undefined) out.rule = e.rule;
    if (e.preview !== undefined) out.preview = e.preview;
    if (e.path !== undefined) out.path = e.path;
    if (e.comment !== undefined) out.comment = e.comment;
    return out;
  });
  return `${JSON.stringify({ version: BASELINE_VERSION, secrets }, null, 2)}\n`;
}
