// The installer's text edits, which must be exactly reversible: husky hook lines, the lint-staged task,
// and the managed block of keyfence's own hook script.
import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLines, huskyCommand, removeLines } from '../../src/install/husky.js';
import { addLintStagedTask, findLintStaged, removeLintStagedTask } from '../../src/install/lintStaged.js';
import { isEmptyScript, removeBlock, renderGitHook, replaceBlock } from '../../src/install/template.js';
import { shellQuote } from '../../src/install/shellQuote.js';

const COMMAND = 'keyfence hook pre-commit "$@"';
const MARKER = '# keyfence: secret check (added by "keyfence install"; "keyfence uninstall" removes it)';

describe('husky hook lines', () => {
  const files = [
    '',
    'npm test\n',
    'npm test',
    'npx lint-staged\nexit 0\n',
    '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx lint-staged\nexec < /dev/tty\nnode check.js\n',
    'npm test\r\nexit 1\r\n',
    'lint\nexec git-secrets --scan\n\n# trailing comment\n',
  ];
  it.each(files)('adds and removes exactly its lines: %j', (original) => {
    const added = addLines(original, COMMAND);
    expect(added).toContain(COMMAND);
    expect(addLines(added, COMMAND)).toBe(added);
    expect(removeLines(added)).toEqual({ text: original, created: false });
  });

  it('goes first: after the shebang, comments and shell set-up, before anything that could skip it', () => {
    const command = huskyCommand('pre-commit', 'node_modules/.bin/keyfence');
    const file =
      '#!/usr/bin/env sh\n# checks\nexport PATH="$HOME/.nvm/bin:$PATH"\n. "$HOME/.profile"\nset +e\n[ -n "$CI" ] && exit 0\nlint-staged\nexit 0\n';
    expect(addLines(file, command).split('\n').slice(0, 7)).toEqual([
      '#!/usr/bin/env sh',
      '# checks',
      'export PATH="$HOME/.nvm/bin:$PATH"',
      '. "$HOME/.profile"',
      'set +e',
      MARKER,
      command,
    ]);
    // Lines that chain commands, continue, or open a quote end the set-up part.
    for (const first of ['A=1; exit 0', 'export X="a', 'set -- a b', 'cd web', 'export A=1 \\']) {
      expect(addLines(`${first}\nnpm test\n`, command).startsWith(`${MARKER}\n`)).toBe(true);
    }
  });

  it('moves the line of an older keyfence (no handshake) to the top; keeps a current line where the user moved it', () => {
    const command = huskyCommand('pre-commit', 'node_modules/.bin/keyfence');
    const original = 'set +e\n[ "$SKIP" ] && exit 0\nnpm test\nexit 0\n';
    const old = 'set +e\n[ "$SKIP" ] && exit 0\nnpm test\n' + `${MARKER}\n${COMMAND}\nexit 0\n`;
    const upgraded = addLines(old, command);
    expect(upgraded).toBe(`set +e\n${MARKER}\n${command}\n[ "$SKIP" ] && exit 0\nnpm test\nexit 0\n`);
    expect(removeLines(upgraded).text).toBe(original);
    const moved = `npm test\n${MARKER}\n${command}\n`;
    expect(addLines(moved, command)).toBe(moved);
    expect(addLines(moved, huskyCommand('pre-commit', 'web/node_modules/.bin/keyfence'))).toContain(
      `npm test\n${MARKER}\nkf_reply=$(NODE_EXTRA_CA_CERTS= KEYFENCE_HOOK_TOKEN=$$ web/node_modules/.bin/keyfence hook`,
    );
  });

  it('updates its command in place when the recorded bin changes', () => {
    const added = addLines('npm test\n', COMMAND);
    const moved = addLines(added, `'apps/web/node_modules/.bin/keyfence' hook pre-commit "$@"`);
    expect(moved).toContain('apps/web/node_modules');
    expect(moved).not.toContain(COMMAND);
    expect(removeLines(moved).text).toBe('npm test\n');
  });
});

describe('lint-staged task', () => {
  const configs: Array<[string, string]> = [
    ['package.json', '{\n  "name": "app",\n  "lint-staged": {\n    "*.js": "eslint --fix"\n  }\n}\n'],
    ['package.json', '{\n\t"lint-staged": {}\n}'],
    ['package.json', '{"lint-staged":{"*.md":"prettier --write"}}'],
    ['.lintstagedrc.json', '{\n  "*.ts": ["prettier --write", "eslint"]\n}\n'],
    ['.lintstagedrc', '{}\n'],
  ];
  it.each(configs)('adds "*": "keyfence scan --staged" to %s and removes it byte for byte: %j', async (name, original) => {
    const dir = await mkdtemp(join(tmpdir(), 'keyfence-lint-staged-'));
    try {
      await writeFile(join(dir, name), original);
      const config = findLintStaged([dir]);
      expect(config?.file).toBe(join(dir, name));
      expect(addLintStagedTask(config!)).toEqual({ changed: true });
      const edited = JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
      const tasks = (name === 'package.json' ? edited['lint-staged'] : edited) as Record<string, unknown>;
      expect(tasks['*']).toBe('keyfence scan --staged');
      expect(findLintStaged([dir])?.hasKeyfence).toBe(true);
      expect(removeLintStagedTask(join(dir, name))).toBe(true);
      expect(await readFile(join(dir, name), 'utf8')).toBe(original);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves configurations it cannot edit safely to the user', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyfence-lint-staged-'));
    try {
      await writeFile(join(dir, 'package.json'), '{"lint-staged":{"*":"prettier --write"}}');
      expect(addLintStagedTask(findLintStaged([dir])!)).toMatchObject({ manual: expect.stringContaining('already has a "*" task') });
      await rm(join(dir, 'package.json'));
      await writeFile(join(dir, 'lint-staged.config.js'), 'export default { "*.js": "eslint" };\n');
      expect(addLintStagedTask(findLintStaged([dir])!)).toHaveProperty('manual');
      expect(await readFile(join(dir, 'lint-staged.config.js'), 'utf8')).toBe('export default { "*.js": "eslint" };\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('keyfence hook script', () => {
  it('keeps lines outside its block when the block is replaced or removed', () => {
    const rendered = renderGitHook('pre-push', 'node_modules/.bin/keyfence');
    const edited = `${rendered}echo after\n`.replace('#!/bin/sh\n', '#!/bin/sh\necho before\n');
    const moved = replaceBlock(edited, renderGitHook('pre-push', 'apps/x/node_modules/.bin/keyfence'));
    expect(moved).toContain('kf_local=apps/x/node_modules/.bin/keyfence');
    expect(moved).toContain('echo before\n');
    expect(moved).toContain('echo after\n');
    expect(removeBlock(moved)).toBe('#!/bin/sh\necho before\necho after\n');
    expect(isEmptyScript(removeBlock(rendered))).toBe(true);
  });

  it('names the bypass of its own operation', () => {
    expect(renderGitHook('pre-push')).toContain('git push --no-verify');
    expect(renderGitHook('commit-msg')).toContain('git commit --no-verify');
  });

  it('quotes paths for sh', () => {
    expect(shellQuote('node_modules/.bin/keyfence')).toBe('node_modules/.bin/keyfence');
    expect(shellQuote("my app's/bin")).toBe(`'my app'\\''s/bin'`);
  });
});

describe('keyfence hook script under sh -eu (a user may add `set -eu` above the block)', () => {
  /** Runs a rendered pre-push hook in `dir` with a stand-in keyfence and, optionally, a previous hook. */
  async function runHook(previousStatus: number | undefined, keyfenceStatus: number) {
    const dir = await mkdtemp(join(tmpdir(), 'keyfence-script-'));
    try {
      const hook = join(dir, 'hooks', 'pre-push');
      await mkdir(join(dir, 'hooks'));
      await mkdir(join(dir, 'node_modules', '.bin'), { recursive: true });
      await writeFile(hook, renderGitHook('pre-push').replace('#!/bin/sh\n', '#!/bin/sh\nset -eu\n'), { mode: 0o755 });
      const reply = keyfenceStatus === 0 ? 'echo "keyfence-ok $KEYFENCE_HOOK_TOKEN"\n' : '';
      await writeFile(
        join(dir, 'node_modules', '.bin', 'keyfence'),
        `#!/bin/sh\ncat > in.k\nprintf 'keyfence %s|%s|%s\\n' "$*" "$(cat in.k)" "$(wc -c < in.k)" >> log\n${reply}exit ${keyfenceStatus}\n`,
        { mode: 0o755 },
      );
      if (previousStatus !== undefined) {
        await writeFile(
          `${hook}.keyfence-chained`,
          `#!/bin/sh\ncat > in.p\nprintf 'previous %s|%s|%s\\n' "$*" "$(cat in.p)" "$(wc -c < in.p)" >> log\nexit ${previousStatus}\n`,
          { mode: 0o755 },
        );
      }
      const result = spawnSync('sh', [hook, 'origin', 'my remote'], {
        cwd: dir,
        input: 'refs/heads/a 1 refs/heads/a 0\n\n',
        encoding: 'utf8',
      });
      const log = existsSync(join(dir, 'log')) ? await readFile(join(dir, 'log'), 'utf8') : '';
      return { status: result.status, log };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('gives both hooks the same arguments and stdin, and passes on the first failure', async () => {
    expect(await runHook(0, 0)).toEqual({
      status: 0,
      log: 'previous origin my remote|refs/heads/a 1 refs/heads/a 0|31\nkeyfence hook pre-push origin my remote|refs/heads/a 1 refs/heads/a 0|31\n',
    });
    expect(await runHook(5, 0)).toEqual({ status: 5, log: 'previous origin my remote|refs/heads/a 1 refs/heads/a 0|31\n' });
    expect((await runHook(0, 1)).status).toBe(1);
    expect(await runHook(undefined, 0)).toEqual({
      status: 0,
      log: 'keyfence hook pre-push origin my remote|refs/heads/a 1 refs/heads/a 0|31\n',
    });
  });
});
