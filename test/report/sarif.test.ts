// SARIF output: valid against the official 2.1.0 schema, masked, with stable fingerprints.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { LineIndex } from '../../src/detect/lines.js';
import { assignFingerprints } from '../../src/report/fingerprint.js';
import { sarifFingerprint, toSarif } from '../../src/report/sarif.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import type { CommitInfo, Finding, ScanResult } from '../../src/types.js';
import { sarifSchemaErrors } from '../support/sarifSchema.js';

function findingsOf(text: string, file: string, commit?: CommitInfo): Finding[] {
  const lines = new LineIndex(text);
  const findings: Finding[] = detect(text, builtinRules, { file }).map((m) => {
    const rule = builtinRules.find((r) => r.id === m.ruleId)!;
    return {
      ruleId: m.ruleId,
      description: rule.description,
      category: rule.category,
      file,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      secret: m.secret,
      lineText: lines.lineText(m.line),
      fingerprint: '',
      envVar: rule.envVar,
      revokeUrl: rule.revokeUrl,
      suggestion: `Read it from process.env.${rule.envVar}.`,
      severity: 'block',
      ...(commit ? { commit } : {}),
    };
  });
  assignFingerprints(findings);
  return findings;
}

describe('SARIF report', () => {
  const key = fakeOpenAIKey('sk-proj-', 74);
  const legacy = fakeOpenAIKey('sk-', 20, 'b62');
  const commit = { sha: 'a'.repeat(40), author: 'Dev <dev@example.invalid>', date: '2024-01-02T03:04:05+00:00' };
  const result: ScanResult = {
    findings: [
      ...findingsOf(`const a = 1;\nconst client = new OpenAI({ apiKey: "${key}" });\n`, 'src/app.ts'),
      ...findingsOf(`OPENAI_API_KEY=${legacy}\n`, 'config dir/.env', commit),
    ],
    skipped: [{ file: 'logo.png', reason: 'binary' }],
    scanned: 3,
  };
  const log = toSarif(result, { rules: builtinRules, version: '0.1.0' });
  const text = JSON.stringify(log);

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(result.findings).toHaveLength(2);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('places a secret in binary content or an archive entry on the file, with its byte offset and entry, still valid', () => {
    const [inBinary] = findingsOf(`K ${key}\n`, 'db.sqlite3');
    const [inEntry] = findingsOf(`a=1\nk=${legacy}\n`, 'app.jar');
    const packed: ScanResult = {
      findings: [
        { ...(inBinary as Finding), byteOffset: 8211 },
        { ...(inEntry as Finding), entry: 'lib/inner.jar!/conf/app.properties' },
      ],
      skipped: [{ file: 'data.7z', reason: 'not-fully-searched', detail: '7z archive, which keyfence cannot unpack' }],
      scanned: 2,
    };
    const sarif = toSarif(packed, { rules: builtinRules, version: '0.1.0' });
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const run = (sarif.runs as any[])[0];
    expect(
      run.results.map((r: any) => [
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
        r.properties.byteOffset,
        r.properties.entry,
      ]),
    ).toEqual([
      ['db.sqlite3', 1, 8211, undefined],
      ['app.jar', 1, undefined, 'lib/inner.jar!/conf/app.properties'],
    ]);
    expect(run.results[0].message.text).toContain('At db.sqlite3 (byte 8211).');
    expect(run.results[1].message.text).toContain('At app.jar!/lib/inner.jar!/conf/app.properties:2:3.');
    expect(run.invocations[0].toolExecutionNotifications[0]).toMatchObject({
      level: 'warning',
      message: { text: 'Not fully searched: 7z archive, which keyfence cannot unpack.' },
    });
    expect(JSON.stringify(sarif)).not.toContain(key.slice(8, 40));
  });

  it('never contains a secret', () => {
    expect(text).not.toContain(key);
    expect(text).not.toContain(legacy);
    expect(text).not.toContain(key.slice(8, 40));
  });

  it('lists each rule with help text, and points results at 1-based regions', () => {
    const run = (log.runs as any[])[0];
    const rules = run.tool.driver.rules as any[];
    expect(rules.map((r) => r.id).sort()).toEqual(['openai-legacy-key', 'openai-project-key']);
    for (const rule of rules) {
      expect(rule.help.text).toMatch(/Revoke or rotate the key at https:\/\/platform\.openai\.com/);
      expect(rule.help.markdown).toMatch(/filter-repo/);
      expect(rule.properties.tags).toContain('security');
    }
    const first = run.results[0];
    expect(run.results[0].ruleId).toBe(rules[first.ruleIndex].id);
    expect(first.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 38, endLine: 2 });
    expect(first.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'src/app.ts', uriBaseId: '%SRCROOT%' });
    const second = run.results[1];
    expect(second.locations[0].physicalLocation.artifactLocation.uri).toBe('config%20dir/.env');
    expect(second.properties).toMatchObject({ commit: commit.sha, author: commit.author, date: commit.date });
    expect(second.message.text).toContain('aaaaaaaaaaaa');
  });

  it('keeps fingerprints stable when the line moves, distinct across files', () => {
    const moved = findingsOf(`\n\n\nconst client = new OpenAI({ apiKey: "${key}" });\n`, 'src/app.ts')[0]!;
    const elsewhere = findingsOf(`const client = new OpenAI({ apiKey: "${key}" });\n`, 'src/other.ts')[0]!;
    const original = result.findings[0]!;
    expect(sarifFingerprint(moved)).toBe(sarifFingerprint(original));
    expect(sarifFingerprint(elsewhere)).not.toBe(sarifFingerprint(original));
    const run = (log.runs as any[])[0];
    expect(run.results[0].partialFingerprints['keyfenceFinding/v2']).toBe(sarifFingerprint(original));
  });

  it('masks a secret that spans lines in the snippet too', () => {
    const first = 'A'.repeat(20) + key.slice(0, 30);
    const secret = `${first}\n${'B'.repeat(40)}`;
    const finding: Finding = { ...result.findings[0]!, secret, lineText: `value = "${first}`, column: 10, line: 1, endLine: 2 };
    const single = JSON.stringify(toSarif({ findings: [finding], skipped: [], scanned: 1 }, { rules: builtinRules, version: '0.1.0' }));
    expect(single).not.toContain(key.slice(0, 30));
  });

  it('is valid with no findings', () => {
    expect(sarifSchemaErrors(toSarif({ findings: [], skipped: [], scanned: 0 }, { rules: builtinRules, version: '0.1.0' }))).toEqual([]);
  });

  it('the validator rejects an invalid log', () => {
    expect(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: {} }] })).not.toEqual([]);
  });
});
