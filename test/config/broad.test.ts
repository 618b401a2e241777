// "Matches (nearly) everything", measured on varied samples rather than by listing spellings.
import { describe, expect, it } from 'vitest';
import { pathsBreadth, secretsBreadth } from '../../src/config/broad.js';
import { compileUserRegex } from '../../src/config/regex.js';

const broadGlob = (glob: string) => pathsBreadth([glob]).each[0] !== undefined;
/** Refused as too broad, or (for a regex that can match the empty string) already when compiled. */
const broadRegex = (pattern: string) => {
  try {
    return secretsBreadth(compileUserRegex(pattern, 'test')) !== undefined;
  } catch {
    return true;
  }
};

describe('ignore globs', () => {
  it.each(['*', '**', '/*', '?*', '{a,*}', '**/*', '*/**', '*/*/**', '!(README.md)', '[^q]*', '*.*', '**/?*', '{src,*}/**', './*'])(
    '%s is refused',
    (glob) => {
      expect(broadGlob(glob)).toBe(true);
    },
  );

  it.each([
    'fixtures',
    '*.lock',
    'docs/**/*.md',
    '**/*.test.ts',
    'vendor/',
    '/build',
    '.env.example',
    'src/generated/**',
    '*.min.js',
    'test',
    'examples/**',
  ])('%s is an ordinary setting', (glob) => {
    expect(broadGlob(glob)).toBe(false);
  });

  it('judges the globs together as well as one by one', () => {
    const split = ['[a-d]*', '[e-h]*', '[i-l]*', '[m-p]*', '[q-t]*', '[u-z]*', '[A-Z]*', '[0-9]*', '[._-]*', '[^a-zA-Z0-9._-]*'];
    const { each, together } = pathsBreadth(split);
    expect(each.every((one) => one === undefined)).toBe(true);
    expect(together).toMatchObject({ matched: together?.total });
    const ordinary = pathsBreadth([
      '*.js',
      '*.ts',
      '*.py',
      '*.json',
      '*.md',
      '*.lock',
      'docs',
      'test',
      'tests',
      'examples',
      'vendor',
      'build',
    ]);
    expect(ordinary.together).toBeUndefined();
  });
});

describe('allow regexes', () => {
  it.each(['.', '|', '^', '$', '(?:)', '(?=)', 'x*', '[\\s\\S]', '\\w', '\\S', '(?i)[a-z]', '[0-9a-zA-Z]', '.{8,}', '[^!]', '(?s).', '^.'])(
    '%s is refused',
    (pattern) => {
      expect(broadRegex(pattern)).toBe(true);
    },
  );

  it.each([
    '^sk-proj-EXAMPLE',
    '(?i)dummy',
    '^AKIAIOSFODNN7EXAMPLE$',
    '^test_',
    'EXAMPLE$',
    '^[0-9a-f]{40}$',
    '^ghp_0{36}$',
    '(?i)^(changeme|password)$',
  ])('%s is an ordinary setting', (pattern) => {
    expect(broadRegex(pattern)).toBe(false);
  });
});
