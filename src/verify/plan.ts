// Which findings can be checked, and with what: each finding gets a check (and the credential to send)
// or the reason it is not checked. Identical credentials are sent once.
import type { Finding } from '../types.js';
import { checkForRule, notVerified } from './providers.js';
import type { Credential, ProviderCheck } from './types.js';

export interface CheckUnit {
  check: ProviderCheck;
  credential: Credential;
}

export interface PlannedFinding {
  finding: Finding;
  /** The request that answers for this finding. */
  unit?: CheckUnit;
  /** Why the finding is not checked. */
  reason?: string;
}

export interface VerifyPlan {
  items: PlannedFinding[];
  units: CheckUnit[];
}

/** Reads the text a finding was found in (for an identifier on another line), or undefined. */
export type TextReader = (finding: Finding) => Promise<string | undefined>;

const AWS_SECRET_RULES = new Set(['aws-secret-access-key', 'aws-secret-access-key-paired']);
const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/g;
const TWILIO_ACCOUNT_SID = /(?<![A-Za-z0-9])AC[0-9a-f]{32}(?![A-Za-z0-9])/g;

export async function planChecks(findings: Finding[], readText: TextReader = async () => undefined): Promise<VerifyPlan> {
  const units = new Map<string, CheckUnit>();
  const items: PlannedFinding[] = [];
  for (const finding of findings) {
    const check = checkForRule(finding.ruleId);
    if (!check) {
      items.push({ finding, reason: reasonNotChecked(finding.ruleId) });
      continue;
    }
    const paired = await credentialFor(check, finding, findings, readText);
    if ('reason' in paired) {
      items.push({ finding, reason: paired.reason });
      continue;
    }
    const key = [check.id, paired.credential.id ?? '', paired.credential.secret].join('\u0000');
    let unit = units.get(key);
    if (!unit) {
      unit = { check, credential: paired.credential };
      units.set(key, unit);
    }
    items.push({ finding, unit });
  }
  return { items, units: [...units.values()] };
}

function reasonNotChecked(ruleId: string): string {
  const deliberate = notVerified.find((entry) => entry.rules.includes(ruleId));
  return deliberate ? `not verified: ${deliberate.why}` : 'no check for this kind of key';
}

type Paired = { credential: Credential } | { reason: string };

async function credentialFor(check: ProviderCheck, finding: Finding, all: Finding[], readText: TextReader): Promise<Paired> {
  if (check.pair === 'aws-access-key-id') return awsPair(finding, all, readText);
  if (check.pair === 'twilio-account-sid') {
    const sid = await onlyMatch(TWILIO_ACCOUNT_SID, finding, readText);
    return sid
      ? { credential: { secret: finding.secret, id: sid } }
      : { reason: 'needs its account SID (AC...), not found once in the same file' };
  }
  return { credential: { secret: finding.secret } };
}

async function awsPair(finding: Finding, all: Finding[], readText: TextReader): Promise<Paired> {
  const sameText = all.filter((f) => f.file === finding.file && f.commit?.sha === finding.commit?.sha && f.entry === finding.entry);
  const nearest = (candidates: Finding[]): Finding | undefined =>
    [...candidates].sort((a, b) => Math.abs(a.line - finding.line) - Math.abs(b.line - finding.line))[0];
  let id: string | undefined;
  let secret: string | undefined;
  if (finding.ruleId === 'aws-access-key-id') {
    id = finding.secret;
    secret = nearest(sameText.filter((f) => AWS_SECRET_RULES.has(f.ruleId)))?.secret;
    if (!secret) return { reason: 'an access key ID alone cannot be checked; no secret access key in the same file' };
  } else {
    secret = finding.secret;
    id =
      [...finding.lineText.matchAll(AWS_KEY_ID)][0]?.[0] ??
      nearest(sameText.filter((f) => f.ruleId === 'aws-access-key-id'))?.secret ??
      (await onlyMatch(AWS_KEY_ID, finding, readText));
    if (!id) return { reason: 'needs its access key ID, not found once in the same file' };
  }
  // Temporary credentials (ASIA...) are refused without their session token: a check would say "invalid".
  if (id.startsWith('ASIA')) return { reason: 'temporary credentials (ASIA...) are checked only with their session token' };
  return { credential: { secret, id } };
}

/** The one distinct match of `pattern` in the finding's line or, failing that, its whole text. */
async function onlyMatch(pattern: RegExp, finding: Finding, readText: TextReader): Promise<string | undefined> {
  const inLine = new Set([...finding.lineText.matchAll(pattern)].map((m) => m[0]));
  if (inLine.size === 1) return [...inLine][0];
  const text = await readText(finding);
  if (text === undefined) return undefined;
  const inText = new Set([...text.matchAll(pattern)].map((m) => m[0]));
  return inText.size === 1 ? [...inText][0] : undefined;
}
