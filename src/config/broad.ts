// "This setting would switch the check off": `ignore` globs that match (nearly) every path and `allow`
// regexes that match (nearly) every secret are configuration errors. Whether a glob or a regex matches
// everything cannot be decided by listing spellings (`*`, `**`, `/*`, `?*`, `{a,*}`, `!(x)`, `.`, `|`,
// `^`, `(?:)`, `[\s\S]`...), so it is measured: each is tried on a fixed, varied set of sample paths or
// secrets, and one that accepts most of them is refused. Ordinary settings (`*.lock`, `fixtures`,
// `docs/**/*.md`, `^sk-test-`, `(?i)example`) match a small share of the samples.
import { createPathMatcher } from './pathMatch.js';

/** A share of the samples at or above which a setting counts as matching (nearly) everything. */
const MOST = 0.5;
/** For paths, also: this share of the paths at one depth (`*\/**` spares only the root's files). */
const ALL_AT_ONE_DEPTH = 0.9;

export interface Breadth {
  matched: number;
  total: number;
  /** A few samples it matched, to show (keyfence's own samples: never the user's text). */
  examples: string[];
}

/**
 * How broad each of `globs` is, and all of them together: `each[i]` for the glob at i and `together`
 * for the set, each undefined when narrow. Every glob is compiled once.
 */
export function pathsBreadth(globs: readonly string[]): { each: Array<Breadth | undefined>; together: Breadth | undefined } {
  if (globs.length === 0) return { each: [], together: undefined };
  const matchers = globs.map((glob) => createPathMatcher([glob]));
  const counters = [...matchers.map(() => new Counter()), new Counter()];
  for (const paths of samplePaths()) {
    for (const counter of counters) counter.startDepth();
    for (const path of paths) {
      let any = false;
      matchers.forEach((matches, i) => {
        if (!matches(path)) return;
        any = true;
        (counters[i] as Counter).hit(path);
      });
      if (any) (counters[matchers.length] as Counter).hit(path);
    }
    for (const counter of counters) counter.endDepth(paths.length);
  }
  const verdicts = counters.map((counter) => counter.verdict());
  return { each: verdicts.slice(0, matchers.length), together: verdicts[matchers.length] };
}

class Counter {
  private matched = 0;
  private total = 0;
  private here = 0;
  private oneDepth = false;
  private readonly examples: string[] = [];

  startDepth(): void {
    this.here = 0;
  }

  hit(path: string): void {
    this.here++;
    if (this.examples.length < 3 && this.examples.every((e) => e.split('/').length !== path.split('/').length)) this.examples.push(path);
  }

  endDepth(size: number): void {
    this.matched += this.here;
    this.total += size;
    if (this.here >= size * ALL_AT_ONE_DEPTH) this.oneDepth = true;
  }

  verdict(): Breadth | undefined {
    return this.matched >= this.total * MOST || this.oneDepth
      ? { matched: this.matched, total: this.total, examples: this.examples }
      : undefined;
  }
}

/** How broad an allow regex is, or undefined when it is a narrow one. */
export function secretsBreadth(regex: RegExp): Breadth | undefined {
  const probe = new RegExp(regex.source, regex.flags.replace(/[gy]/g, ''));
  // A regex that matches the empty string matches inside every secret.
  if (probe.test('')) return { matched: 1, total: 1, examples: [] };
  const secrets = sampleSecrets();
  let matched = 0;
  for (const secret of secrets) if (probe.test(secret)) matched++;
  return matched >= secrets.length * MOST ? { matched, total: secrets.length, examples: [] } : undefined;
}

// --- Samples ---------------------------------------------------------------------------------------

/** A small deterministic generator: the same samples on every run and every machine. */
function generator(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) >>> 0;
  };
}

const pick = <T>(next: (n: number) => number, items: readonly T[]): T => items[next(items.length)] as T;

const DIRECTORIES = [
  'src',
  'lib',
  'app',
  'test',
  'tests',
  'docs',
  'config',
  'scripts',
  '.github',
  'packages',
  'cmd',
  'internal',
  'vendor',
  'build',
  'examples',
  'deploy',
  'infra',
  'web',
  'server',
  'Sources',
  'api',
  '.circleci',
  'k8s',
  'terraform',
  'db',
  'main',
  'components',
  'utils',
  'models',
  'public',
  'assets',
  'services',
  'handlers',
  'x',
  'Ünïcode',
  'with space',
  'v2.1',
  '_private',
  '-dash',
  '123',
];
const NAMES = [
  'index',
  'main',
  'app',
  'config',
  'settings',
  'README',
  'client',
  'server',
  'utils',
  'a',
  'x1',
  'Program',
  'values',
  'credentials',
  'docker-compose',
  'secrets',
  'deploy',
  'handler',
  'Z',
  'über',
  'data_2024',
  'my file',
  'keys',
  'env',
  'local',
  'prod',
  '.hidden',
];
const EXTENSIONLESS = [
  'Makefile',
  'Dockerfile',
  'LICENSE',
  'Jenkinsfile',
  'Procfile',
  '.env',
  '.npmrc',
  'id_rsa',
  'run',
  'CODEOWNERS',
  '.gitignore',
];
const EXTENSIONS = [
  '.js',
  '.ts',
  '.py',
  '.go',
  '.rb',
  '.java',
  '.cs',
  '.php',
  '.json',
  '.yaml',
  '.yml',
  '.toml',
  '.ini',
  '.sh',
  '.md',
  '.txt',
  '.xml',
  '.properties',
  '.tf',
  '.kt',
  '.swift',
  '.rs',
  '.c',
  '.h',
  '.cpp',
  '.sql',
  '.html',
  '.vue',
  '.jsx',
  '.tsx',
  '.cfg',
  '.conf',
  '.pem',
  '.ipynb',
  '.gradle',
  '.lock',
  '.env.local',
  '.tar.gz',
];
const PATHS_PER_DEPTH = 24;

let paths: string[][] | undefined;

/** Sample paths at depth 0 (root files), 1, 2 and 3 or more. */
function samplePaths(): string[][] {
  if (paths) return paths;
  const next = generator(0x6b6579);
  const file = () => (next(4) === 0 ? pick(next, EXTENSIONLESS) : `${pick(next, NAMES)}${pick(next, EXTENSIONS)}`);
  paths = [0, 1, 2, 3].map((depth) =>
    Array.from({ length: PATHS_PER_DEPTH }, () => {
      const directories = Array.from({ length: depth + (depth === 3 ? next(3) : 0) }, () => pick(next, DIRECTORIES));
      return [...directories, file()].join('/');
    }),
  );
  return paths;
}

const ALPHABETS = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hex: '0123456789abcdef',
  symbols: '!@#$%^&*()-_=+[]{};:,.<>?/~',
};
const SECRETS = 70;

let secrets: string[] | undefined;

/** Sample secrets of many shapes: random tokens, hex, base64, prefixed keys, JWTs, passwords, URLs, PEM. */
function sampleSecrets(): string[] {
  if (secrets) return secrets;
  const next = generator(0x736563);
  // Random runs are slices of one random pool per alphabet: a few thousand draws, not one per character.
  const pools = new Map<string, string>();
  const run = (alphabet: string, length: number) => {
    let pool = pools.get(alphabet);
    if (!pool) {
      pool = Array.from({ length: 256 }, () => alphabet[next(alphabet.length)]).join('');
      pools.set(alphabet, pool);
    }
    const from = next(pool.length);
    return (pool + pool).slice(from, from + length).padEnd(length, pool);
  };
  const base62 = ALPHABETS.lower + ALPHABETS.upper + ALPHABETS.digits;
  const shapes: Array<() => string> = [
    () => run(base62, 16 + next(48)),
    () => run(ALPHABETS.hex, pick(next, [32, 40, 64])),
    () => run(ALPHABETS.hex.toUpperCase(), pick(next, [16, 32])),
    () => `${run(base62 + '+/', 4 * (6 + next(20)))}${pick(next, ['', '=', '=='])}`,
    () => `${pick(next, ['sk-', 'ghp_', 'xoxb-', 'AKIA', 'glpat-', 'SG.', 'key-', 'tok_', 'pat_'])}${run(base62, 20 + next(40))}`,
    () => `eyJ${run(base62 + '-_', 20 + next(30))}.${run(base62 + '-_', 30 + next(60))}.${run(base62 + '-_', 43)}`,
    () => run(ALPHABETS.lower + ALPHABETS.digits + ALPHABETS.symbols, 8 + next(9)),
    () => `${run(ALPHABETS.upper, 1)}${run(ALPHABETS.lower, 5 + next(6))}${run(ALPHABETS.digits, 1 + next(4))}${run(ALPHABETS.symbols, 1)}`,
    () => run(ALPHABETS.digits, 6 + next(10)),
    () => run(ALPHABETS.upper + ALPHABETS.digits, 20),
    () =>
      `${pick(next, ['postgres', 'mysql', 'mongodb+srv', 'redis', 'amqp'])}://${run(ALPHABETS.lower, 5)}:${run(base62, 12)}@${run(ALPHABETS.lower, 8)}.example:5432/${run(ALPHABETS.lower, 4)}`,
    () => `-----BEGIN PRIVATE KEY-----\n${run(base62 + '+/', 64)}\n${run(base62 + '+/', 40)}\n-----END PRIVATE KEY-----`,
    () => `${run(ALPHABETS.hex, 8)}-${run(ALPHABETS.hex, 4)}-${run(ALPHABETS.hex, 4)}-${run(ALPHABETS.hex, 4)}-${run(ALPHABETS.hex, 12)}`,
    () => `pässwört-${run('äöüßéèçñøå' + ALPHABETS.lower, 10)}`,
  ];
  secrets = Array.from({ length: SECRETS }, (_, i) => (shapes[i % shapes.length] as () => string)());
  return secrets;
}
