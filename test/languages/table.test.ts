// The one table of languages and file kinds (src/languages/table.ts): what the remedy promises
// (`fixable`) and what the fix does come from the same record, and every record is complete for its kind.
import { describe, expect, it } from 'vitest';
import { LANGUAGE_OF_EXTENSION, LANGUAGES, isRewritable, type Language } from '../../src/languages/table.js';
import { languageOf } from '../../src/remedy/language.js';
import { rewriteSource } from '../../src/fix/rewrite.js';

const languages = Object.keys(LANGUAGES) as Language[];

describe('languages table', () => {
  it('gives each extension to one language', () => {
    const seen = new Map<string, Language>();
    for (const language of languages) {
      for (const extension of LANGUAGES[language].extensions ?? []) {
        expect(seen.get(extension), `.${extension} is listed for ${seen.get(extension)} and ${language}`).toBeUndefined();
        seen.set(extension, language);
      }
    }
    expect(LANGUAGE_OF_EXTENSION.size).toBe(seen.size);
  });

  it('maps a file to the language its extension is listed under', () => {
    for (const [extension, language] of LANGUAGE_OF_EXTENSION) expect(languageOf(`src/file.${extension}`)).toBe(language);
  });

  it('has an env read for every programming language, and its import where one is named', () => {
    for (const language of languages.filter((l) => LANGUAGES[l].program)) {
      expect(LANGUAGES[language].envRead?.('API_KEY', {}), language).toContain('API_KEY');
    }
  });

  it('lets rewriteSource refuse exactly the kinds the table does not rewrite', () => {
    for (const language of languages) {
      const text =
        language === 'notebook'
          ? `${JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`
          : 'nothing to move here\n';
      const result = rewriteSource(text, language, [{ secret: 'x'.repeat(24), envVar: 'API_KEY' }], {
        mcpReference: (name) => `\${${name}}`,
      });
      expect(result.ok, `${language}: ${result.ok ? '' : result.reason}`).toBe(isRewritable(language));
    }
  });

  it('marks .env and key files as untracked by the fix, not rewritten', () => {
    expect(LANGUAGES.dotenv.fix).toBe('untrack');
    expect(LANGUAGES['secret-file'].fix).toBe('untrack');
    expect(isRewritable('dotenv')).toBe(false);
  });
});
