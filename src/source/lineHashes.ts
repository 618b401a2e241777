// Which lines of a large content are new, without holding either version: each line of the previous
// version is kept as a 53-bit hash (8 bytes a line, sorted), and a line of the new version is new
// unless an equal line is left in the previous one (as many times as it occurs: the rule addedLines.ts
// applies to whole texts). Two different lines share a hash with odds of about lines / 2^53: a line
// taken for an old one by mistake would warn instead of block, which those odds make moot.

const SEED_A = 0x811c9dc5;
const SEED_B = 0x1b873593;

/** Mixes a 32-bit state so that every input bit reaches every output bit (murmur3's finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes the lines of a text fed in chunks (a line may span chunks); every line, the last one too. */
export class LineHasher {
  private a = SEED_A;
  private b = SEED_B;
  private length = 0;

  constructor(private readonly onLine: (hash: number) => void) {}

  push(text: string): void {
    let { a, b, length } = this;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) {
        this.onLine(finish(a, b, length));
        a = SEED_A;
        b = SEED_B;
        length = 0;
        continue;
      }
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
      length++;
    }
    this.a = a;
    this.b = b;
    this.length = length;
  }

  /** The line after the last newline (empty when the text ends with one). */
  end(): void {
    this.onLine(finish(this.a, this.b, this.length));
    this.a = SEED_A;
    this.b = SEED_B;
    this.length = 0;
  }
}

function finish(a: number, b: number, length: number): number {
  const high = mix(a ^ length);
  const low = mix(b ^ Math.imul(length, 0x9e3779b1));
  return high * 2 ** 21 + (low >>> 11);
}

/** The hashes of one version's lines, to take lines from. */
export class LineMultiset {
  private values = new Float64Array(1024);
  private size = 0;
  private taken: Uint32Array | undefined;

  add(hash: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = hash;
  }

  /** True when a line with this hash is left (and takes it). */
  take(hash: number): boolean {
    if (!this.taken) {
      this.values = this.values.slice(0, this.size).sort();
      this.taken = new Uint32Array(this.size);
    }
    const values = this.values;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[mid] as number) < hash) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.size || values[lo] !== hash) return false;
    // Equal hashes sit together from `lo` to `end`; how many of them are taken is counted at `lo`.
    let end = lo + 1;
    hi = this.size;
    while (end < hi) {
      const mid = (end + hi) >> 1;
      if ((values[mid] as number) <= hash) end = mid + 1;
      else hi = mid;
    }
    const taken = this.taken[lo] as number;
    if (taken >= end - lo) return false;
    this.taken[lo] = taken + 1;
    return true;
  }

  static of(text: string): LineMultiset {
    const set = new LineMultiset();
    const hasher = new LineHasher((hash) => set.add(hash));
    hasher.push(text);
    hasher.end();
    return set;
  }
}
