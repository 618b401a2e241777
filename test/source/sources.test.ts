// The scan sources: every option of `keyfence scan` that picks what to scan has its registry entry, the
// options pick theirs, and a source of one's own (the Source interface) goes through the same scan as a
// path scan: configuration, masking, skips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickSource, SCAN_SOURCES } from '../../src/commands/scanSources.js';
import { scan as scanSpec } from '../../src/commands/specs/scan.js';
import { scanSource } from '../../src/scanners.js';
import type { Source } from '../../src/source/source.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';

describe('scan sources', () => {
  it('has one entry per option that picks what to scan, and one default', () => {
    const picking = (scanSpec.conflicts ?? [])
      .filter((c) => c.why?.startsWith('each picks what to scan'))
      .flatMap((c) => [...c.first, ...c.second]);
    expect(
      SCAN_SOURCES.map((s) => s.flag)
        .filter(Boolean)
        .sort(),
    ).toEqual([...new Set(picking)].sort());
    expect(SCAN_SOURCES.filter((s) => s.flag === undefined)).toHaveLength(1);
  });

  it('picks the entry of the option given, else the default', () => {
    expect(pickSource({ history: true }).flag).toBe('history');
    expect(pickSource({ pack: true }).flag).toBe('pack');
    expect(pickSource({ 'no-ignore': true }).flag).toBeUndefined();
    expect(pickSource({}).flag).toBeUndefined();
  });

  describe('scanSource', () => {
    let repo: TestRepo;
    beforeAll(async () => {
      repo = await TestRepo.create();
      await repo.commitFiles({ '.keyfence.json': JSON.stringify({ ignore: ['skipped/**'] }) });
    });
    afterAll(async () => repo.cleanup());

    it('scans the fragments a source yields with the configuration of its folder', async () => {
      const key = fakeOpenAIKey('sk-proj-', 74);
      let listed = -1;
      const source: Source = {
        *inputs(context) {
          context.onListed(2);
          listed = 2;
          for (const file of ['entry/a.js', 'skipped/b.js']) {
            if (context.isIgnored(file)) context.onSkip({ file, reason: 'ignored' });
            else yield { file, text: `const k = "${key}";\n` };
          }
        },
      };
      const result = await scanSource(source, { cwd: repo.dir });
      expect(listed).toBe(2);
      expect(result.findings.map((f) => [f.file, f.ruleId, f.severity])).toEqual([['entry/a.js', 'openai-project-key', 'block']]);
      expect(result.skipped).toEqual([{ file: 'skipped/b.js', reason: 'ignored' }]);
    });
  });
});
