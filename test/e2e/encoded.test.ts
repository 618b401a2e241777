// Issue 15 item 11 end to end: a real `git commit` through the installed hook is blocked by a key that
// is only there base64-encoded in a Kubernetes Secret; the report names the decoded rule and how the key
// was encoded, shows neither the key nor its encoding, and `keyfence fix` leaves the manifest alone with
// advice instead of rewriting it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { leakedPieces } from '../hardening/leakCases.js';

describe('a key base64-encoded in a Kubernetes Secret', () => {
  let repo: TestRepo;
  const key = fakeOpenAIKey('sk-proj-', 74);
  const encoded = Buffer.from(key).toString('base64');
  const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ntype: Opaque\ndata:\n  OPENAI_API_KEY: ${encoded}\n`;

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# app\n' }, 'initial');
    await repo.linkLocalBin();
    const install = await repo.keyfence(['install']);
    expect(install.exitCode, install.all).toBe(0);
  });
  afterAll(() => repo.cleanup());

  it('blocks the commit, names the rule and the encoding, and leaks neither the key nor the base64', async () => {
    await repo.write('k8s/secret.yaml', manifest);
    await repo.gitOk(['add', 'k8s/secret.yaml']);
    const commit = await repo.git(['commit', '-m', 'add secret']);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.all).toContain('k8s/secret.yaml:7:19');
    expect(commit.all).toContain('OpenAI project API key');
    expect(commit.all).toContain('Found decoded: base64 in a Kubernetes Secret.');
    expect(commit.all).toContain('kubectl create secret generic');
    expect(leakedPieces(commit.all, key)).toEqual([]);
    expect(leakedPieces(commit.all, encoded)).toEqual([]);
    expect((await repo.git(['rev-parse', '--verify', 'HEAD~1'])).exitCode).not.toBe(0);

    const json = await repo.keyfence(['scan', '--staged', '--format', 'json']);
    const [finding] = JSON.parse(json.stdout).findings as Array<Record<string, unknown>>;
    expect(finding).toMatchObject({ ruleId: 'openai-project-key', encoding: 'base64 in a Kubernetes Secret', line: 7, column: 19 });
    const sarif = await repo.keyfence(['scan', '--staged', '--format', 'sarif']);
    for (const output of [json.stdout, sarif.stdout]) {
      expect(leakedPieces(output, key)).toEqual([]);
      expect(leakedPieces(output, encoded)).toEqual([]);
    }
  });

  it('keyfence fix leaves the manifest as it is, with advice, rather than corrupt it', async () => {
    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode).toBe(1);
    expect(fix.all).toContain('k8s/secret.yaml:7');
    expect(fix.all).toContain('keyfence fix does not rewrite manifests');
    expect(leakedPieces(fix.all, key)).toEqual([]);
    expect(leakedPieces(fix.all, encoded)).toEqual([]);
    expect(await repo.read('k8s/secret.yaml')).toBe(manifest);
    expect(await repo.gitOk(['show', ':k8s/secret.yaml'])).toBe(manifest);
  });
});
