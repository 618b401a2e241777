// loadConfig against real files in temp directories: every validation message, and that no message
// ever repeats a secret.
import { mkdtemp, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { digestSync, sha256Hex as secretHash } from '../../src/config/baselineHash.js';
import { maskSecret } from '../../src/report/mask.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { UsageError } from '../../src/types.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyfence-config-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(file: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), content);
}

async function writeConfig(config: unknown): Promise<void> {
  await write('.keyfence.json', JSON.stringify(config, null, 2));
}

/** The UsageError message loadConfig throws (fails the test if it does not throw one). */
async function loadError(): Promise<string> {
  try {
    await loadConfig(root);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

/** The message without the `:line:column` after the file name (positions have their own tests). */
const unplaced = (message: string) => message.replace(/^(\S+?):\d+:\d+/, '$1');

describe('finding the config', () => {
  it('uses defaults when there is no config file', async () => {
    const config = await loadConfig(root);
    expect(config).toMatchObject({
      ignore: [],
      allow: [],
      disable: [],
      rules: [],
      allowedSecrets: [],
      baselineFile: '.keyfence-baseline.json',
    });
    expect(config.maxFileBytes).toBe(5 * 1024 * 1024);
    expect(config.source).toBeUndefined();
  });

  it('reads .keyfence.json', async () => {
    await writeConfig({
      $schema: 'https://example.invalid/keyfence.schema.json',
      ignore: ['fixtures/**'],
      allow: ['^sk-test-'],
      disable: ['openai-legacy-key'],
      rules: [{ id: 'acme-token', regex: 'acme_[a-z0-9]{32}', keywords: ['ACME_'] }],
      maxFileBytes: 1000,
      baseline: './config/accepted.json',
    });
    const config = await loadConfig(root);
    expect(config).toMatchObject({
      ignore: ['fixtures/**'],
      allow: ['^sk-test-'],
      disable: ['openai-legacy-key'],
      maxFileBytes: 1000,
      baselineFile: 'config/accepted.json',
      source: '.keyfence.json',
    });
    expect(config.rules).toEqual([{ id: 'acme-token', regex: 'acme_[a-z0-9]{32}', keywords: ['ACME_'] }]);
  });

  it('reads the "keyfence" key of package.json', async () => {
    await write('package.json', JSON.stringify({ name: 'app', keyfence: { ignore: ['dist'] } }));
    const config = await loadConfig(root);
    expect(config.ignore).toEqual(['dist']);
    expect(config.source).toBe('package.json');
  });

  it('ignores a package.json without the key, even a broken one', async () => {
    await write('package.json', '{ "name": "app", }');
    expect((await loadConfig(root)).source).toBeUndefined();
  });

  it('refuses config in both places', async () => {
    await writeConfig({ ignore: ['a'] });
    await write('package.json', JSON.stringify({ keyfence: { ignore: ['b'] } }));
    expect(await loadError()).toMatch(/both \.keyfence\.json and package\.json \("keyfence" key\); keep one/);
  });

  it('names package.json in its errors', async () => {
    await write('package.json', JSON.stringify({ keyfence: { ignroe: [] } }));
    expect(await loadError()).toBe('package.json:1:14 "keyfence": unknown key "ignroe". Did you mean "ignore"?');
    await write('package.json', JSON.stringify({ keyfence: ['x'] }));
    expect(await loadError()).toBe('package.json "keyfence": the configuration must be an object, found an array');
  });
});

describe('malformed JSON', () => {
  const cases: Array<[string, string, string]> = [
    ['{\n  "ignore": ["a"],\n}\n', '3:1', 'trailing comma before "}"'],
    ['{\n  "ignore": ["a"]\n  "allow": []\n}\n', '3:3', 'expected "," or "}" after a property value, found """'],
    ['{ "ignore": ["a", ] }', '1:19', 'trailing comma before "]"'],
    ['{ "ignore": [\'a\'] }', '1:14', 'strings must use double quotes'],
    ['{\n  // why\n  "ignore": []\n}', '2:3', 'comments are not allowed in JSON'],
    ['{ "ignore": ["a\n"] }', '1:16', 'unterminated string (line break inside a string)'],
    ['', '1:1', 'the file is empty'],
    ['{ "ignore": [] } x', '1:18', 'unexpected "x" after the end of the document'],
    ['{ ignore: [] }', '1:3', 'expected a double-quoted property name, found "i"'],
    ['{ "maxFileBytes": 01 }', '1:20', 'expected "," or "}" after a property value, found "1"'],
    ['{ "ignore": [', '1:14', 'expected a value, found the end of the file'],
  ];
  it.each(cases)('%j -> line:column %s', async (text, position, problem) => {
    await write('.keyfence.json', text);
    expect(await loadError()).toBe(`.keyfence.json:${position}: invalid JSON: ${problem}`);
  });

  it('never quotes a secret from the broken file', async () => {
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    await write('.keyfence.json', `{ "allow": ["${key}" }`);
    const message = await loadError();
    expect(message).toMatch(/^\.keyfence\.json:1:\d+: invalid JSON/);
    expect(message).not.toContain(key.slice(8, 20));
  });

  it('accepts a byte order mark', async () => {
    await write('.keyfence.json', '\ufeff{ "ignore": ["a"] }');
    expect((await loadConfig(root)).ignore).toEqual(['a']);
  });
});

describe('unknown keys and typos', () => {
  it.each([
    ['ignroe', 'Did you mean "ignore"?'],
    ['maxfilebytes', 'Did you mean "maxFileBytes"?'],
    ['rule', 'Did you mean "rules"?'],
    ['disabled', 'Did you mean "disable"?'],
    ['baseLine', 'Did you mean "baseline"?'],
    ['maxFileByte', 'Did you mean "maxFileBytes"?'],
  ])('%s', async (key, hint) => {
    await writeConfig({ [key]: [] });
    expect(await loadError()).toBe(`.keyfence.json:2:3: unknown key "${key}". ${hint}`);
  });

  it('does not quote a name that is no slip of a known key (it could be a secret), and says where it is', async () => {
    await writeConfig({ entropy: [] });
    expect(await loadError()).toBe(
      '.keyfence.json:2:3: unknown key (name not shown: it is close to no name keyfence knows, and might be a secret). Valid keys: ignore, allow, disable, rules, maxFileBytes, baseline.',
    );
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    await write('.keyfence.json', `{\n  "ignore": [],\n  "${key}": 1\n}\n`);
    const message = await loadError();
    expect(message).toMatch(/^\.keyfence\.json:3:3: unknown key \(name not shown/);
    await writeConfig({ allowlist: [] });
    expect(await loadError()).toMatch(/unknown key \(name not shown: .*\)\. Did you mean "allow"\?$/);
    expect(message).not.toContain(key.slice(8, 20));
  });

  it('in a custom rule', async () => {
    await writeConfig({ rules: [{ id: 'acme-token', regexp: 'acme_[a-z]+' }] });
    expect(await loadError()).toBe('.keyfence.json:5:7: unknown key "regexp" in rules[0]. Did you mean "regex"?');
    await writeConfig({ rules: [{ id: 'acme-token', regex: 'acme_[a-z]+', keyword: ['acme_'] }] });
    expect(await loadError()).toBe('.keyfence.json:6:7: unknown key "keyword" in rules[0]. Did you mean "keywords"?');
  });

  it('refuses a key written twice (JSON.parse would silently keep the last)', async () => {
    await write('.keyfence.json', '{\n  "ignore": [],\n  "ignore": ["*"]\n}\n');
    expect(await loadError()).toBe(
      '.keyfence.json:3:3: the key "ignore" appears twice; JSON readers keep only one of the two values, so the file says two things: remove one.',
    );
    await write('.keyfence.json', '{ "rules": [{ "id": "a-b", "regex": "x+", "regex": "y+" }] }');
    expect(await loadError()).toMatch(/^\.keyfence\.json:1:43: the key "regex" appears twice in rules\[0\]/);
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    await write('.keyfence.json', `{ "${key}": 1, "${key}": 2 }`);
    const message = await loadError();
    expect(message).toMatch(/the key \(name not shown: .*\) appears twice/);
    expect(message).not.toContain(key.slice(8, 20));
  });

  it('refuses "keyfence" twice in package.json, and a key twice inside it', async () => {
    await write('package.json', '{ "name": "a", "keyfence": { "ignore": ["*"] }, "keyfence": {} }');
    expect(await loadError()).toMatch(/^package\.json:1:49: the key "keyfence" appears twice/);
    await write('package.json', '{ "name": "a", "keyfence": { "allow": [], "allow": ["."] } }');
    expect(await loadError()).toMatch(/^package\.json:1:43 "keyfence": the key "allow" appears twice/);
    // Repeated keys elsewhere in package.json are npm's business.
    await write('package.json', '{ "name": "a", "name": "b", "keyfence": { "ignore": ["dist"] } }');
    expect((await loadConfig(root)).ignore).toEqual(['dist']);
  });
});

describe('wrong types and values', () => {
  it.each<[unknown, string]>([
    [[], 'the configuration must be an object, found an array'],
    [{ ignore: 'dist/**' }, '"ignore" must be an array of strings, found a string'],
    [{ ignore: ['a', 3] }, '"ignore"[1] must be a string, found a number'],
    [{ ignore: [''] }, '"ignore"[0] must not be empty'],
    [{ ignore: ['src', './'] }, '"ignore"[1] would ignore the whole repository'],
    [{ allow: [null] }, '"allow"[0] must be a string, found null'],
    [{ disable: { id: 'x' } }, '"disable" must be an array of strings, found an object'],
    [{ maxFileBytes: '5MB' }, '"maxFileBytes" must be a number, found a string'],
    [{ maxFileBytes: 1.5 }, '"maxFileBytes" must be a whole number'],
    [{ maxFileBytes: 0 }, `"maxFileBytes" must be between 1 and ${Number.MAX_SAFE_INTEGER}`],
    [{ baseline: true }, '"baseline" must be a string, found a boolean'],
    [{ baseline: '/etc/baseline.json' }, '"baseline" must be a path relative to the repository root'],
    [{ baseline: '../baseline.json' }, '"baseline" must stay inside the repository (no "..")'],
    [{ rules: {} }, '"rules" must be an array of rule objects, found an object'],
    [{ rules: ['acme'] }, 'rules[0] must be an object, found a string'],
    [{ rules: [{ regex: 'a+' }] }, 'rules[0] needs an "id" (kebab-case, e.g. "acme-api-token")'],
    [
      { rules: [{ id: 'Acme_Token', regex: 'a+' }] },
      'rules[0].id must be kebab-case (lowercase letters, digits and dashes), e.g. "acme-api-token"',
    ],
    [
      {
        rules: [
          { id: 'acme', regex: 'a+' },
          { id: 'acme', regex: 'b+' },
        ],
      },
      'rules[1].id is the same as rules[0].id; each custom rule needs its own id',
    ],
    [{ rules: [{ id: 'acme' }] }, 'rules[0] needs a "regex"'],
    [{ rules: [{ id: 'acme', regex: 'a+', keywords: 'acme' }] }, 'rules[0].keywords must be an array of strings, found a string'],
    [
      { rules: [{ id: 'acme', regex: 'a+', envVar: 'ACME KEY' }] },
      'rules[0].envVar must be an environment variable name (letters, digits, underscores)',
    ],
    [{ rules: [{ id: 'acme', regex: 'a+', minEntropy: 9 }] }, 'rules[0].minEntropy must be between 0 and 8'],
    [{ rules: [{ id: 'acme', regex: 'a+', revokeUrl: 42 }] }, 'rules[0].revokeUrl must be a string, found a number'],
  ])('%j', async (config, message) => {
    await writeConfig(config);
    expect(unplaced(await loadError())).toBe(`.keyfence.json: ${message}`);
  });

  it('says where the value is', async () => {
    await writeConfig({ ignore: ['a', 3] });
    expect(await loadError()).toBe('.keyfence.json:4:5: "ignore"[1] must be a string, found a number');
    await writeConfig({ rules: [{ id: 'acme', regex: 'a+', minEntropy: 9 }] });
    expect(await loadError()).toBe('.keyfence.json:6:7: rules[0].minEntropy must be between 0 and 8');
  });
});

describe('regular expressions', () => {
  it('names the allow entry and the problem, not the regex', async () => {
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    await writeConfig({ allow: ['^ok$', `(${key}`] });
    const message = await loadError();
    expect(message).toBe('.keyfence.json:4:5: allow[1]: invalid regular expression: Unterminated group');
    expect(message).not.toContain(key);
  });

  it('names the custom rule and the problem', async () => {
    await writeConfig({ rules: [{ id: 'acme-token', regex: 'acme_[a-z+' }] });
    expect(await loadError()).toBe('.keyfence.json:5:7: rules[0].regex: invalid regular expression: Unterminated character class');
    await writeConfig({ rules: [{ id: 'acme-token', regex: '(?i)' }] });
    expect(await loadError()).toBe('.keyfence.json:5:7: rules[0].regex: the regular expression is empty');
  });

  it('accepts a leading (?i) as gitleaks writes it', async () => {
    await writeConfig({ allow: ['(?i)^example'] });
    expect((await loadConfig(root)).allow).toEqual(['(?i)^example']);
  });
});

describe('the baseline file', () => {
  const hash = secretHash('not-a-real-secret-value');
  const scrypt = { salt: 'a1'.repeat(16), N: 16384, r: 8, p: 1 };

  it('is read from the default path (version 1, still read)', async () => {
    await write(
      '.keyfence-baseline.json',
      JSON.stringify({ version: 1, secrets: [{ hash, rule: 'openai-project-key', preview: 'sk-p****abcd', comment: 'old test key' }] }),
    );
    const config = await loadConfig(root);
    expect(config.allowedSecrets).toEqual([{ hash, rule: 'openai-project-key', preview: 'sk-p****abcd', comment: 'old test key' }]);
    expect(config.baselineHashing).toEqual({ version: 1 });
  });

  it('reads version 2: scrypt parameters and entries', async () => {
    const digest = digestSync({ version: 2, scrypt }, 'not-a-real-secret-value');
    await write(
      '.keyfence-baseline.json',
      JSON.stringify({
        version: 2,
        scrypt,
        secrets: [{ hash: digest, rule: 'generic-password', preview: maskSecret('not-a-real-secret-value') }],
      }),
    );
    const config = await loadConfig(root);
    expect(config.baselineHashing).toEqual({ version: 2, scrypt });
    expect(config.allowedSecrets).toEqual([{ hash: digest, rule: 'generic-password', preview: 'no********ue' }]);
  });

  it('is read from the configured path, with path scopes', async () => {
    await writeConfig({ baseline: 'security/baseline.json' });
    await write('security/baseline.json', JSON.stringify({ version: 1, secrets: [{ hash: hash.toUpperCase(), path: 'legacy/**' }] }));
    expect((await loadConfig(root)).allowedSecrets).toEqual([{ hash, path: 'legacy/**' }]);
  });

  it('must be a baseline: the setting cannot name just any JSON file', async () => {
    await writeConfig({ baseline: 'package.json' });
    await write('package.json', JSON.stringify({ name: 'app', version: '1.0.0' }));
    expect(await loadError()).toMatch(/^package\.json(:\d+:\d+)?: unknown key/);
    await write('package.json', JSON.stringify({}));
    expect(await loadError()).toBe(
      'package.json: this is not a keyfence baseline (it needs "version" and "secrets"); "keyfence baseline" writes one, and the "baseline" setting must name it',
    );
  });

  it('reports malformed JSON with its own name', async () => {
    await write('.keyfence-baseline.json', '{\n  "secrets": [\n    { "hash": "abc" },\n  ]\n}');
    expect(await loadError()).toBe('.keyfence-baseline.json:4:3: invalid JSON: trailing comma before "]"');
  });

  it('refuses a hash that is not a digest, without repeating it', async () => {
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    await write('.keyfence-baseline.json', JSON.stringify({ version: 1, secrets: [{ hash: key }] }));
    const message = await loadError();
    expect(message).toBe(
      '.keyfence-baseline.json:1:26: secrets[0].hash must be the hash of the secret (64 hex characters), never the secret itself; "keyfence baseline" writes it',
    );
  });

  it('refuses a preview that is not a mask, without repeating it', async () => {
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    for (const file of [
      { version: 1, secrets: [{ hash, preview: key }] },
      { version: 2, scrypt, secrets: [{ hash, preview: key }] },
      { version: 2, scrypt, secrets: [{ hash, preview: 'sk-p****abcd' }] },
    ]) {
      await write('.keyfence-baseline.json', JSON.stringify(file));
      const message = await loadError();
      expect(unplaced(message)).toMatch(
        /^\.keyfence-baseline\.json: secrets\[0\]\.preview must be a masked preview as "keyfence baseline" writes it/,
      );
      expect(message).not.toContain(key.slice(8, 20));
    }
  });

  it('refuses a key written twice', async () => {
    await write('.keyfence-baseline.json', `{ "version": 1, "secrets": [], "secrets": [{ "hash": "${hash}" }] }`);
    expect(await loadError()).toMatch(/^\.keyfence-baseline\.json:1:32: the key "secrets" appears twice/);
  });

  it.each<[unknown, string]>([
    [{ version: 3, secrets: [] }, 'unsupported "version" (this keyfence reads versions 1 and 2)'],
    [{ version: 2, secrets: [] }, 'a version 2 baseline needs "scrypt" (its salt and cost parameters)'],
    [{ version: 2, scrypt: { ...scrypt, salt: 'abc' }, secrets: [] }, 'scrypt.salt must be 32 hex characters'],
    [{ version: 2, scrypt: { ...scrypt, N: 1024 }, secrets: [] }, 'scrypt.N must be between 16384 and 16777216'],
    [{ version: 2, scrypt: { ...scrypt, N: 20000 }, secrets: [] }, 'scrypt.N must be a power of two'],
    [
      { version: 2, scrypt: { ...scrypt, N: 2 ** 20 }, secrets: [] },
      'the scrypt parameters ask for too much work per secret (128·N·r·p at most 134217728; the defaults are N=16384, r=8, p=1)',
    ],
    [
      { version: 1, scrypt, secrets: [] },
      'unknown key (name not shown: it is close to no name keyfence knows, and might be a secret). Valid keys: version, secrets.',
    ],
    [{ version: 1, secret: [] }, 'unknown key "secret". Did you mean "secrets"?'],
    [{ version: 1, secrets: {} }, '"secrets" must be an array of entries'],
    [{ version: 1, secrets: [{ rule: 'x' }] }, 'secrets[0] needs a "hash"'],
    [{ version: 1, secrets: [{ hash, coment: 'x' }] }, 'unknown key "coment" in secrets[0]. Did you mean "comment"?'],
    [{ version: 1, secrets: [{ hash, path: 7 }] }, 'secrets[0].path must be a string, found a number'],
    [
      { version: 1, secrets: [{ hash, rule: 'Not A Rule' }] },
      'secrets[0].rule must be a rule id (kebab-case, as "keyfence baseline" writes it)',
    ],
  ])('%j', async (file, message) => {
    await write('.keyfence-baseline.json', JSON.stringify(file));
    expect(unplaced(await loadError())).toBe(`.keyfence-baseline.json: ${message}`);
  });
});

describe('a config file that is a broken symbolic link', () => {
  it('is an error naming the file, not a silent fall-back to the defaults', async () => {
    await symlink(join(root, 'shared', 'keyfence.json'), join(root, '.keyfence.json'));
    const message = await loadError();
    expect(message).toContain('.keyfence.json');
    expect(message).toContain('symbolic link to a file that does not exist');
  });

  it('is an error for the baseline file too', async () => {
    await writeConfig({ baseline: 'baseline.json' });
    await symlink(join(root, 'gone.json'), join(root, 'baseline.json'));
    expect(await loadError()).toContain('baseline.json');
  });
});
