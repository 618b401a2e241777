// One list of .env templates: the never-commit check and the remedy's file kinds read the same words.
import { describe, expect, it } from 'vitest';
import { isDotenvFile, isDotenvName, isDotenvTemplateName } from '../../src/languages/dotenvFiles.js';
import { languageOf } from '../../src/remedy/language.js';
import { commentSyntaxFor } from '../../src/detect/commentSyntax.js';

describe('.env file names', () => {
  it('exempts from the never-commit check every template the remedy advises on as one', () => {
    for (const word of ['example', 'sample', 'template', 'dist', 'default', 'defaults']) {
      const name = `.env.${word}`;
      expect(isDotenvTemplateName(name), name).toBe(true);
      expect(languageOf(`app/${name}`), name).toBe('dotenv-example');
      expect(isDotenvFile(`app/${name}`), name).toBe(false);
    }
  });

  it('keeps the endings the two read differently as they were', () => {
    expect(isDotenvFile('.env.test')).toBe(false);
    expect(languageOf('.env.test')).toBe('dotenv');
    expect(isDotenvFile('.env.local-example')).toBe(true);
    expect(languageOf('.env.local-example')).toBe('dotenv-example');
  });

  it('reads comments in every .env-named file with `#`', () => {
    for (const name of ['.env', '.env.local', 'prod.env', '.env.example']) {
      expect(isDotenvName(name)).toBe(true);
      expect(commentSyntaxFor(`deploy/${name}`).line).toEqual(['#']);
    }
  });
});
