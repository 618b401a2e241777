// The baseline: a committed list of accepted secrets, keyed on a slow salted hash of each secret
// (never the secret), so an entry survives moved lines and a different secret on the same line is
// still caught.
//
//   { "version": 2,
//     "scrypt": { "salt": "<32 hex>", "N": 16384, "r": 8, "p": 1 },
//     "secrets": [ { "hash": "<64 hex>", "rule": "...", "preview": "sk-p********abcd",
//                    "path": "optional/glob/**", "comment": "optional" } ] }
//
// Version 1 (no "scrypt", each hash the plain sha256 of the secret) is still read; scans then say that
// it should be converted, which `keyfence baseline` does. The file is scanned like any other: only the
// hash values are digests, and a preview must be a mask as keyfence writes it.
import type { AllowEntry } from '../types.js';
import { DEFAULT_SCRYPT, MAX_WORK, MIN_N, MIN_R, SALT_BYTES, workOf, type BaselineHashing } from './baselineHash.js';
import { Checker } from './check.js';
import { RULE_ID } from './customRules.js';
import { parseJsonDocument, type JsonPath } from './json.js';
import { isMask } from '../report/mask.js';

export const BASELINE_VERSION = 2;
const FILE_KEYS_V1 = ['version', 'secrets'] as const;
const FILE_KEYS = ['version', 'scrypt', 'secrets'] as const;
const SCRYPT_KEYS = ['salt', 'N', 'r', 'p'] as const;
const ENTRY_KEYS = ['hash', 'rule', 'preview', 'path', 'comment'] as const;
const KNOWN_NAMES = [...FILE_KEYS, ...SCRYPT_KEYS, ...ENTRY_KEYS, '$schema'];
const DIGEST_HEX = /^[0-9a-f]{64}$/;
const SALT_HEX = new RegExp(`^[0-9a-f]{${SALT_BYTES * 2}}$`);
/** What version 1 previews looked like (a mask whose stars followed the secret's length). */
const V1_PREVIEW = /^(?:\*{4,8}|[^*\u0000-\u001f]{2}\*{1,12}[^*\u0000-\u001f]{2}|[^*\u0000-\u001f]{4}\*{1,12}[^*\u0000-\u001f]{4})$/;

export interface Baseline {
  hashing: BaselineHashing;
  entries: AllowEntry[];
}

/** Parses and validates a baseline file's text; `label` names the file in errors. */
export function parseBaseline(text: string, label: string): Baseline {
  const document = parseJsonDocument(text, label);
  const check: Checker = new Checker(label, document);
  check.noDuplicates([], KNOWN_NAMES);
  const object = check.object(document.value, 'the baseline');
  check.keys(object, FILE_KEYS, '', ['$schema']);
  // The "baseline" setting may name any file: one that is not a baseline is a mistake, not an empty list.
  if (object.version === undefined || object.secrets === undefined) {
    check.fail(
      'this is not a keyfence baseline (it needs "version" and "secrets"); "keyfence baseline" writes one, and the "baseline" setting must name it',
    );
  }
  if (object.version !== 1 && object.version !== BASELINE_VERSION) {
    check.fail(`unsupported "version" (this keyfence reads versions 1 and ${BASELINE_VERSION})`, ['version']);
  }
  const version = object.version;
  if (version === 1) check.keys(object, FILE_KEYS_V1, '', ['$schema']);
  const hashing: BaselineHashing = version === 1 ? { version: 1 } : { version: 2, scrypt: scryptParams(check, object.scrypt) };
  if (!Array.isArray(object.secrets)) check.fail('"secrets" must be an array of entries', ['secrets']);
  const entries = object.secrets.map((item, i) => parseEntry(check, item, i, version));
  return { hashing, entries };
}

function scryptParams(check: Checker, value: unknown) {
  if (value === undefined) check.fail('a version 2 baseline needs "scrypt" (its salt and cost parameters)');
  const at: JsonPath = ['scrypt'];
  const object = check.object(value, '"scrypt"', at);
  check.keys(object, SCRYPT_KEYS, '"scrypt"', [], at);
  for (const key of SCRYPT_KEYS) if (object[key] === undefined) check.fail(`"scrypt" needs "${key}"`, at);
  const salt = check.string(object.salt, 'scrypt.salt', { at: [...at, 'salt'] }).toLowerCase();
  if (!SALT_HEX.test(salt)) check.fail(`scrypt.salt must be ${SALT_BYTES * 2} hex characters`, [...at, 'salt']);
  const N = check.number(object.N, 'scrypt.N', { min: MIN_N, max: 2 ** 24, integer: true }, [...at, 'N']);
  if ((N & (N - 1)) !== 0) check.fail('scrypt.N must be a power of two', [...at, 'N']);
  const r = check.number(object.r, 'scrypt.r', { min: MIN_R, max: 64, integer: true }, [...at, 'r']);
  const p = check.number(object.p, 'scrypt.p', { min: 1, max: 16, integer: true }, [...at, 'p']);
  // Every commit that checks a secret pays this: a baseline cannot ask for an unbounded amount.
  if (workOf({ N, r, p }) > MAX_WORK) {
    check.fail(
      `the scrypt parameters ask for too much work per secret (128·N·r·p at most ${MAX_WORK}; the defaults are N=${DEFAULT_SCRYPT.N}, r=${DEFAULT_SCRYPT.r}, p=${DEFAULT_SCRYPT.p})`,
      at,
    );
  }
  return { salt, N, r, p };
}

function parseEntry(check: Checker, item: unknown, i: number, version: number): AllowEntry {
  const at = `secrets[${i}]`;
  const path: JsonPath = ['secrets', i];
  const raw = check.object(item, at, path);
  check.keys(raw, ENTRY_KEYS, at, [], path);
  if (raw.hash === undefined) check.fail(`${at} needs a "hash"`, path);
  const hash = check.string(raw.hash, `${at}.hash`, { at: [...path, 'hash'] }).toLowerCase();
  if (!DIGEST_HEX.test(hash)) {
    check.fail(`${at}.hash must be the hash of the secret (64 hex characters), never the secret itself; "keyfence baseline" writes it`, [
      ...path,
      'hash',
    ]);
  }
  const entry: AllowEntry = { hash };
  if (raw.rule !== undefined) {
    entry.rule = check.string(raw.rule, `${at}.rule`, { at: [...path, 'rule'] });
    if (!RULE_ID.test(entry.rule) || entry.rule.length > 64)
      check.fail(`${at}.rule must be a rule id (kebab-case, as "keyfence baseline" writes it)`, [...path, 'rule']);
  }
  if (raw.preview !== undefined) {
    const preview = check.string(raw.preview, `${at}.preview`, { at: [...path, 'preview'] });
    if (!(version === 1 ? V1_PREVIEW.test(preview) : isMask(preview))) {
      check.fail(
        `${at}.preview must be a masked preview as "keyfence baseline" writes it (e.g. "sk-p********abcd"); remove it and run "keyfence baseline" to fill it in`,
        [...path, 'preview'],
      );
    }
    entry.preview = preview;
  }
  if (raw.path !== undefined) entry.path = check.string(raw.path, `${at}.path`, { nonEmpty: true, at: [...path, 'path'] });
  if (raw.comment !== undefined) entry.comment = check.string(raw.comment, `${at}.comment`, { at: [...path, 'comment'] });
  return entry;
}

/** The file text: stable order (rule, then hash) and key order, so diffs stay small. */
export function serializeBaseline(baseline: { hashing: Extract<BaselineHashing, { version: 2 }>; entries: readonly AllowEntry[] }): string {
  const sorted = [...baseline.entries].sort(
    (a, b) => (a.rule ?? '').localeCompare(b.rule ?? '') || a.hash.localeCompare(b.hash) || (a.path ?? '').localeCompare(b.path ?? ''),
  );
  const secrets = sorted.map((e) => {
    const out: Record<string, string> = { hash: e.hash };
    if (e.rule !== undefined) out.rule = e.rule;
    if (e.preview !== undefined) out.preview = e.preview;
    if (e.path !== undefined) out.path = e.path;
    if (e.comment !== undefined) out.comment = e.comment;
    return out;
  });
  const { salt, N, r, p } = baseline.hashing.scrypt;
  return `${JSON.stringify({ version: BASELINE_VERSION, scrypt: { salt, N, r, p }, secrets }, null, 2)}\n`;
}
