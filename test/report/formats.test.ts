// The output-format table: every format it lists is accepted by --format, named in the help, and
// renders a result with the secret masked; a name it does not list is a usage error naming those it does.
import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS, OUTPUT_FORMAT_NAMES, parseFormat, renderReport, type RenderContext } from '../../src/report/formats.js';
import { scan as scanSpec } from '../../src/commands/specs/scan.js';
import { scanText } from '../../src/scanners.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { UsageError } from '../../src/types.js';

const context: RenderContext = { mode: 'scan', reveal: false, terminal: {}, pathPrefix: async () => '' };

describe('output formats', () => {
  it('the scan command accepts and documents exactly the formats of the table', () => {
    expect(scanSpec.options.format.value).toBe(OUTPUT_FORMAT_NAMES.join('|'));
    for (const name of OUTPUT_FORMAT_NAMES) expect(parseFormat(name)).toBe(name);
    expect(parseFormat(undefined)).toBe('text');
    expect(() => parseFormat('xml')).toThrow(UsageError);
    expect(() => parseFormat('xml')).toThrow(`use one of: ${OUTPUT_FORMAT_NAMES.join(', ')}`);
    expect(() => parseFormat('sarif', ['text', 'json'])).toThrow('use one of: text, json');
  });

  it.each(OUTPUT_FORMATS.map((f) => [f.name, f] as const))(
    '%s renders a finding, masked, with a description and an extension',
    async (name, info) => {
      expect(info.description.length).toBeGreaterThan(10);
      expect(info.extension).toMatch(/^\.[a-z]+$/);
      const key = fakeOpenAIKey('sk-proj-', 74);
      const result = await scanText(`const k = "${key}";\n`, { file: 'src/a.ts' });
      const report = await renderReport(name, result, context);
      expect(report).toContain('src/a.ts');
      expect(report).not.toContain(key);
    },
  );
});
