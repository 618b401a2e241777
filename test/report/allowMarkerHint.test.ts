// A `keyfence:allow` spelled another way is not honoured (the gate does not widen for lookalikes), and
// the report says what to write instead. Real commits through the installed hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowMarkerHint } from '../../src/detect/inlineAllow.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { TestRepo } from '../support/repo.js';
import { installTestHook } from '../hardening/support.js';

const key = () => fakeOpenAIKey('sk-proj-', 74);

describe('allowMarkerHint', () => {
  it.each([
    ['# keyfence: allow', 'keyfence:allow'],
    ['# KEYFENCE:ALLOW', 'keyfence:allow'],
    ['// keyfence-allow', 'keyfence:allow'],
    ['# keyfence allow', 'keyfence:allow'],
    ['# keyfence_allow', 'keyfence:allow'],
    ['# key-fence:allow', 'keyfence:allow'],
    ['// keyfence:allowed', 'keyfence:allow'],
    ['# gitleaks:allow', 'keyfence:allow'],
    ['# pragma: allowlist secret', 'keyfence:allow'],
    ['# Keyfence: allow next line', 'keyfence:allow-next-line'],
  ])('%s: hints at `%s`', (marker, meant) => {
    const secret = key();
    const hint = allowMarkerHint(`KEY = "${secret}"  ${marker}`, secret);
    expect(hint).toContain(`\`${marker}\``);
    expect(hint).toContain(`write \`${meant}\``);
  });

  it('the real marker that allowed nothing: why', () => {
    const secret = key();
    expect(allowMarkerHint(`const k = "${secret}"; const note = "keyfence:allow";`, secret)).toContain('counts only inside a comment');
    expect(allowMarkerHint(`k = "${secret}" # keyfence:allow-next-line`, secret)).toContain('allows the line after it');
  });

  it('nothing for a line without a marker, and never a piece of the secret', () => {
    const secret = `${key()}keyfence-allow`;
    expect(allowMarkerHint(`const k = "${key()}";`, 'x')).toBeUndefined();
    expect(allowMarkerHint(`k = "${secret}"`, secret)).toBeUndefined();
  });
});

describe('a lookalike marker in a commit', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# demo\n' });
    await installTestHook(repo);
  });
  afterAll(() => repo.cleanup());

  it.each([
    ['settings.py', '# keyfence: allow'],
    ['settings.py', '# KEYFENCE:ALLOW'],
    ['app.js', '// keyfence-allow'],
    ['config.yaml', '# keyfence allow'],
  ])('%s with `%s` still blocks, and the report says what to write', async (file, marker) => {
    const secret = key();
    const text =
      file === 'app.js'
        ? `const key = "${secret}"; ${marker}\n`
        : file.endsWith('.yaml')
          ? `key: ${secret} ${marker}\n`
          : `KEY = "${secret}"  ${marker}\n`;
    await repo.write(file, text);
    await repo.gitOk(['add', file]);
    const commit = await repo.git(['commit', '-q', '-m', 'add']);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.stderr).toContain('keyfence blocked this commit');
    expect(commit.stderr).toContain(`This line has \`${marker}\`, which keyfence does not recognise; write \`keyfence:allow\``);
    expect(commit.all).not.toContain(secret);
    await repo.gitOk(['rm', '-q', '--cached', file]);
  });

  it('the marker spelled right lets the commit through, with no hint', async () => {
    await repo.write('ok.py', `KEY = "${key()}"  # keyfence:allow test fixture\n`);
    await repo.gitOk(['add', 'ok.py']);
    const commit = await repo.git(['commit', '-q', '-m', 'fixture']);
    expect(commit.exitCode, commit.all).toBe(0);
    expect(commit.all).not.toContain('does not recognise');
  });
});
