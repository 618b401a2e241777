// `keyfence:allow` markers: only in a comment of the file's language, and one finding per marker (the
// one right before it, or the first on the next line), including on megabyte lines; every allowed
// finding is counted, in one thread and in workers, and real commits through the hooks agree.
import { chmod, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect, runDetection } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { scanText } from '../../src/scanners.js';
import { TestRepo, cliPath } from '../support/repo.js';
import { installTestHook } from './support.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);
const lines = (text: string, file?: string) => detect(text, builtinRules, { file }).map((m) => m.line);
const secrets = (text: string, file?: string) => detect(text, builtinRules, { file }).map((m) => m.secret);

describe('inline allow comments', () => {
  it('on the same line, in any comment syntax, and with CRLF', () => {
    expect(lines(`a = "${key()}" // keyfence:allow\n`)).toEqual([]);
    expect(lines(`a = "${key()}" # keyfence:allow reason\r\nb = "${key()}"\r\n`)).toEqual([2]);
  });

  it('allow-next-line covers only the next line, not its own', () => {
    expect(lines(`// keyfence:allow-next-line\na = "${key()}"\nb = "${key()}"\n`)).toEqual([3]);
    expect(lines(`a = "${key()}" // keyfence:allow-next-line\n`)).toEqual([1]);
  });

  it('a later plain marker on a line that also has -next-line still allows that line', () => {
    expect(lines(`a = "${key()}" // keyfence:allow-next-line keyfence:allow\n`)).toEqual([]);
  });

  it('file names that are names of object properties are file names', () => {
    for (const file of ['constructor', 'a.constructor', '__proto__', 'x.toString', 'hasOwnProperty']) {
      expect(lines(`a = "${key()}" # keyfence:allow\n`, file)).toEqual([]);
    }
  });

  it('a marker is a word of its own', () => {
    expect(lines(`a = "${key()}" // keyfence:allowed\n`)).toEqual([1]);
    expect(lines(`a = "${key()}" // notkeyfence:allow\n`)).toEqual([1]);
    expect(lines(`a = "${key()}" // keyfence:allow-this\n`)).toEqual([1]);
  });
});

describe('a marker counts only in a comment of the file', () => {
  it.each([
    ['a string literal before the key', 'app.js', (k: string) => `const note = "keyfence:allow"; const key = "${k}";`],
    ['a string that looks like a comment', 'app.js', (k: string) => `log("// keyfence:allow"); const key = "${k}";`],
    ['the same template literal as the key', 'app.js', (k: string) => `const s = \`${k} // keyfence:allow\`;`],
    ['the same Python string as the key', 'app.py', (k: string) => `key = "${k} # keyfence:allow"`],
    ['a JavaScript comment in Python', 'app.py', (k: string) => `key = "${k}"  // keyfence:allow`],
    ['a shell comment in JavaScript', 'app.js', (k: string) => `const key = "${k}"; # keyfence:allow`],
    ['an SQL comment in YAML', 'deploy.yaml', (k: string) => `key: ${k} -- keyfence:allow`],
    ['a single-quoted string in SQL', 'q.sql', (k: string) => `SELECT '${k}', '-- keyfence:allow';`],
  ])('not in %s', (_case, file, build) => {
    const k = key();
    expect(secrets(build(k), file)).toEqual([k]);
  });

  it.each([
    ['app.js', (k: string) => `const key = "${k}"; // keyfence:allow fixture`],
    ['app.ts', (k: string) => `const key = "${k}"; /* keyfence:allow */`],
    ['app.py', (k: string) => `key = "${k}"  # keyfence:allow`],
    ['q.sql', (k: string) => `SELECT '${k}'; -- keyfence:allow`],
    ['settings.ini', (k: string) => `key = ${k} ; keyfence:allow`],
    ['page.html', (k: string) => `<meta content="${k}"> <!-- keyfence:allow -->`],
    ['run.bat', (k: string) => `set KEY=${k} & REM keyfence:allow`],
    ['.env', (k: string) => `OPENAI_API_KEY=${k} # keyfence:allow`],
    ['Dockerfile', (k: string) => `ENV OPENAI_API_KEY=${k} # keyfence:allow`],
    ['README.md', (k: string) => `Use \`${k}\` in the examples, it isn't real. <!-- keyfence:allow -->`],
  ])('in a comment of %s', (file, build) => {
    expect(secrets(build(key()), file)).toEqual([]);
  });
});

describe('one marker allows one finding', () => {
  it('the finding right before it on its line', () => {
    const [a, b] = [key(), key()];
    expect(secrets(`const keys = ["${a}", "${b}"]; // keyfence:allow`, 'app.js')).toEqual([a]);
    expect(secrets(`const keys = ["${a}" /* keyfence:allow */, "${b}" /* keyfence:allow */];`, 'app.js')).toEqual([]);
  });

  it('else the first finding after its comment on that line', () => {
    const [a, b] = [key(), key()];
    expect(secrets(`/* keyfence:allow */ const a = "${a}", b = "${b}";`, 'app.js')).toEqual([b]);
    expect(secrets(`// keyfence:allow\nconst a = "${a}";`, 'app.js')).toEqual([a]);
  });

  it('allow-next-line: the first finding on the next line', () => {
    const [a, b] = [key(), key()];
    expect(secrets(`// keyfence:allow-next-line\nconst keys = ["${a}", "${b}"];`, 'app.js')).toEqual([b]);
  });

  it('a value that spans lines: allow-next-line before it (a line is read on its own)', () => {
    const rule = builtinRules.find((r) => r.id === 'private-key-rsa');
    const pem = rule?.examples.positive()[0] as string;
    expect(pem).toContain('\n');
    expect(runDetection(`// keyfence:allow-next-line\nconst pem = \`${pem}\`;\n`, builtinRules, { file: 'k.js' })).toEqual({
      matches: [],
      allowedInline: 1,
    });
    // After the closing backtick the marker looks like the inside of a template literal: not honoured.
    expect(runDetection(`const pem = \`${pem}\`; // keyfence:allow\n`, builtinRules, { file: 'k.js' }).allowedInline).toBe(0);
  });

  it('two markers for the same finding allow it once', () => {
    const detection = runDetection(`const a = "${key()}"; // keyfence:allow keyfence:allow`, builtinRules, { file: 'app.js' });
    expect(detection).toEqual({ matches: [], allowedInline: 1 });
  });

  it('on a huge line with many keys, a trailing marker allows only the last key', () => {
    const line = Array.from({ length: 2000 }, () => `"${key()}"`).join(',');
    const detection = runDetection(`${line}\n${line} // keyfence:allow\n`, builtinRules, { file: 'keys.js' });
    expect(detection.matches.length).toBe(3999);
    expect(detection.allowedInline).toBe(1);
  });

  it('one marker in a minified bundle allows the one key before it, not the line', () => {
    const keys = Array.from({ length: 2000 }, () => key());
    const bundle = keys.map((k, i) => `var k${i}="${k}";${i === 999 ? '/* keyfence:allow */' : ''}`).join('');
    const detection = runDetection(`${bundle}\n`, builtinRules, { file: 'dist/app.min.js' });
    expect(detection.allowedInline).toBe(1);
    expect(detection.matches.map((m) => m.secret)).toEqual(keys.filter((_, i) => i !== 999));
  });
});

describe('commit messages (no comments: the marker stands alone)', () => {
  it('allows the key right before it on its line, wherever the message is scanned', async () => {
    const [a, b] = [key(), key()];
    const message = `Rotate the test key\n\nold key ${a} keyfence:allow, new key ${b}\n`;
    expect(secrets(message, '(commit message)')).toEqual([b]);
    const result = await scanText(message, { file: '(commit message)' });
    expect(result.findings.map((f) => f.secret)).toEqual([b]);
    expect(result.suppressed?.inline).toBe(1);
  });
});

describe('real commits through the hooks', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n' }, 'initial');
    await installTestHook(repo);
    const hooksDir = (await repo.gitOk(['rev-parse', '--git-path', 'hooks'])).trim();
    const hook = `${hooksDir.startsWith('/') ? hooksDir : repo.path(hooksDir)}/commit-msg`;
    await writeFile(hook, `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" hook commit-msg "$@"\n`);
    await chmod(hook, 0o755);
  });
  afterAll(() => repo.cleanup());

  async function commit(files: Record<string, string>, message = 'change') {
    for (const [file, content] of Object.entries(files)) await repo.write(file, content);
    await repo.gitOk(['add', '--', ...Object.keys(files)]);
    const result = await repo.git(['commit', '-q', '-m', message]);
    if (result.exitCode !== 0) await repo.gitOk(['reset', '-q']);
    return result;
  }

  it('a marker inside a string literal does not let a key land', async () => {
    const result = await commit({ 'src/note.js': `const note = "keyfence:allow"; const key = "${key()}";\n` });
    expect(result.exitCode, result.all).toBe(1);
    expect(result.stderr).toContain('src/note.js:1:');
  });

  it('one marker in a one-line bundle of keys lets none of the others land', async () => {
    const bundle = Array.from({ length: 50 }, (_, i) => `var k${i}="${key()}";${i === 10 ? '/* keyfence:allow */' : ''}`).join('');
    const result = await commit({ 'dist/app.min.js': `${bundle}\n` });
    expect(result.exitCode, result.all).toBe(1);
    expect(result.stderr).toContain('49 secrets in the staged changes');
    expect(result.stderr).toContain('Allowed: 1 finding by keyfence:allow comments.');
  });

  it('a marker in a comment after the key lets it through, and the report counts it', async () => {
    const result = await commit({ 'test/fixture.js': `export const key = "${key()}"; // keyfence:allow revoked test key\n` });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain('Allowed: 1 finding by keyfence:allow comments.');
  });

  it('commit-msg: a marker after the key on its line of the message lets the commit through', async () => {
    await repo.write('b.txt', 'b\n');
    await repo.gitOk(['add', 'b.txt']);
    const blocked = await repo.git(['commit', '-q', '-m', `Rotate\n\nold key ${key()} (revoked)`]);
    expect(blocked.exitCode, blocked.all).not.toBe(0);
    expect(blocked.stderr).toContain('right after it');
    const allowed = await repo.git(['commit', '-q', '-m', `Rotate\n\nold key ${key()} keyfence:allow (revoked)`]);
    expect(allowed.exitCode, allowed.all).toBe(0);
  });
});
