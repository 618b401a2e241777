// loadConfig against real files in temp directories: every validation message, and that no message
// ever repeats a secret.
import { mkdtemp, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { secretHash } from '../../src/report/fingerprint.js';
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

describe('finding the config', () => {
  it('uses defaults when there is no config file', async () => {
    const config = await loadConfig(root);
    expect(config).toMatchObject({ ignore: [], allow: [], disable: [], rules: [], allowedSecrets: [], baselineFile: '.keyfence-baseline.json' });
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
    expect(await loadError()).toBe('package.json "keyfence": unknown key "ignroe". Did you mean "ignore"?');
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
    ['allowlist', 'Did you mean "allow"?'],
    ['maxfilebytes', 'Did you mean "maxFileBytes"?'],
    ['rule', 'Did you mean "rules"?'],
    ['disabled', 'Did you mean "disable"?'],
    ['baseLine', 'Did you mean "baseline"?'],
    ['entropy', 'Valid keys: ignore, allow, disable, rules, maxFileBytes, baseline.'],
  ])('%s', async (key, hint) => {
    await writeConfig({ [key]: [] });
    expect(await loadError()).toBe(`.keyfence.json: unknown key "${key}". ${hint}`);
  });

  it('in a custom rule', async () => {
    await writeConfig({ rules: [{ id: 'acme-token', regexp: 'acme_[a-z]+' }] });
    expect(await loadError()).toBe('.keyfence.json: unknown key "regexp" in rules[0]. Did you mean "regex"?');
    await writeConfig({ rules: [{ id: 'acme-token', regex: 'acme_[a-z]+', keyword: ['acme_'] }] });
    expect(await loadError()).toBe('.keyfence.json: unknown key "keyword" in rules[0]. Did you mean "keywords"?');
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
    [{ rules: [{ id: 'Acme_Token', regex: 'a+' }] }, 'rules[0].id must be kebab-case (lowercase letters, digits and dashes), e.g. "acme-api-token"'],
    [{ rules: [{ id: 'acme', regex: 'a+' }, { id: 'acme', regex: 'b+' }] }, 'rules[1].id "acme" is used by two custom rules'],
    [{ rules: [{ id: 'acme' }] }, 'rules[0] ("acme") needs a "regex"'],
    [{ rules: [{ id: 'acme', regex: 'a+', keywords: 'acme' }] }, 'rules[0] ("acme").keywords must be an array of strings, found a string'],
    [{ rules: [{ id: 'acme', regex: 'a+', envVar: 'ACME KEY' }] }, 'rules[0] ("acme").envVar must be an environment variable name (letters, digits, underscores)'],
    [{ rules: [{ id: 'acme', regex: 'a+', minEntropy: 9 }] }, 'rules[0] ("acme").minEntropy must be between 0 and 8'],
    [{ rules: [{ id: 'acme', regex: 'a+', revokeUrl: 42 }] }, 'rules[0] ("acme").revokeUrl must be a string, found a number'],
  ])('%j', async (config, message) => {
    await writeConfig(config);
    expect(await loadError()).toBe(`.keyfence.json: ${message}`);
  });
});

describe('regular expressions', () => {
  it('names the allow entry and the problem, not the regex', async () => {
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    await writeConfig({ allow: ['^ok$', `(${key}`] });
    const message = await loadError();
    expect(message).toBe('.keyfence.json: allow[1]: invalid regular expression: Unterminated group');
    expect(message).not.toContain(key);
  });

  it('names the custom rule and the problem', async () => {
    await writeConfig({ rules: [{ id: 'acme-token', regex: 'acme_[a-z+' }] });
    expect(await loadError()).toBe('.keyfence.json: rules[0] ("acme-token").regex: invalid regular expression: Unterminated character class');
    await writeConfig({ rules: [{ id: 'acme-token', regex: '(?i)' }] });
    expect(await loadError()).toBe('.keyfence.json: rules[0] ("acme-token").regex: the regular expression is empty');
  });

  it('accepts a leading (?i) as gitleaks writes it', async () => {
    await writeConfig({ allow: ['(?i)^example'] });
    expect((await loadConfig(root)).allow).toEqual(['(?i)^example']);
  });
});

describe('the baseline file', () => {
  const hash = secretHash('not-a-real-secret-value');

  it('is read from the default path', async () => {
    await write('.keyfence-baseline.json', JSON.stringify({ version: 1, secrets: [{ hash, rule: 'openai-project-key', preview: 'sk-p****abcd', comment: 'old test key' }] }));
    expect((await loadConfig(root)).allowedSecrets).toEqual([{ hash, rule: 'openai-project-key', preview: 'sk-p****abcd', comment: 'old test key' }]);
  });

  it('is read from the configured path, with path scopes', async () => {
    await writeConfig({ baseline: 'security/baseline.json' });
    await write('security/baseline.json', JSON.stringify({ version: 1, secrets: [{ hash: hash.toUpperCase(), path: 'legacy/**' }] }));
    expect((await loadConfig(root)).allowedSecrets).toEqual([{ hash, path: 'legacy/**' }]);
  });

  it('reports malformed JSON with its own name', async () => {
    await write('.keyfence-baseline.json', '{\n  "secrets": [\n    { "hash": "abc" },\n  ]\n}');
    expect(await loadError()).toBe('.keyfence-baseline.json:4:3: invalid JSON: trailing comma before "]"');
  });

  it('refuses a hash that is not a sha256, without repeating it', async () => {
    const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
    await write('.keyfence-baseline.json', JSON.stringify({ version: 1, secrets: [{ hash: key }] }));
    const message = await loadError();
    expect(message).toBe(
      '.keyfence-baseline.json: secrets[0].hash must be the sha256 of the secret (64 hex characters), never the secret itself; "keyfence baseline" writes it',
    );
  });

  it.each<[unknown, string]>([
    [{ version: 2, secrets: [] }, 'unsupported "version" (this keyfence reads version 1)'],
    [{ version: 1, secret: [] }, 'unknown key "secret". Did you mean "secrets"?'],
    [{ version: 1, secrets: {} }, '"secrets" must be an array of entries'],
    [{ version: 1, secrets: [{ rule: 'x' }] }, 'secrets[0] needs a "hash"'],
    [{ version: 1, secrets: [{ hash, coment: 'x' }] }, 'unknown key "coment" in secrets[0]. Did you mean "comment"?'],
    [{ version: 1, secrets: [{ hash, path: 7 }] }, 'secrets[0].path must be a string, found a number'],
  ])('%j', async (file, message) => {
    await write('.keyfence-baseline.json', JSON.stringify(file));
    expect(await loadError()).toBe(`.keyfence-baseline.json: ${message}`);
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
