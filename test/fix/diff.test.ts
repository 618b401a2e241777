// Our unified diff must be a patch git itself applies: checked with `git apply` on random edits.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from '../../src/fix/diff.js';

describe('unifiedDiff', () => {
  it('is empty for equal texts and shows a new file against /dev/null', () => {
    expect(unifiedDiff('a\n', 'a\n', 'a/x', 'b/x')).toBe('');
    expect(unifiedDiff(undefined, 'A=1\n', 'a/.env', 'b/.env')).toBe('--- /dev/null\n+++ b/.env\n@@ -0,0 +1,1 @@\n+A=1\n');
  });

  it('produces patches that git applies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-diff-'));
    try {
      const line = fc.constantFrom('import os', 'x = 1', 'y = 2', '', 'print(x)', 'KEY = "v"', 'def f():', '    return 1');
      fc.assert(
        fc.property(
          fc.array(line, { maxLength: 30 }),
          fc.array(fc.tuple(fc.nat(40), fc.nat(3), fc.array(line, { maxLength: 3 })), { maxLength: 4 }),
          (lines, edits) => {
            const after = [...lines];
            for (const [at, remove, insert] of edits) after.splice(at % (after.length + 1), remove, ...insert);
            const oldText = lines.length ? `${lines.join('\n')}\n` : '';
            const newText = after.length ? `${after.join('\n')}\n` : '';
            const patch = unifiedDiff(oldText, newText, 'a/f.txt', 'b/f.txt');
            if (!patch) {
              expect(newText).toBe(oldText);
              return;
            }
            writeFileSync(join(dir, 'f.txt'), oldText);
            writeFileSync(join(dir, 'p.diff'), patch);
            execFileSync('git', ['apply', 'p.diff'], { cwd: dir, stdio: 'pipe' });
            expect(readFileSync(join(dir, 'f.txt'), 'utf8')).toBe(newText);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
