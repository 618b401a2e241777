// Source maps: the files in sourcesContent, named as the map names them, index maps included; anything
// that is not a map with embedded files gives nothing (its raw text is still scanned as usual).
import { describe, expect, it } from 'vitest';
import { embeddedSources, isEmbeddedSource } from '../../src/source/sourceMap.js';
import { readContent, readLimits } from '../../src/source/content.js';
import type { Fragment } from '../../src/types.js';

describe('source maps', () => {
  it('lists embedded files with their sourceRoot, skipping empty and missing contents', () => {
    const map = {
      version: 3,
      sourceRoot: 'webpack://app',
      sources: ['./src/a.ts', './src/b.ts', './src/c.ts'],
      sourcesContent: ['const a = 1;\n', null, ''],
    };
    expect(embeddedSources(JSON.stringify(map))).toEqual([{ name: 'webpack://app/./src/a.ts', text: 'const a = 1;\n' }]);
  });

  it('reads index maps (sections) and keeps names unique', () => {
    const part = (text: string) => ({ version: 3, sources: ['src/x.ts'], sourcesContent: [text] });
    const map = {
      version: 3,
      sections: [
        { offset: { line: 0, column: 0 }, map: part('one') },
        { offset: { line: 1, column: 0 }, map: part('two') },
      ],
    };
    expect(embeddedSources(JSON.stringify(map)).map((s) => s.name)).toEqual(['src/x.ts', 'src/x.ts (2)']);
  });

  it('gives nothing for text that is not a map with sourcesContent', () => {
    expect(embeddedSources('{"version":3,"sources":["a.ts"],"mappings":""}')).toEqual([]);
    expect(embeddedSources('"sourcesContent" but not JSON')).toEqual([]);
  });

  it('yields each embedded file as an entry of the map, besides the map itself', () => {
    const map = JSON.stringify({ version: 3, sources: ['../src/api.ts'], sourcesContent: ['line one\nline two\n'] });
    const fragments = [...readContent(Buffer.from(map), { file: 'dist/app.js.map', limits: readLimits(0) })] as Fragment[];
    expect(fragments.map((f) => [f.file, f.entry])).toEqual([
      ['dist/app.js.map', '../src/api.ts'],
      ['dist/app.js.map', undefined],
    ]);
    expect(fragments[0]?.text).toBe('line one\nline two\n');
    expect(isEmbeddedSource('dist/app.js.map', '../src/api.ts')).toBe(true);
    expect(isEmbeddedSource('app.zip', 'dist/app.js.map!/src/api.ts')).toBe(true);
    expect(isEmbeddedSource('app.zip', 'dist/app.js')).toBe(false);
  });
});
