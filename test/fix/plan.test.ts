// planFix/applyPlan on findings built here (kinds of secret the built-in rules may not detect yet),
// in a real repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/repoIndex.js';
import { planFix } from '../../src/fix/plan.js';
import { applyPlan, renderDiff, renderSummary } from '../../src/fix/apply.js';
import { randomString } from '../../src/rules/fake.js';
import type { Finding } from '../../src/types.js';
import { TestRepo } from '../support/repo.js';
import { parseEnv } from 'node:util';

/** A finding for each occurrence of `secret` in `text`, as the scanner reports them. */
function findingsIn(file: string, text: string, secret: string, ruleId = 'generic-assignment', envVar = ''): Finding[] {
  const out: Finding[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, i) => {
    const column = lineText.indexOf(secret);
    if (column === -1) return;
    out.push({
      ruleId,
      description: 'test',
      category: 'generic',
      file,
      line: i + 1,
      column: column + 1,
      endLine: i + 1,
      endColumn: column + 1 + secret.length,
      secret,
      lineText,
      fingerprint: 'x',
      envVar,
      suggestion: '',
      severity: 'block',
    });
  });
  return out;
}

describe('planFix on other kinds of files', () => {
  let repo: TestRepo;
  let git: Git;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# x\n' });
    git = await Git.open(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('untracks and ignores a file that is a credential in itself', async () => {
    const secret = randomString(64, 'b64');
    const pem = `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\n`;
    await repo.write('deploy/server.pem', pem);
    await repo.gitOk(['add', 'deploy/server.pem']);
    const plan = await planFix(git, findingsIn('deploy/server.pem', pem, secret, 'private-key', 'PRIVATE_KEY'), repo.dir);
    expect(renderDiff(plan)).not.toContain(secret);
    await applyPlan(git, plan);
    expect(await repo.gitOk(['ls-files', 'deploy/server.pem'])).toBe('');
    expect(await repo.read('deploy/server.pem')).toBe(pem);
    expect(await repo.gitOk(['show', ':.gitignore'])).toBe('/deploy/server.pem\n');
    expect(plan.envFiles).toEqual([]);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'pem']);
  });

  it('turns a Terraform literal into a sensitive variable set through TF_VAR_', async () => {
    const secret = randomString(40, 'b62');
    const tf = `resource "aws_db_instance" "main" {\n  password = "${secret}"\n}\n`;
    await repo.write('infra/variables.tf', 'variable "region" {}\n');
    await repo.write('infra/main.tf', tf);
    await repo.gitOk(['add', 'infra']);
    const plan = await planFix(git, findingsIn('infra/main.tf', tf, secret), repo.dir);
    await applyPlan(git, plan);
    expect(await repo.gitOk(['show', ':infra/main.tf'])).toBe(
      'resource "aws_db_instance" "main" {\n  password = var.aws_db_instance_password\n}\n\nvariable "aws_db_instance_password" {\n  type      = string\n  sensitive = true\n}\n',
    );
    expect(await repo.read('.env')).toBe(`TF_VAR_aws_db_instance_password=${secret}\n`);
    expect(renderSummary(plan, false)).not.toContain(secret);
    await repo.gitOk(['commit', '-q', '--no-verify', '-m', 'tf']);
  });

  it('empties an appsettings.json setting and sets its __ override in .env', async () => {
    const secret = randomString(40, 'b62');
    const json = `{\n  "Stripe": {\n    "SecretKey": "${secret}"\n  }\n}\n`;
    await repo.write('appsettings.json', json);
    await repo.gitOk(['add', 'appsettings.json']);
    const plan = await planFix(git, findingsIn('appsettings.json', json, secret), repo.dir);
    expect(plan.fixed.map((f) => f.envVar)).toEqual(['Stripe__SecretKey']);
    await applyPlan(git, plan);
    expect(await repo.gitOk(['show', ':appsettings.json'])).toBe('{\n  "Stripe": {\n    "SecretKey": ""\n  }\n}\n');
    expect(await repo.read('.env')).toMatch(new RegExp(`^Stripe__SecretKey=${secret}$`, 'm'));
    expect(await repo.gitOk(['show', ':.env.example'])).toMatch(/^Stripe__SecretKey=$/m);
  });

  it('names generic secrets after their identifiers, without clashes', async () => {
    const a = randomString(32, 'b62');
    const b = randomString(32, 'b62');
    const text = `const dbPassword = "${a}";\nconst settings = { dbPassword: "${b}" };\n`;
    await repo.write('src/db.js', text);
    await repo.gitOk(['add', 'src/db.js']);
    const plan = await planFix(git, [...findingsIn('src/db.js', text, a), ...findingsIn('src/db.js', text, b)], repo.dir);
    await applyPlan(git, plan);
    expect(await repo.gitOk(['show', ':src/db.js'])).toBe(
      'const dbPassword = process.env.DB_PASSWORD;\nconst settings = { dbPassword: process.env.DB_PASSWORD_2 };\n',
    );
    expect(await repo.read('.env')).toContain(`DB_PASSWORD=${a}\nDB_PASSWORD_2=${b}\n`);
  });

  it('keeps a byte-order mark and CRLF line endings, and leaves non-UTF-8 files alone', async () => {
    const secret = randomString(32, 'b62');
    const text = `\uFEFFconst apiToken = "${secret}";\r\nexport default apiToken;\r\n`;
    await repo.write('src/bom.js', text);
    const latin1 = Buffer.concat([Buffer.from('const caf'), Buffer.from([0xe9]), Buffer.from(` = "${secret}";\n`)]);
    await repo.write('src/latin1.js', latin1);
    await repo.gitOk(['add', 'src/bom.js', 'src/latin1.js']);
    const findings = [...findingsIn('src/bom.js', text, secret), ...findingsIn('src/latin1.js', latin1.toString('latin1'), secret)];
    const plan = await planFix(git, findings, repo.dir);
    expect(plan.adviceOnly).toEqual([expect.objectContaining({ file: 'src/latin1.js', reason: expect.stringMatching(/not UTF-8/) })]);
    await applyPlan(git, plan);
    expect(await repo.read('src/bom.js')).toBe('\uFEFFconst apiToken = process.env.API_TOKEN;\r\nexport default apiToken;\r\n');
    expect(await repo.gitOk(['show', ':src/bom.js'])).toBe(await repo.read('src/bom.js'));
  });

  it('handles paths with spaces and non-ASCII characters', async () => {
    const secret = randomString(32, 'b62');
    const text = `menu_token = "${secret}"\n`;
    const file = 'src/café menu.py';
    await repo.write(file, text);
    await repo.gitOk(['add', file]);
    const plan = await planFix(git, findingsIn(file, text, secret), repo.dir);
    await applyPlan(git, plan);
    expect(await repo.gitOk(['show', `:${file}`])).toBe('import os\n\nmenu_token = os.environ["MENU_TOKEN"]\n');
    expect(await repo.read(file)).toBe('import os\n\nmenu_token = os.environ["MENU_TOKEN"]\n');
  });
  it('moves a PEM block out of JavaScript and Python; both programs still see the same key', async () => {
    const body = Array.from({ length: 4 }, () => randomString(64, 'b64')).join('\n');
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    const tq = '"'.repeat(3);
    const js = `import { createHash } from 'node:crypto';\nconst signingKey = \`${pem}\`;\nconsole.log(createHash('sha256').update(signingKey).digest('hex'));\n`;
    const py = `import hashlib\n\nSIGNING_KEY = ${tq}${pem}${tq}\nprint(hashlib.sha256(SIGNING_KEY.encode()).hexdigest())\n`;
    await repo.write('keys/sign.mjs', js);
    await repo.write('keys/sign.py', py);
    await repo.gitOk(['add', 'keys']);
    const before = [(await repo.run(process.execPath, ['keys/sign.mjs'])).stdout, (await repo.run('python3', ['keys/sign.py'])).stdout];
    // As the scanner reports a key over several lines: position of its start, the line it starts on.
    const finding = (file: string, text: string): Finding => {
      const line = text.slice(0, text.indexOf(pem)).split('\n').length;
      const lineText = text.split('\n')[line - 1] as string;
      return { ...findingsIn(file, lineText, '-----BEGIN', 'private-key', 'PRIVATE_KEY')[0]!, secret: pem, endLine: line + 5, line };
    };
    const plan = await planFix(git, [finding('keys/sign.mjs', js), finding('keys/sign.py', py)], repo.dir);
    expect(plan.adviceOnly).toEqual([]);
    expect(renderDiff(plan)).not.toContain(body.slice(0, 40));
    await applyPlan(git, plan);
    expect(await repo.gitOk(['show', ':keys/sign.mjs'])).toContain('const signingKey = process.env.SIGNING_KEY;');
    // .env as Node's own loader reads it.
    const env = parseEnv(await repo.read('.env')) as Record<string, string>;
    expect(env.SIGNING_KEY).toBe(pem);
    const after = [
      (await repo.run(process.execPath, ['--env-file=.env', 'keys/sign.mjs'])).stdout,
      (await repo.run('python3', ['keys/sign.py'], { env })).stdout,
    ];
    expect(after).toEqual(before);
  });
});
