// Compares ways to find many keywords in text (the engine's prefilter), on the same texts: one
// case-insensitive alternation regex, lowercasing plus one indexOf loop per keyword, and the
// Aho-Corasick automaton the engine uses (src/detect/keywords.ts, bundled by the caller).

const escape = (literal) => literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function prefilterStrategies(keywords, KeywordAutomaton) {
  const sorted = [...keywords].sort((a, b) => b.length - a.length);
  const alternation = new RegExp(sorted.map(escape).join('|'), 'gi');
  const automaton = new KeywordAutomaton(keywords);
  return {
    'case-insensitive alternation regex': (text) => {
      let hits = 0;
      alternation.lastIndex = 0;
      while (alternation.exec(text)) hits++;
      return hits;
    },
    'toLowerCase + indexOf per keyword': (text) => {
      const lower = text.toLowerCase();
      let hits = 0;
      for (const keyword of keywords) for (let i = lower.indexOf(keyword); i !== -1; i = lower.indexOf(keyword, i + 1)) hits++;
      return hits;
    },
    'Aho-Corasick automaton (engine)': (text) => {
      let hits = 0;
      automaton.scan(text, () => hits++);
      return hits;
    },
  };
}

/** MB/s of each strategy over `texts` (best of `rounds`, after a warm-up round). */
export function measurePrefilters(texts, strategies, rounds = 3) {
  const bytes = texts.reduce((sum, text) => sum + text.length, 0);
  const results = {};
  for (const [name, find] of Object.entries(strategies)) {
    let best = Infinity;
    let hits = 0;
    for (let round = 0; round <= rounds; round++) {
      const start = performance.now();
      hits = 0;
      for (const text of texts) hits += find(text);
      const ms = performance.now() - start;
      if (round > 0) best = Math.min(best, ms);
    }
    results[name] = { mbPerSecond: bytes / 1e6 / (best / 1000), hits };
  }
  return results;
}
