import { describe, expect, it } from 'vitest';
import { addEnvEntries, addExampleEntries, addIgnore, formatValue, parseDotenv } from '../../src/fix/dotenv.js';

describe('.env text', () => {
  it('parses plain, exported, quoted and commented entries', () => {
    const vars = parseDotenv(`# comment\nA=1\nexport B="two words"\nC='x#y'\nD=plain # note\nE=\n`);
    expect([...vars]).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x#y'],
      ['D', 'plain'],
      ['E', ''],
    ]);
  });

  it('appends new entries, keeps content, skips identical ones, fills empty slots in place', () => {
    const before = '# local settings\nAPP_MODE=dev\nOPENAI_API_KEY=\nPORT=3000';
    const after = addEnvEntries(
      before,
      new Map([
        ['APP_MODE', 'dev'],
        ['OPENAI_API_KEY', 'sk-abc'],
        ['DB_PASSWORD', 'p w'],
      ]),
    );
    expect(after).toBe("# local settings\nAPP_MODE=dev\nOPENAI_API_KEY=sk-abc\nPORT=3000\nDB_PASSWORD='p w'\n");
    expect(addEnvEntries(after, new Map([['OPENAI_API_KEY', 'sk-abc']]))).toBe(after);
    expect(() => addEnvEntries(after, new Map([['OPENAI_API_KEY', 'other']]))).toThrow(/different value/);
    expect(addEnvEntries(undefined, new Map([['A', '1']]))).toBe('A=1\n');
  });

  it('quotes values so loaders read them back unchanged', () => {
    for (const value of ['plain-Value_1.2:3/4+5=', 'with space', "it's", 'multi\nline', 'back\\slash', "multi\nline's", 'multi\n"line"']) {
      expect(parseDotenv(`X=${formatValue(value)}\n`).get('X')).toBe(value);
    }
    // No quoting makes every loader read these back (tests in dotenvLoaders.test.ts): refused.
    for (const value of [`it's "q"`, 'a${B}c', 'cr\r\nlf', 'end\\', "a\\'b"])
      expect(() => formatValue(value)).toThrow(/cannot go into .env/);
  });

  it('adds example names and ignore patterns once, keeping CRLF', () => {
    expect(addExampleEntries('A=\r\n', ['A', 'B', 'B'])).toBe('A=\r\nB=\r\n');
    expect(addIgnore('node_modules\n', '.env')).toBe('node_modules\n.env\n');
    expect(addIgnore('node_modules\n.env\n', '.env')).toBe('node_modules\n.env\n');
    expect(addIgnore(undefined, '.env')).toBe('.env\n');
  });
});
