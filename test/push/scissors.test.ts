// commit-msg and the scissors line: git cuts the message there only for `git commit -v` or
// --cleanup=scissors in the editor; with -m or -F a scissors line the user typed is committed with all
// that follows. The hook cannot see the flags, so it scans below the line too, and leaves to the
// pre-commit hook only the lines that are provably git's own diff of staged content.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const SCISSORS = '# ------------------------ >8 ------------------------';

describe('commit-msg below a scissors line', () => {
  let repo: TestRepo;
  let editor: string;
  let oldKey: string;
  const head = async () => (await repo.gitOk(['rev-parse', 'HEAD'])).trim();

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ '.gitignore': 'node_modules/\n', 'README.md': '# app\n' }, 'initial');
    await repo.linkLocalBin();
    const installed = await repo.keyfence(['install', '--no-pre-push']);
    expect(installed.exitCode, installed.all).toBe(0);
    // A key that reached the history before keyfence (committed with the hooks skipped).
    oldKey = fakeOpenAIKey('sk-proj-', 74);
    await repo.commitFiles({ 'legacy.js': `export const legacy = "${oldKey}";\nexport const b = 1;\n` }, 'legacy');
    // An "editor" that types a message line above what git prepared.
    editor = join(repo.home, 'editor.sh');
    await repo.write('../home/editor.sh', '#!/bin/sh\n{ echo "edited message"; cat "$1"; } > "$1.tmp" && mv "$1.tmp" "$1"\n', 0o755);
  });
  afterAll(() => repo.cleanup());
  beforeEach(async () => {
    await repo.gitOk(['reset', '-q', '--hard']);
  });

  it('git commit -m with a typed scissors line: the key after it is committed by git, so it blocks', async () => {
    const secret = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('a.txt', 'a\n');
    await repo.gitOk(['add', 'a.txt']);
    const before = await head();
    const commit = await repo.git(['commit', '-m', `Fix a\n\n${SCISSORS}\ntoken ${secret}`]);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.stderr).toContain('the commit message contains a secret');
    expect(commit.stderr).toContain('commit message, line 4');
    expect(commit.stderr).toContain('Below the scissors line (line 3)');
    expect(commit.all).not.toContain(secret);
    expect(await head()).toBe(before);
  });

  it('--cleanup=scissors with -F: git keeps what follows the scissors line (no editor), so it blocks', async () => {
    const secret = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('msg.txt', `Clean message\n\n${SCISSORS}\n+ ${secret}\n`);
    await repo.write('b.txt', 'b\n');
    await repo.gitOk(['add', 'b.txt']);
    const blocked = await repo.git(['commit', '-q', '--cleanup=scissors', '-F', 'msg.txt']);
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stderr).toContain('Below the scissors line');
    // What the hook prevented: without it, the key is in the commit message.
    expect((await repo.git(['commit', '-q', '--no-verify', '--cleanup=scissors', '-F', 'msg.txt'])).exitCode).toBe(0);
    expect(await repo.gitOk(['log', '-1', '--format=%B'])).toContain(secret);
    await repo.gitOk(['reset', '-q', '--hard', 'HEAD~1']);
  });

  it("a typed imitation of a diff below the scissors line does not pass for git's", async () => {
    const secret = fakeOpenAIKey('sk-proj-', 74);
    await repo.write('c.txt', 'c\n');
    await repo.gitOk(['add', 'c.txt']);
    const fake = `Add c\n\n${SCISSORS}\ndiff --git a/c.txt b/c.txt\nindex 0000000..1234567 100644\n--- a/c.txt\n+++ b/c.txt\n@@ -0,0 +1 @@\n+${secret}\n`;
    const commit = await repo.git(['commit', '-m', fake]);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.stderr).toContain('commit message, line 9');
  });

  it("git commit -v: the diff below the scissors line is git's, and a key on its context or removed lines is not reported", async () => {
    // A context line holding the old key (pre-commit checks added lines only).
    await repo.write('legacy.js', `export const legacy = "${oldKey}";\nexport const b = 2;\n`);
    await repo.gitOk(['add', 'legacy.js']);
    const before = await head();
    const verbose = await repo.git(['commit', '-q', '-v'], { env: { GIT_EDITOR: editor } });
    expect(verbose.exitCode, verbose.all).toBe(0);
    expect(await head()).not.toBe(before);
    expect(await repo.gitOk(['log', '-1', '--format=%B'])).toBe('edited message\n\n');
    // The hook did see the key: git's diff, in the message file, below the scissors line.
    const seen = await repo.read('.git/COMMIT_EDITMSG');
    expect(seen.indexOf(oldKey)).toBeGreaterThan(seen.indexOf(SCISSORS));
    expect(seen.indexOf(SCISSORS)).toBeGreaterThan(0);

    // Removing the key: it is on a "-" line of the diff.
    await repo.write('legacy.js', 'export const legacy = process.env.LEGACY_KEY;\nexport const b = 2;\n');
    await repo.gitOk(['add', 'legacy.js']);
    const removal = await repo.git(['commit', '-q', '-v'], { env: { GIT_EDITOR: editor } });
    expect(removal.exitCode, removal.all).toBe(0);
    expect(await repo.read('.git/COMMIT_EDITMSG')).toContain(`-export const legacy = "${oldKey}";`);
    expect(await repo.gitOk(['show', 'HEAD:legacy.js'])).not.toContain(oldKey);
  });

  it('git commit -v still blocks a key typed into the message above the diff', async () => {
    const secret = fakeOpenAIKey('sk-proj-', 74);
    const typing = join(repo.home, 'typing.sh');
    await repo.write('../home/typing.sh', `#!/bin/sh\n{ echo "key ${secret}"; cat "$1"; } > "$1.tmp" && mv "$1.tmp" "$1"\n`, 0o755);
    await repo.write('d.txt', 'd\n');
    await repo.gitOk(['add', 'd.txt']);
    const before = await head();
    const commit = await repo.git(['commit', '-q', '-v'], { env: { GIT_EDITOR: typing } });
    expect(commit.exitCode).not.toBe(0);
    expect(commit.stderr).toContain('commit message, line 1');
    expect(commit.stderr).not.toContain('Below the scissors line');
    expect(await head()).toBe(before);
  });
});
