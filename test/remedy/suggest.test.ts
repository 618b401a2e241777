import { describe, expect, it } from 'vitest';
import { suggestRemedies, suggestRemedy, type RemedyInput } from '../../src/remedy/suggest.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { randomString } from '../../src/rules/fake.js';

const key = fakeOpenAIKey('sk-proj-', 20, 'b62');
const other = randomString(32, 'b62');

function input(file: string, lineText: string, secret = key, extra: Partial<RemedyInput> = {}): RemedyInput {
  const openai = secret === key;
  return {
    file,
    ruleId: openai ? 'openai-project-key' : 'generic-assignment',
    envVar: openai ? 'OPENAI_API_KEY' : undefined,
    lineText,
    secret,
    ...extra,
  };
}

const generic = (file: string, lineText: string, extra: Partial<RemedyInput> = {}) => suggestRemedy(input(file, lineText, other, extra));

describe('replacement expression in the file language', () => {
  const cases: Array<[string, string, string]> = [
    ['src/client.ts', `const client = new OpenAI({ apiKey: "${key}" });`, 'process.env.OPENAI_API_KEY'],
    ['app.py', `client = OpenAI(api_key="${key}")`, 'os.environ["OPENAI_API_KEY"]'],
    ['main.go', `client := openai.NewClient("${key}")`, 'os.Getenv("OPENAI_API_KEY")'],
    ['src/Main.java', `String key = "${key}";`, 'System.getenv("OPENAI_API_KEY")'],
    ['src/Main.kt', `val key = "${key}"`, 'System.getenv("OPENAI_API_KEY")'],
    ['Program.cs', `var key = "${key}";`, 'Environment.GetEnvironmentVariable("OPENAI_API_KEY")'],
    ['lib/client.rb', `client = OpenAI::Client.new(access_token: "${key}")`, 'ENV.fetch("OPENAI_API_KEY")'],
    ['index.php', `$key = '${key}';`, "getenv('OPENAI_API_KEY')"],
    ['src/main.rs', `let key = "${key}";`, 'std::env::var("OPENAI_API_KEY").expect("OPENAI_API_KEY is not set")'],
    ['App.swift', `let key = "${key}"`, 'ProcessInfo.processInfo.environment["OPENAI_API_KEY"]'],
    ['deploy.sh', `curl -H "Authorization: Bearer ${key}" https://api.openai.com`, '"$OPENAI_API_KEY"'],
    ['docker-compose.yml', `      OPENAI_API_KEY: ${key}`, '${OPENAI_API_KEY}'],
    ['.github/workflows/ci.yml', `      OPENAI_API_KEY: ${key}`, '${{ secrets.OPENAI_API_KEY }}'],
    ['src/main/resources/application.yml', `    api-key: ${key}`, '${OPENAI_API_KEY}'],
    ['main.tf', `  api_key = "${key}"`, 'var.openai_api_key'],
    ['build.gradle', `def key = '${key}'`, 'System.getenv("OPENAI_API_KEY")'],
    ['App.scala', `val key = "${key}"`, 'sys.env("OPENAI_API_KEY")'],
    ['lib/main.dart', `final key = '${key}';`, "Platform.environment['OPENAI_API_KEY']"],
    ['lib/app.ex', `key = "${key}"`, 'System.fetch_env!("OPENAI_API_KEY")'],
    ['script.pl', `my $key = "${key}";`, '$ENV{OPENAI_API_KEY}'],
    ['init.lua', `local key = "${key}"`, 'os.getenv("OPENAI_API_KEY")'],
    ['analysis.R', `key <- "${key}"`, 'Sys.getenv("OPENAI_API_KEY")'],
    ['main.c', `const char *key = "${key}";`, 'getenv("OPENAI_API_KEY")'],
    ['deploy.ps1', `$key = "${key}"`, '$env:OPENAI_API_KEY'],
  ];
  it.each(cases)('%s', (file, line, expected) => {
    const remedy = suggestRemedy(input(file, line));
    expect(remedy.replacement).toBe(expected);
    expect(remedy.suggestion).toContain(expected);
    expect(remedy.suggestion).not.toContain(key);
    expect(remedy.suggestion.split('\n').length).toBeLessThanOrEqual(3);
  });

  it('uses import.meta.env in code that already reads it that way', () => {
    const text = `const base = import.meta.env.BASE_URL;\nconst key = "${key}";\n`;
    expect(suggestRemedy(input('server/handler.ts', `const key = "${key}";`, key, { text })).replacement).toBe(
      'import.meta.env.OPENAI_API_KEY',
    );
  });

  it('names the import the replacement needs', () => {
    expect(suggestRemedy(input('app.py', `KEY = "${key}"`)).suggestion).toContain('import os');
    expect(suggestRemedy(input('main.go', `const key = "${key}"`)).suggestion).toContain('import "os"');
  });
});

describe('variable name', () => {
  it('prefers the rule name', () => {
    expect(suggestRemedy(input('a.js', `const secretThing = "${key}"`)).envVar).toBe('OPENAI_API_KEY');
  });

  it.each([
    ['db.js', `const dbPassword = "${other}";`, 'DB_PASSWORD'],
    ['settings.py', `settings.openai_key = "${other}"`, 'OPENAI_KEY'],
    ['cfg.py', `self.stripe_token = '${other}'`, 'STRIPE_TOKEN'],
    ['a.ts', `const apiKey: string = "${other}";`, 'API_KEY'],
    ['a.ts', `  mailgunApiKey: "${other}",`, 'MAILGUN_API_KEY'],
    ['a.py', `def connect(db_password="${other}"):`, 'DB_PASSWORD'],
    ['a.py', `CONFIG = {"sendgrid_key": "${other}"}`, 'SENDGRID_KEY'],
    ['a.go', `var slackToken string = "${other}"`, 'SLACK_TOKEN'],
    ['A.java', `private static final String PAYMENT_SECRET = "${other}";`, 'PAYMENT_SECRET'],
    ['a.java', `props.put("smtp.password", "${other}");`, 'SMTP_PASSWORD'],
    ['run.sh', `export MY_SERVICE_TOKEN="${other}"`, 'MY_SERVICE_TOKEN'],
    ['.env', `LEGACY_KEY=${other}`, 'LEGACY_KEY'],
    ['a.rb', `config[:github_token] = "${other}"`, 'GITHUB_TOKEN'],
    ['a.php', `'mail_password' => '${other}',`, 'MAIL_PASSWORD'],
  ])('%s: %s', (file, line, expected) => {
    expect(generic(file, line).envVar).toBe(expected);
  });

  it('follows YAML and JSON key paths', () => {
    const yaml = `service:\n  mailer:\n    password: ${other}\n`;
    expect(generic('config.yml', `    password: ${other}`, { text: yaml, line: 3 }).envVar).toBe('MAILER_PASSWORD');
    const json = `{\n  "stripe": {\n    "key": "${other}"\n  }\n}\n`;
    expect(generic('config.json', `    "key": "${other}"`, { text: json, line: 3 }).envVar).toBe('STRIPE_KEY');
  });

  it('points Kubernetes manifests to a Secret', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nspec:\n  env:\n    - name: OPENAI_API_KEY\n      value: ${key}\n`;
    const remedy = suggestRemedy(input('k8s/deploy.yaml', `      value: ${key}`, key, { text, line: 6 }));
    expect(remedy.suggestion).toMatch(/secretKeyRef/);
  });

  it('gives .NET appsettings the double-underscore override name', () => {
    const json = `{\n  "OpenAI": {\n    "ApiKey": "${other}"\n  }\n}\n`;
    const remedy = generic('appsettings.json', `    "ApiKey": "${other}"`, { text: json, line: 3 });
    expect(remedy.envVar).toBe('OpenAI__ApiKey');
    expect(remedy.fixable).toBe(true);
  });

  it('never gives two different values the same name; the same value keeps its name', () => {
    const second = fakeOpenAIKey('sk-proj-', 20, 'b62');
    const remedies = suggestRemedies([
      input('a.js', `const k = "${key}"`),
      input('b.js', `const k = "${second}"`, second, { ruleId: 'openai-project-key', envVar: 'OPENAI_API_KEY' }),
      input('c.py', `k = "${key}"`),
      input('d.js', `const password = "${other}"`, other),
      input('e.js', `const password = "${second + 'x'}"`, second + 'x', { ruleId: 'generic-assignment', envVar: undefined }),
    ]);
    expect(remedies.map((r) => r.envVar)).toEqual(['OPENAI_API_KEY', 'OPENAI_API_KEY_2', 'OPENAI_API_KEY', 'PASSWORD', 'PASSWORD_2']);
  });

  it('avoids names already holding another value in .env', () => {
    const existing = new Map([['OPENAI_API_KEY', 'something-else']]);
    expect(suggestRemedy(input('a.js', `const openaiKey = "${key}"`), { existing }).envVar).toBe('OPENAI_KEY');
    const same = new Map([['MY_KEY', key]]);
    expect(suggestRemedy(input('a.js', `const k = "${key}"`), { existing: same }).envVar).toBe('MY_KEY');
  });

  it('lets the name a .env file gives a value win over the rule name', () => {
    const [code, env] = suggestRemedies([input('a.js', `const k = "${key}"`), input('.env', `OPENAI_KEY_PROD=${key}`)]);
    expect(env?.envVar).toBe('OPENAI_KEY_PROD');
    expect(code?.envVar).toBe('OPENAI_KEY_PROD');
  });
});

describe('client-side code', () => {
  it.each([
    ['.env.local', `NEXT_PUBLIC_OPENAI_KEY=${key}`],
    ['src/App.tsx', `  const res = await fetch(url, { headers: { Authorization: \`Bearer ${key}\` } });`],
    ['src/lib/ai.ts', `const key = "${key}"; // VITE_`],
  ])('%s says an env var does not help', (file, line) => {
    const text = file.endsWith('ai.ts') ? `'use client'\n${line}\n` : undefined;
    const remedy = suggestRemedy(input(file, line, key, { text }));
    expect(remedy.clientSide).toBe(true);
    expect(remedy.suggestion).toMatch(/does not help|cannot hold it/);
    expect(remedy.suggestion).toMatch(/server/);
    expect(remedy.envVar).toBe('OPENAI_API_KEY');
    expect(remedy.suggestion).not.toContain(key);
  });

  it('treats API routes and Next.js server components as server code', () => {
    expect(suggestRemedy(input('app/api/chat/route.tsx', `const key = "${key}"`)).clientSide).toBeFalsy();
    expect(suggestRemedy(input('src/app/dashboard/page.tsx', `const key = "${key}"`)).clientSide).toBeFalsy();
    const text = `'use client'\nconst key = "${key}"\n`;
    expect(suggestRemedy(input('src/app/dashboard/page.tsx', `const key = "${key}"`, key, { text })).clientSide).toBe(true);
  });
});

describe('config, infrastructure and docs', () => {
  it.each([
    ['.env', /git rm --cached \.env/],
    ['.env.example', /placeholders/],
    ['Dockerfile', /not bake it into the image/],
    ['README.md', /placeholder/],
    ['notebook.ipynb', /os\.environ/],
    ['config/prod.toml', /must not hold secrets/],
    ['terraform.tfvars', /TF_VAR_/],
    ['gradle.properties', /ORG_GRADLE_PROJECT_OPENAI_API_KEY/],
  ])('%s', (file, pattern) => {
    const remedy = suggestRemedy(input(file, `OPENAI_API_KEY=${key}`));
    expect(remedy.suggestion).toMatch(pattern);
    expect(remedy.suggestion).not.toContain(key);
  });
});
