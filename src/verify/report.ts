// The verify report: each finding with its verdict, as text, JSON (the scan's JSON plus a
// `verification` per finding) or SARIF (the scan's SARIF plus `properties.verification` per result).
// Secrets are masked by the one policy (report/mask.ts).
import type { ScanResult } from '../types.js';
import { maskAll, maskSecret } from '../report/mask.js';
import { findingLocation } from '../report/location.js';
import type { Style } from '../report/style.js';
import type { PlannedFinding } from './plan.js';
import { hostOf } from './request.js';
import type { Verdict } from './types.js';

export type VerificationStatus = Verdict['status'] | 'not-checked';

export interface Verification {
  status: VerificationStatus;
  provider?: string;
  host?: string;
  account?: string;
  detail?: string;
}

export function verificationOf(item: PlannedFinding, verdicts: Map<unknown, Verdict>, env?: NodeJS.ProcessEnv): Verification {
  if (!item.unit) return { status: 'not-checked', detail: item.reason };
  const verdict = verdicts.get(item.unit) ?? { status: 'unknown', detail: 'not sent' };
  return {
    status: verdict.status,
    provider: item.unit.check.name,
    host: hostOf(item.unit.check, env),
    ...(verdict.account ? { account: verdict.account } : {}),
    ...(verdict.detail ? { detail: verdict.detail } : {}),
  };
}

export interface VerifySummary {
  live: number;
  invalid: number;
  unknown: number;
  notChecked: number;
}

export function summarize(verifications: Verification[]): VerifySummary {
  const count = (status: VerificationStatus) => verifications.filter((v) => v.status === status).length;
  return { live: count('live'), invalid: count('invalid'), unknown: count('unknown'), notChecked: count('not-checked') };
}

const LABEL: Record<VerificationStatus, string> = { live: 'LIVE', invalid: 'invalid', unknown: 'unknown', 'not-checked': 'not checked' };
const escapeControls = (text: string): string =>
  text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function formatVerifyText(result: ScanResult, items: PlannedFinding[], verifications: Verification[], style: Style): string {
  if (items.length === 0) return 'keyfence verify: no secrets found, nothing to verify.\n';
  const secrets = result.findings.map((f) => f.secret);
  const lines: string[] = [];
  items.forEach((item, i) => {
    const v = verifications[i] as Verification;
    const f = item.finding;
    const label = LABEL[v.status].padEnd(11);
    const painted = v.status === 'live' ? style.red(style.bold(label)) : v.status === 'invalid' ? style.dim(label) : style.yellow(label);
    const commit = f.commit ? ` (commit ${f.commit.sha.slice(0, 10)})` : '';
    lines.push(`${painted} ${escapeControls(findingLocation(f))}${commit}  ${f.description}  ${maskSecret(f.secret)}`);
    const about = [
      v.provider && v.host ? `${v.provider} (${v.host})` : undefined,
      v.account ? `account: ${v.account}` : undefined,
      v.detail,
    ].filter(Boolean);
    if (about.length > 0) lines.push(`            ${escapeControls(maskAll(about.join('; '), secrets))}`);
    if (v.status === 'live' && f.revokeUrl) lines.push(`            revoke it now: ${f.revokeUrl}  (or: keyfence revoke)`);
  });
  const s = summarize(verifications);
  lines.push('');
  lines.push(`${s.live} live, ${s.invalid} invalid, ${s.unknown} unknown, ${s.notChecked} not checked.`);
  if (s.live > 0)
    lines.push(style.bold('A live key in a file is a leaked key once pushed: revoke it and rotate it (see "After a leak" in the README).'));
  if (s.unknown > 0) lines.push('An unknown verdict is not a clean one: run verify again later, or check the key on its provider page.');
  return `${lines.join('\n')}\n`;
}

/** The scan's JSON report, each finding with its `verification`, and a summary. */
export function formatVerifyJson(scanJson: string, verifications: Verification[]): string {
  const report = JSON.parse(scanJson) as { findings: Record<string, unknown>[] };
  report.findings.forEach((finding, i) => {
    finding.verification = verifications[i];
  });
  return `${JSON.stringify({ ...report, verification: summarize(verifications) }, null, 2)}\n`;
}

/** The scan's SARIF log, each result with `properties.verification`. */
export function formatVerifySarif(sarif: string, verifications: Verification[]): string {
  const log = JSON.parse(sarif) as {
    runs: { results: { properties?: Record<string, unknown> }[]; properties?: Record<string, unknown> }[];
  };
  const run = log.runs[0];
  if (run) {
    run.results.forEach((result, i) => {
      result.properties = { ...(result.properties ?? {}), verification: verifications[i] };
    });
    run.properties = { ...(run.properties ?? {}), verification: summarize(verifications) };
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}
