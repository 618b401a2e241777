// `keyfence fix` names a variable from the rule's own name (Finding.ruleEnvVar), not from the name the
// scan's advice gave it, and without the built-in rule catalogue: a custom rule's name counts too.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/repoIndex.js';
import { planFix } from '../../src/fix/plan.js';
import { randomString } from '../../src/rules/fake.js';
import type { Finding } from '../../src/types.js';
import { TestRepo } from '../support/repo.js';

describe('fix names from the rule variable the finding carries', () => {
  let repo: TestRepo;
  let git: Git;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# x\n' });
    git = await Git.open(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it("starts from ruleEnvVar, a custom rule's name included", async () => {
    const secret = `acme_${randomString(32, 'an')}`;
    const lineText = `const k = "${secret}";`;
    await repo.write('src/client.js', `${lineText}\n`);
    const finding: Finding = {
      ruleId: 'acme-token',
      description: 'Acme token (custom rule)',
      category: 'generic',
      file: 'src/client.js',
      line: 1,
      column: lineText.indexOf(secret) + 1,
      endLine: 1,
      endColumn: lineText.indexOf(secret) + 1 + secret.length,
      secret,
      lineText,
      fingerprint: 'x',
      envVar: 'NAME_FROM_THE_SCAN',
      ruleEnvVar: 'ACME_TOKEN',
      suggestion: '',
      severity: 'block',
    };
    const plan = await planFix(git, [finding], repo.dir);
    expect(plan.fixed.map((f) => f.envVar)).toEqual(['ACME_TOKEN']);
  });

  it('needs no built-in rule to name a variable', () => {
    const source = readFileSync(new URL('../../src/fix/plan.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/rules\/index\.js/);
  });
});
