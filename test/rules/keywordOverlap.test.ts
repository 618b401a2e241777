// The rule catalogue relies on the engine finding every keyword, even where keywords overlap: `pat`
// (Airtable) inside `…PAT3BlbkFJ…` (OpenAI marker), `secret` inside `secret_` (Notion legacy).
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import type { Rule } from '../../src/types.js';

const rule = (id: string, keyword: string, regex: RegExp): Rule => ({
  id,
  description: id,
  category: 'generic',
  provider: 'test',
  regex,
  keywords: [keyword],
  envVar: 'X',
  examples: { positive: () => [], negative: [] },
});

describe('overlapping keywords', () => {
  it('a keyword that starts inside another keyword still triggers its rule', () => {
    const rules = [rule('short', 'pat', /\bpat[0-9]{3}\b/), rule('marker', 't3blbkfj', /xPAT3BlbkFJy/)];
    expect(detect('xPAT3BlbkFJy', rules).map((m) => m.ruleId)).toEqual(['marker']);
  });

  it('a keyword contained in a longer keyword still triggers its rule', () => {
    const rules = [rule('long', 'secret_', /secret_[0-9]{3}/), rule('short', 'secret', /SECRET_KEY=(\w+)/)];
    expect(detect('AWS_SECRET_KEY=abc', rules).map((m) => m.ruleId)).toEqual(['short']);
  });
});
