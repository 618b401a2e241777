// "Did you mean ...?" for typos in config keys and rule ids.

/** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * Candidates close to `word`, best first: a case-insensitive edit distance of at most a third of the
 * word (at least 2), or one containing the other (`openai-key` -> `openai-project-key`).
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const threshold = Math.max(2, Math.floor(lower.length / 3));
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    const distance = editDistance(lower, other);
    if (distance <= threshold) scored.push({ candidate, score: distance });
    else if (lower.length >= 3 && (other.includes(lower) || lower.includes(other))) scored.push({ candidate, score: threshold + 1 });
    else if (sharesWords(lower, other)) scored.push({ candidate, score: threshold + 2 + distance / 100 });
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  // A near-exact match makes the distant ones noise.
  const best = scored[0]?.score ?? 0;
  return scored
    .filter((s) => s.score <= best * 2 + 2)
    .slice(0, limit)
    .map((s) => s.candidate);
}

/** True when every dash-separated word of `word` occurs in `other` (`aws-key` ~ `aws-access-key-id`). */
function sharesWords(word: string, other: string): boolean {
  const words = word.split(/[-_\s]+/).filter((w) => w.length >= 2);
  if (words.length < 2) return false;
  const otherWords = new Set(other.split(/[-_\s]+/));
  return words.every((w) => otherWords.has(w));
}

/** ` Did you mean "x"?`, ` Did you mean "x" or "y"?`, or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>, limit = 3): string {
  const matches = closestMatches(word, candidates, limit).map((m) => `"${m}"`);
  if (matches.length === 0) return '';
  const list = matches.length === 1 ? matches[0] : `${matches.slice(0, -1).join(', ')} or ${matches[matches.length - 1]}`;
  return ` Did you mean ${list}?`;
}

/**
 * True when `word` is a slip of one of `candidates` (a few edits away): then it says nothing the
 * candidate does not, and an error may quote it. Anything further off is not quoted, since a name or
 * value the user wrote in the wrong place may be a secret.
 */
export function isSlipOf(word: string, candidates: Iterable<string>): boolean {
  const lower = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(lower.length / 4));
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - lower.length) > allowed) continue;
    if (editDistance(lower, candidate.toLowerCase()) <= allowed) return true;
  }
  return false;
}
