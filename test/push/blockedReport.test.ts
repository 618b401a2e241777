// The one shape of a blocked hook's report (commit-msg, pre-push, pre-receive): headline, each finding
// masked where it is, how to fix, each kind of key to revoke once, and the closing line last.
import { describe, expect, it } from 'vitest';
import { formatBlockedReport } from '../../src/hooks/report.js';
import { plainStyle } from '../../src/report/style.js';
import { scanText } from '../../src/scanners.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

describe('blocked hook report', () => {
  it('puts headline, findings, fix, revoke targets and closing in that order, every secret masked', async () => {
    const keys = [fakeOpenAIKey('sk-proj-', 74), fakeOpenAIKey('sk-proj-', 74)];
    const { findings } = await scanText(keys.map((k, i) => `const k${i} = "${k}";`).join('\n'), { file: 'a.js' });
    expect(findings).toHaveLength(2);
    const text = formatBlockedReport(
      {
        headline: 'blocked.',
        findings,
        where: (f) => `here ${f.line}`,
        underFinding: () => ['    under'],
        fix: ['fix it.'],
        revoke: 'revoke:',
        closing: 'bypass.',
      },
      plainStyle,
    );
    for (const key of keys) expect(text).not.toContain(key);
    const lines = text.split('\n');
    expect(lines[0]).toBe('blocked.');
    expect(lines[2]).toMatch(/^ {2}here 1 {2}OpenAI/);
    expect(lines.filter((l) => l === '    under')).toHaveLength(2);
    const tail = lines.slice(lines.indexOf('fix it.'));
    expect(tail).toHaveLength(5);
    expect(tail[1]).toBe('revoke:');
    expect(tail[2]).toMatch(/^ {4}OpenAI .*: https:\/\//);
    expect(tail.slice(3)).toEqual(['bypass.', '']);
  });
});
