// A rule anchored at its keywords (Rule.anchor) is only tried at a few positions per keyword, a rule with
// Rule.reachLines only a few lines past it, a rule with Rule.keywordLine only on lines that hold it:
// speed-ups that must never change what the rule finds. Each
// such rule is run against the same rule without them on the examples of every rule, in many surroundings
// and as several kinds of file, and on generated text. Rule.appliesTo says which files a rule is for (a
// `.env` rule, an MCP-config rule): such a rule is compared only on the files it applies to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/types.js';
import { fakePassword } from '../../src/rules/generic/fakes.js';

const anchored = builtinRules.filter(
  (rule) =>
    rule.anchor !== undefined ||
    rule.precheck !== undefined ||
    rule.reachLines !== undefined ||
    rule.appliesTo !== undefined ||
    rule.keywordLine !== undefined,
);
const unanchored = new Map(
  anchored.map((rule) => [
    rule.id,
    { ...rule, anchor: undefined, precheck: undefined, reachLines: undefined, appliesTo: undefined, keywordLine: undefined } as Rule,
  ]),
);
// One rule set per rule, made once: the engine caches what it compiles by the array.
const alone = new Map<string, [Rule[], Rule[]]>(anchored.map((rule) => [rule.id, [[rule], [unanchored.get(rule.id) as Rule]]]));

/**
 * Whether `rule` can find anything in `text`: a rule runs only where one of its keywords occurs, in the
 * text or in the view that joins adjacent string literals (quotes, `+` and blanks left out). Texts it
 * cannot run on are skipped: both forms of the rule find nothing there.
 */
function mayRun(rule: Rule, text: string): boolean {
  if (rule.keywords.length === 0) return true;
  const lower = text.toLowerCase();
  const joined = lower.replace(/["'`+\s\\]/g, '');
  return rule.keywords.some((k) => lower.includes(k) || joined.includes(k));
}

/** What surrounds an example: names and values glued to other words, quoted, after options, in lists. */
const SURROUNDINGS: Array<(text: string) => string> = [
  (t) => t,
  (t) => `x${t}`,
  (t) => `my-${t}`,
  (t) => `.${t}`,
  (t) => `--${t}`,
  (t) => `-${t}`,
  (t) => `"${t}"`,
  (t) => `'${t}',`,
  (t) => `{ ${t} }`,
  (t) => `f(${t}, other)`,
  (t) => `  - ${t}\n`,
  (t) => `${t} ${t}`,
  (t) => `config.${t.replace(/\n/g, ' ')}`,
  (t) => `// ${t}`,
  (t) => `$${t}`,
  (t) => `@${t}`,
  (t) => `/${t}`,
  // JSON held in a string, and a quoted name glued to what precedes it.
  (t) => t.replace(/"/g, '\\"'),
  (t) => `x"${t}`,
  // No operator, only blanks (a DSL call, a header directive, or a sentence in prose).
  (t) => t.replace(/[ \t]*(?:[:=]+|=>)[ \t]*/g, ' '),
  (t) => `proxy_set_header ${t.replace(/[ \t]*[:=]+[ \t]*/g, ' ')}`,
  (t) => `RequestHeader set ${t.replace(/[ \t]*[:=]+[ \t]*/g, ' ')}`,
];

const examples = builtinRules.flatMap((rule) => [...rule.examples.positive(), ...rule.examples.negative]);
const files = [undefined, 'app.ts', 'config.yaml', 'Dockerfile', 'README.md', '.env'];
const oneLineFiles = ['app.ts'];
/** For rules of some files only, the files they apply to among these. */
const specialFiles = ['.mcp.json', '.cursor/mcp.json', '.codex/config.toml', 'src/App.tsx', 'src/routes/+page.svelte'];

function filesFor(rule: Rule, among: ReadonlyArray<string | undefined>): Array<string | undefined> {
  const appliesTo = rule.appliesTo;
  if (!appliesTo) return [...among];
  // Two kinds of file at most: such rules read every example (few have keywords), and each file costs a full pass.
  return [...among, ...specialFiles].filter((file): file is string => file !== undefined && appliesTo(file)).slice(0, 2);
}

function sameFindings(rule: Rule, text: string, file: string | undefined): void {
  if (rule.appliesTo && (file === undefined || !rule.appliesTo(file))) return;
  const [fast, plain] = alone.get(rule.id) as [Rule[], Rule[]];
  // Anchoring may only add: an unbounded search can spend the text on a longer candidate that its
  // validation then refuses (a whole `NAME=https://...?access_token=<hex>` line), where the search
  // started at the keyword's word finds the parameter. Every unbounded finding must be kept.
  const found = detect(text, fast, { file });
  for (const finding of detect(text, plain, { file }))
    expect(found, `${rule.id} on ${JSON.stringify(text.slice(0, 80))}`).toContainEqual(finding);
}

describe('anchored and line-bounded rules find what they find unbounded', () => {
  it('has anchored rules to check', () => {
    expect(anchored.length).toBeGreaterThan(0);
  });

  it.each(anchored.map((rule) => [rule.id, rule] as const))(
    '%s: every example of every rule, in many surroundings',
    (_id, rule) => {
      for (const surround of SURROUNDINGS) {
        // One text per surrounding, examples on their own lines and then run together on one line; only
        // the examples the rule can run on (mayRun), the others leave both forms of it silent.
        const texts = examples.map(surround).filter((text) => mayRun(rule, text));
        for (const file of filesFor(rule, files)) sameFindings(rule, texts.join('\n'), file);
        // One line of up to 150,000 characters: every rule runs there too. One kind of file (code, where the
        // assignment rule reads the most around a keyword): each kind adds a sixth to this test's time.
        for (const file of filesFor(rule, oneLineFiles).slice(0, 1)) sameFindings(rule, texts.join(' ').replace(/\n/g, ' '), file);
      }
      // The assignment rule runs on nearly every example, and there are a few per rule of the catalogue.
      // With 800 rules it takes about 3 minutes alone on two cores: the limit leaves room for a loaded machine.
    },
    900_000,
  );

  it('names up to and past the longest the assignment rule reads (81 characters)', () => {
    const rule = builtinRules.find((r) => r.id === 'generic-secret-assignment') as Rule;
    const value = fakePassword();
    // The keyword must lie in the name's first 61 characters, and the name end with a secret word.
    const texts = Array.from({ length: 34 }, (_, i) => `${'a'.repeat(50)}_pass_${'b'.repeat(i)}_password`).flatMap((name) => [
      `${name} = "${value}"`,
      `"${name}": "${value}"`,
      `${name}"] = "${value}"`,
      `${name}\\": \\"${value}\\"`,
    ]);
    for (const file of files) sameFindings(rule, texts.join('\n'), file);
  });

  it('values after type annotations, string prefixes and wrappers, with and without an operator', () => {
    const rule = builtinRules.find((r) => r.id === 'generic-secret-assignment') as Rule;
    const v = fakePassword();
    const values = [
      `"${v}"`,
      `@"${v}"`,
      `r"${v}"`,
      `u'${v}'`,
      `b'${v}'`,
      `Rb"${v}"`,
      `U"${v}"`,
      `\\"${v}\\"`,
      `new String("${v}")`,
      `String::from("${v}")`,
      `[]byte("${v}")`,
      `Buffer.from('${v}')`,
      `Encoding.UTF8.GetBytes("${v}")`,
      `utf8.encode("${v}")`,
      `SecretStr("${v}")`,
      `bytes("${v}")`,
      v,
    ];
    const heads = [
      'apiToken: Token = ',
      'dbPassword: string = ',
      'val dbPassword: Array<Char>? = ',
      'const API_KEY: &str = ',
      "static API_KEY: &'static str = ",
      'password = ',
      'password ',
      'token: ',
      'secret := ',
      'key => ',
      '"password", ',
      'proxy_set_header X-Api-Key ',
      '#define API_KEY ',
    ];
    const texts = heads.flatMap((head) => values.map((value) => `${head}${value}`));
    for (const file of files) sameFindings(rule, texts.join('\n'), file);
    // Not vacuous: the typed and prefixed forms are findings in code.
    const found = detect(texts.join('\n'), [rule], { file: 'app.ts' }).map((m) => m.line);
    expect(found).toContain(1 + texts.indexOf(`dbPassword: string = "${v}"`));
    expect(found).toContain(1 + texts.indexOf(`password = @"${v}"`));
  });

  it('generated text built from keywords, names and assignment syntax', () => {
    const pieces = [
      ...new Set(anchored.flatMap((rule) => rule.keywords)),
      'API',
      'KEY',
      'Secret',
      'Token',
      'pass',
      'word',
      'db',
      '_',
      '-',
      '--',
      '.',
      '$',
      '@',
      '/',
      ' ',
      '\t',
      '\n',
      '=',
      ':',
      ':=',
      '=>',
      '"',
      "'",
      '`',
      '\\',
      ',',
      ';',
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '<',
      '>',
      'Bearer ',
      'Basic ',
      'Password=',
      'host=db ',
      'user=app ',
      'Xk9mQ2vL8pR4tZ7wN3bH6cJ1',
      'f0e1d2c3b4a5968778695a4b3c2d1e0f',
      'hunter2',
      'changeme',
      'process.env.API_KEY',
      // The shapes the assignment rule's precheck reads: escaped quotes, closing brackets, every operator,
      // names near the 81-character limit, comments.
      '\\"',
      '\\',
      ']',
      ')',
      '(',
      '::=',
      '?=',
      '??=',
      '||=',
      '?:',
      '<-',
      '!=',
      '!==',
      '===',
      '=>',
      ': str ',
      '// ',
      '# ',
      ' * ',
      'a'.repeat(40),
      'b'.repeat(78),
      'getToken()',
      'token;',
      // Values after a name with no operator: what may turn out quoted (prefixes, wrappers) and what may
      // not, after header directives and defines.
      'proxy_set_header ',
      'add_header ',
      'Header set ',
      '#define ',
      'String(',
      'new ',
      '[]byte(',
      'Buffer.from(',
      'r',
      'b',
      'u',
      'U',
      'E',
      'S',
      ' (for example ',
      'page ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), fc.constantFrom(...files), (parts, file) => {
        const text = parts.join('');
        for (const rule of anchored) if (mayRun(rule, text)) sameFindings(rule, text, file);
      }),
      { numRuns: 1500, seed: 20261204 },
    );
  });
});
