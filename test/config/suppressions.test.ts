// Every suppression leaves a trace: the scan result counts what the config and the baseline kept out
// of the report, and each output format says so.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load.js';
import { formatJson } from '../../src/report/json.js';
import { formatSarif } from '../../src/report/sarif.js';
import { createStyle } from '../../src/report/style.js';
import { suppressionSummary } from '../../src/report/suppressions.js';
import { formatText } from '../../src/report/text.js';
import { sha256Hex as secretHash } from '../../src/config/baselineHash.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { scanPaths } from '../../src/scanners.js';

describe('suppression counts', () => {
  it('counts findings allowed by the baseline and by allow patterns, and ignored files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyfence-suppressed-'));
    const [baselined, patterned, ignored] = [fakeOpenAIKey('sk-proj-', 74), fakeOpenAIKey('sk-proj-', 74), fakeOpenAIKey('sk-proj-', 74)];
    await mkdir(join(dir, 'vendor'));
    await writeFile(join(dir, 'a.ts'), `const a = "${baselined}";\nconst b = "${patterned}";\n`);
    await writeFile(join(dir, 'vendor', 'c.ts'), `const c = "${ignored}";\n`);
    const config = {
      ...defaultConfig,
      ignore: ['vendor'],
      allow: [`^${patterned.slice(0, 24)}`],
      allowedSecrets: [{ hash: secretHash(baselined) }],
    };
    const result = await scanPaths({ cwd: dir, paths: ['.'], config });
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toEqual({ inline: 0, allowPattern: 1, baseline: 1, ignoredPaths: 1, disabledRules: 0 });

    const text = formatText(result, { style: createStyle({ isTTY: false }), mode: 'commit' });
    expect(text).toContain(
      'Allowed: 1 finding by allow patterns, 1 finding by baseline entries. 1 path not scanned: ignored by the config.',
    );
    expect(JSON.parse(formatJson(result)).suppressed).toEqual(result.suppressed);
    const sarif = JSON.parse(formatSarif(result));
    expect(JSON.stringify(sarif.runs[0].invocations[0].toolExecutionNotifications)).toContain('1 finding by baseline entries');
  });

  it('says nothing when nothing was suppressed', () => {
    expect(suppressionSummary({ inline: 0, allowPattern: 0, baseline: 0, ignoredPaths: 0, disabledRules: 0 })).toBe('');
    expect(suppressionSummary(undefined)).toBe('');
  });
});
