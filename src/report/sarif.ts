// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and other SARIF consumers.
// Every secret is masked; fingerprints are hashes of rule, file and masked line (report/fingerprint.ts),
// so an alert survives the line moving but two files holding the same key stay two alerts.
import { sha256Hex } from '../sha256.js';
import { posix } from 'node:path';
import type { Finding, Rule, ScanResult } from '../types.js';
import { builtinRules } from '../rules/index.js';
import { maskLine, maskSecret } from './mask.js';
import { findingLocation } from './location.js';
import { maskedSnippet } from './snippet.js';
import { suppressionSummary } from './suppressions.js';

declare const VERSION: string;

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/keyfence';
const CWE_798 = 'external/cwe/cwe-798';

export interface SarifOptions {
  /** Rules used by the scan, for the help text of the rules that have results. */
  rules: readonly Rule[];
  /** keyfence version (tool.driver.version). */
  version: string;
  /**
   * Where the finding paths start, relative to the root that %SRCROOT% stands for: `packages/app` when
   * the scan ran in that folder of the repository. Code scanning resolves URIs from the root.
   */
  pathPrefix?: string;
}

/** The SARIF log as text; rules default to the built-in ones, version to this build's. */
export function formatSarif(result: ScanResult, options: Partial<SarifOptions> = {}): string {
  const full: SarifOptions = {
    rules: options.rules ?? builtinRules,
    version: options.version ?? (typeof VERSION === 'string' ? VERSION : '0.0.0'),
    pathPrefix: options.pathPrefix,
  };
  return `${JSON.stringify(toSarif(result, full), null, 2)}\n`;
}

export function toSarif(result: ScanResult, options: SarifOptions): Record<string, unknown> {
  const byId = new Map(options.rules.map((rule) => [rule.id, rule]));
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyfence',
            version: options.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(options.version) ? options.version : undefined,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => sarifRule(id, byId.get(id), result.findings.find((f) => f.ruleId === id) as Finding)),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the scanned repository or directory.' } } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...result.skipped.map((s) => ({
                level: s.reason === 'not-fully-searched' ? 'warning' : 'note',
                message: {
                  text:
                    s.reason === 'not-fully-searched'
                      ? `Not fully searched: ${s.detail ?? ''}.`
                      : `Not scanned (${s.reason}${s.detail ? `: ${s.detail}` : ''}).`,
                },
                locations: [{ physicalLocation: { artifactLocation: artifact(s.file, options.pathPrefix) } }],
              })),
              ...suppressionNotifications(result),
            ],
          },
        ],
        results: result.findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId) as number, options.pathPrefix)),
      },
    ],
  };
}

function sarifRule(id: string, rule: Rule | undefined, example: Finding): Record<string, unknown> {
  const description = rule?.description ?? example.description;
  const envVar = rule?.envVar ?? example.envVar;
  const revokeUrl = rule?.revokeUrl ?? example.revokeUrl;
  const generic = (rule?.category ?? example.category) === 'generic';
  const revoke = revokeUrl ? `Revoke or rotate the key at ${revokeUrl}` : 'Revoke or rotate the secret at its provider';
  const text = [
    `${description} found in the code. Anyone who can read the repository, or any clone or fork of it, can use it.`,
    `1. ${revoke}: it is exposed from the moment it was committed and pushed.`,
    `2. Move the value into the environment variable ${envVar} and read it at run time (for example process.env.${envVar}); keep the value in an untracked .env file or your CI's secret store.`,
    '3. If the key is in commits that were already pushed, deleting the line in a new commit does not remove it from history: rewrite the history (git filter-repo --replace-text, or BFG) and force-push, after revoking.',
  ].join('\n');
  const markdown = [
    `**${description}** found in the code. Anyone who can read the repository, or any clone or fork of it, can use it.`,
    '',
    `1. ${revokeUrl ? `Revoke or rotate the key at <${revokeUrl}>` : 'Revoke or rotate the secret at its provider'}: it is exposed from the moment it was committed and pushed.`,
    `2. Move the value into the environment variable \`${envVar}\` and read it at run time (for example \`process.env.${envVar}\`); keep the value in an untracked \`.env\` file or your CI's secret store.`,
    '3. If the key is in commits that were already pushed, deleting the line in a new commit does not remove it from history: rewrite the history (`git filter-repo --replace-text`, or BFG) and force-push, after revoking.',
  ].join('\n');
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: `${description}: a hard-coded secret that belongs in the environment variable ${envVar}.` },
    ...(revokeUrl ? { helpUri: revokeUrl } : {}),
    help: { text, markdown },
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', 'secret', CWE_798],
      precision: generic ? 'medium' : 'high',
      'problem.severity': 'error',
      'security-severity': generic ? '7.5' : '9.0',
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number, pathPrefix: string | undefined): Record<string, unknown> {
  const masked = maskSecret(finding.secret);
  const where = finding.commit
    ? ` Added in commit ${finding.commit.sha.slice(0, 12)} by ${finding.commit.author} on ${finding.commit.date}; it stays in the history until the history is rewritten.`
    : '';
  const advice = maskLine(finding.suggestion, finding.secret);
  // Inside an archive or a binary, lines of the file mean nothing: the region is the file's first line,
  // and the message and properties say where in it (entry, byte offset).
  const inside = finding.entry !== undefined || finding.byteOffset !== undefined;
  const region = inside
    ? { startLine: 1, snippet: { text: maskedSnippet(finding).text } }
    : {
        startLine: Math.max(1, finding.line),
        startColumn: Math.max(1, finding.column),
        endLine: Math.max(finding.line, finding.endLine),
        endColumn: Math.max(1, finding.endColumn),
        snippet: { text: maskedSnippet(finding).text },
      };
  const place = `${inside ? ` At ${findingLocation(finding)}.` : ''}${finding.encoding !== undefined ? ` Found decoded: ${finding.encoding}.` : ''}`;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity === 'block' ? 'error' : 'warning',
    message: { text: `${finding.description} ${masked}.${place}${where} ${advice}`.trim() },
    locations: [{ physicalLocation: { artifactLocation: artifact(finding.file, pathPrefix), region } }],
    partialFingerprints: { 'keyfenceFinding/v2': sarifFingerprint(finding) },
    properties: {
      severity: finding.severity,
      fingerprint: finding.fingerprint,
      ...(finding.commit ? { commit: finding.commit.sha, author: finding.commit.author, date: finding.commit.date } : {}),
      ...(finding.entry !== undefined ? { entry: finding.entry } : {}),
      ...(finding.byteOffset !== undefined ? { byteOffset: finding.byteOffset } : {}),
      ...(finding.encoding !== undefined ? { encoding: finding.encoding } : {}),
    },
  };
}

/** Stable across runs and line moves: the finding's fingerprint (rule, file, masked line) and file. */
export function sarifFingerprint(finding: Finding): string {
  return sha256Hex(`${finding.fingerprint}\0${finding.file}`).slice(0, 32);
}

function artifact(file: string, prefix: string | undefined): { uri: string; uriBaseId: string } {
  const fromRoot = prefix ? posix.normalize(posix.join(prefix, file)) : file;
  // A path outside the root (`scan ../elsewhere`) keeps its own form rather than climb out of %SRCROOT%.
  const path = fromRoot.startsWith('../') ? file : fromRoot;
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

function suppressionNotifications(result: ScanResult): Array<Record<string, unknown>> {
  const text = suppressionSummary(result.suppressed);
  const notices = (result.notices ?? []).map((notice) => ({ level: 'warning', message: { text: notice } }));
  return [...(text ? [{ level: 'note', message: { text } }] : []), ...notices];
}
