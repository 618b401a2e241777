import { describe, expect, it } from 'vitest';
import { rewriteSource } from '../../src/fix/rewrite.js';
import { ensureImport } from '../../src/fix/imports.js';
import { languageOf } from '../../src/remedy/language.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const K = fakeOpenAIKey('sk-proj-', 20, 'b62');
const N = 'OPENAI_API_KEY';

function fix(file: string, text: string, envVar = N): string {
  const result = rewriteSource(text, languageOf(file), [{ secret: K, envVar }]);
  if (!result.ok) throw new Error(result.reason);
  expect(result.text).not.toContain(K);
  return result.text;
}

function refuse(file: string, text: string): string {
  const result = rewriteSource(text, languageOf(file), [{ secret: K, envVar: N }]);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

describe('JavaScript and TypeScript', () => {
  it.each([
    ['a.js', `const client = new OpenAI({ apiKey: "${K}" });\n`, `const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n`],
    ['a.mjs', `export const KEY = '${K}';\n`, `export const KEY = process.env.OPENAI_API_KEY;\n`],
    [
      'a.js',
      `fetch(u, { headers: { Authorization: \`Bearer ${K}\` } });\n`,
      'fetch(u, { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } });\n',
    ],
    ['a.js', `const h = "Bearer ${K}";\n`, 'const h = `Bearer ${process.env.OPENAI_API_KEY}`;\n'],
    ['a.js', `const n = "Bearer \`${K}".length;\n`, 'const n = ("Bearer `" + process.env.OPENAI_API_KEY).length;\n'],
    ['a.ts', `const key: string = "${K}";\n`, `const key: string = process.env.OPENAI_API_KEY!;\n`],
    ['a.ts', `class C { private key = '${K}'; }\n`, `class C { private key = process.env.OPENAI_API_KEY!; }\n`],
    ['a.js', `function f(key = "${K}") {}\n`, `function f(key = process.env.OPENAI_API_KEY) {}\n`],
    ['a.js', `const allowed = { "${K}": true };\n`, `const allowed = { [process.env.OPENAI_API_KEY]: true };\n`],
    ['page.tsx', `  return <Chat model="gpt" apiKey="${K}" />;\n`, `  return <Chat model="gpt" apiKey={process.env.OPENAI_API_KEY!} />;\n`],
    ['page.jsx', `  <Chat\n    auth="Bearer ${K}"\n  />\n`, '  <Chat\n    auth={`Bearer ${process.env.OPENAI_API_KEY}`}\n  />\n'],
  ])('%s %#', (file, before, after) => {
    expect(fix(file, before)).toBe(after);
  });

  it('follows a file that reads import.meta.env', () => {
    expect(fix('a.ts', `const u = import.meta.env.BASE_URL;\nconst k = "${K}";\n`)).toBe(
      `const u = import.meta.env.BASE_URL;\nconst k = import.meta.env.OPENAI_API_KEY;\n`,
    );
  });

  it('rewrites every occurrence and leaves a comment placeholder', () => {
    expect(fix('a.js', `// key: ${K}\nconst a = "${K}";\nconst b = "${K}";\n`)).toBe(
      `// key: <OPENAI_API_KEY>\nconst a = process.env.OPENAI_API_KEY;\nconst b = process.env.OPENAI_API_KEY;\n`,
    );
  });

  it('refuses a secret in a string spanning lines', () => {
    expect(refuse('a.js', `const t = \`first line\n${K}\`;\n`)).toMatch(/single-line string/);
  });
});

describe('Python', () => {
  it.each([
    [`client = OpenAI(api_key="${K}")\n`, `import os\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n`],
    [`import sys\nKEY = '${K}'\n`, `import os\nimport sys\nKEY = os.environ['OPENAI_API_KEY']\n`],
    [`import os\nh = f"Bearer ${K} {x}"\n`, `import os\nh = f"Bearer {os.environ['OPENAI_API_KEY']} {x}"\n`],
    [`import os\nh = "Bearer ${K} {x}"\n`, `import os\nh = f"Bearer {os.environ['OPENAI_API_KEY']} {{x}}"\n`],
    [`import os\nd = {'key': '${K}'}\n`, `import os\nd = {'key': os.environ['OPENAI_API_KEY']}\n`],
    [
      `"""Doc."""\nfrom __future__ import annotations\n\nK = "${K}"\n`,
      `"""Doc."""\nfrom __future__ import annotations\n\nimport os\n\nK = os.environ["OPENAI_API_KEY"]\n`,
    ],
    [
      `#!/usr/bin/env python3\n# tool\nimport json\n\nK = "${K}"\n`,
      `#!/usr/bin/env python3\n# tool\nimport os\nimport json\n\nK = os.environ["OPENAI_API_KEY"]\n`,
    ],
  ])('%#', (before, after) => {
    expect(fix('app.py', before)).toBe(after);
  });

  it('keeps CRLF line endings', () => {
    expect(fix('app.py', `import json\r\nK = "${K}"\r\n`)).toBe(`import os\r\nimport json\r\nK = os.environ["OPENAI_API_KEY"]\r\n`);
  });

  it('refuses bytes literals', () => {
    expect(refuse('app.py', `K = b"${K}"\n`)).toMatch(/bytes/);
  });
});

describe('Go', () => {
  it.each([
    [
      `package main\n\nimport "fmt"\n\nvar key = "${K}"\n`,
      `package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nvar key = os.Getenv("OPENAI_API_KEY")\n`,
    ],
    [
      `package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nconst key = "${K}"\n`,
      `package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nvar key = os.Getenv("OPENAI_API_KEY")\n`,
    ],
    [
      `package main\n\nfunc h() string { return "Bearer ${K}" }\n`,
      `package main\n\nimport "os"\n\nfunc h() string { return "Bearer " + os.Getenv("OPENAI_API_KEY") }\n`,
    ],
  ])('%#', (before, after) => {
    expect(fix('main.go', before)).toBe(after);
  });

  it('refuses a const block', () => {
    expect(refuse('main.go', `package main\n\nconst (\n\tkey = "${K}"\n)\n`)).toMatch(/const block/);
  });
});

describe('JVM, .NET, Ruby, PHP, shell, config', () => {
  it.each([
    [
      'A.java',
      `class A { static final String KEY = "${K}"; }\n`,
      `class A { static final String KEY = System.getenv("OPENAI_API_KEY"); }\n`,
    ],
    ['A.java', `h.put("Authorization", "Bearer ${K}");\n`, `h.put("Authorization", "Bearer " + System.getenv("OPENAI_API_KEY"));\n`],
    ['A.kt', `const val KEY = "${K}"\n`, `val KEY = System.getenv("OPENAI_API_KEY")\n`],
    ['A.java', `    @Value("${K}") private String key;\n`, '    @Value("${OPENAI_API_KEY}") private String key;\n'],
    ['A.kt', `    @Value("${K}") lateinit var key: String\n`, '    @Value("\\${OPENAI_API_KEY}") lateinit var key: String\n'],
    ['A.kt', `val h = "Bearer ${K}"\n`, 'val h = "Bearer ${System.getenv("OPENAI_API_KEY")}"\n'],
    [
      'P.cs',
      `using System.Net;\nclass P { private const string Key = "${K}"; }\n`,
      `using System;\nusing System.Net;\nclass P { private static readonly string Key = Environment.GetEnvironmentVariable("OPENAI_API_KEY"); }\n`,
    ],
    [
      'P.cs',
      `using System;\nvar h = $"Bearer ${K}";\n`,
      `using System;\nvar h = $"Bearer {Environment.GetEnvironmentVariable("OPENAI_API_KEY")}";\n`,
    ],
    [
      'a.rb',
      `client = OpenAI::Client.new(access_token: '${K}')\n`,
      `client = OpenAI::Client.new(access_token: ENV.fetch("OPENAI_API_KEY"))\n`,
    ],
    ['a.rb', `h = "Bearer ${K}"\n`, 'h = "Bearer #{ENV.fetch("OPENAI_API_KEY")}"\n'],
    ['a.php', `<?php\n$h = 'Bearer ${K}';\n`, `<?php\n$h = 'Bearer ' . getenv('OPENAI_API_KEY');\n`],
    ['a.sh', `curl -H "Authorization: Bearer ${K}" "$URL"\n`, 'curl -H "Authorization: Bearer ${OPENAI_API_KEY}" "$URL"\n'],
    ['a.sh', `export OPENAI_API_KEY=${K}\n`, 'export OPENAI_API_KEY="${OPENAI_API_KEY}"\n'],
    ['docker-compose.yml', `    environment:\n      OPENAI_API_KEY: ${K}\n`, '    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n'],
    ['docker-compose.yml', `      - OPENAI_API_KEY=${K}\n`, '      - OPENAI_API_KEY=${OPENAI_API_KEY}\n'],
    ['.github/workflows/ci.yml', `      OPENAI_API_KEY: "${K}"\n`, '      OPENAI_API_KEY: "${{ secrets.OPENAI_API_KEY }}"\n'],
    ['application.properties', `openai.api-key=${K}\n`, 'openai.api-key=${OPENAI_API_KEY}\n'],
    ['docker-compose.yml', `      HOOK: https://example.invalid/#/${K}\n`, '      HOOK: https://example.invalid/#/${OPENAI_API_KEY}\n'],
    ['.env.example', `OPENAI_API_KEY=${K}\n`, 'OPENAI_API_KEY=\n'],
    ['build.gradle', `def key = '${K}'\n`, `def key = System.getenv("OPENAI_API_KEY")\n`],
    ['deploy.ps1', `$headers = @{ Authorization = "Bearer ${K}" }\n`, '$headers = @{ Authorization = "Bearer $($env:OPENAI_API_KEY)" }\n'],
    ['deploy.ps1', `$key = '${K}'\n`, '$key = $env:OPENAI_API_KEY\n'],
    [
      'server.ts',
      `Deno.serve(() => new Response("ok"));\nconst key = "${K}";\n`,
      `Deno.serve(() => new Response("ok"));\nconst key = Deno.env.get("OPENAI_API_KEY")!;\n`,
    ],
    ['.npmrc', `//registry.npmjs.org/:_authToken=${K}\n`, '//registry.npmjs.org/:_authToken=${OPENAI_API_KEY}\n'],
    [
      'main.tf',
      `provider "openai" {\n  api_key = "${K}"\n}\n`,
      'provider "openai" {\n  api_key = var.openai_api_key\n}\n\nvariable "openai_api_key" {\n  type      = string\n  sensitive = true\n}\n',
    ],
    [
      'main.tf',
      `variable "openai_api_key" {}\nlocals {\n  h = "Bearer ${K}"\n}\n`,
      'variable "openai_api_key" {}\nlocals {\n  h = "Bearer ${var.openai_api_key}"\n}\n',
    ],
  ])('%s %#', (file, before, after) => {
    expect(fix(file, before)).toBe(after);
  });

  it('does not rewrite what it cannot keep working', () => {
    expect(refuse('A.java', `@Header(name = "${K}")\n`)).toMatch(/annotation/);
    expect(refuse('main.rs', `let k = "${K}";\n`)).toMatch(/rust/);
    expect(refuse('prod.tfvars', `key = "${K}"\n`)).toMatch(/tfvars/);
  });
});

describe('keys over several lines (PEM blocks)', () => {
  // Assembled at run time so that no PEM block stands in the source.
  const armour = (edge: string) => `-----${edge} PRIVATE ` + 'KEY-----';
  const pem = [armour('BEGIN'), 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'AmVzdCBrZXkgYm9keSBsaW5lIHR3bw==', armour('END')].join('\n');
  const move = (file: string, text: string) => rewriteSource(text, languageOf(file), [{ secret: pem, envVar: 'SIGNING_KEY' }]);
  const tq = '"'.repeat(3);

  it.each([
    ['a.ts', `const key = \`${pem}\`;\nsign(key);\n`, 'const key = process.env.SIGNING_KEY!;\nsign(key);\n', pem],
    ['a.py', `KEY = ${tq}\n${pem}\n${tq}\n`, 'import os\n\nKEY = os.environ["SIGNING_KEY"]\n', `\n${pem}\n`],
    ['a.go', `package main\n\nconst key = \`${pem}\`\n`, 'package main\n\nimport "os"\n\nvar key = os.Getenv("SIGNING_KEY")\n', pem],
  ])('%s', (file, before, after, value) => {
    const result = move(file, before);
    expect(result.ok && result.text).toBe(after);
    expect(result.ok && result.values.get('SIGNING_KEY')).toBe(value);
  });

  it('refuses a multi-line string that holds more than the key', () => {
    expect(move('a.js', `const t = \`header\n${pem}\`;\n`).ok).toBe(false);
  });
});

describe('Dockerfile', () => {
  it.each([
    [`FROM node:20\nENV OPENAI_API_KEY=${K}\nCMD ["node", "server.js"]\n`, 'FROM node:20\nCMD ["node", "server.js"]\n', K],
    [`FROM node:20\nENV NODE_ENV=production OPENAI_API_KEY="${K}" PORT=3000\n`, 'FROM node:20\nENV NODE_ENV=production PORT=3000\n', K],
    [`FROM node:20\nENV OPENAI_API_KEY ${K}\n`, 'FROM node:20\n', K],
    [`FROM node:20\nARG OPENAI_API_KEY=${K}\n`, 'FROM node:20\nARG OPENAI_API_KEY\n', K],
  ])('%#', (before, after, value) => {
    const result = rewriteSource(before, 'dockerfile', [{ secret: K, envVar: N }]);
    expect(result.ok && result.text).toBe(after);
    expect(result.ok && result.values.get(N)).toBe(value);
  });

  it('leaves a key used in a build step to the user', () => {
    expect(refuse('Dockerfile', `RUN curl -H "Authorization: Bearer ${K}" https://example.invalid\n`)).toMatch(/build secret/);
  });
});

describe('settings files and docs', () => {
  it('empties an appsettings value and moves the whole value (a connection string too)', () => {
    const text = `{\n  "OpenAI": {\n    "ApiKey": "${K}"\n  },\n  "ConnectionStrings": {\n    "Db": "Server=db;Password=${K};"\n  }\n}\n`;
    const result = rewriteSource(text, 'dotnet-appsettings', [{ secret: K, envVar: 'OpenAI__ApiKey' }]);
    expect(result.ok && result.text).toBe(`{\n  "OpenAI": {\n    "ApiKey": ""\n  },\n  "ConnectionStrings": {\n    "Db": ""\n  }\n}\n`);
    expect(result.ok && [...result.values]).toEqual([
      ['OpenAI__ApiKey', K],
      ['ConnectionStrings__Db', `Server=db;Password=${K};`],
    ]);
  });

  it('puts a placeholder in Markdown', () => {
    expect(fix('README.md', `Run with:\n\n    export OPENAI_API_KEY=${K}\n`)).toBe(
      'Run with:\n\n    export OPENAI_API_KEY=YOUR_OPENAI_API_KEY\n',
    );
  });
});

describe('notebooks', () => {
  const notebook = (cells: unknown[]) =>
    `${JSON.stringify({ cells, metadata: { kernelspec: { name: 'python3' } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;

  it('rewrites code cells as Python, clears outputs that printed the key, keeps the layout', () => {
    const before = notebook([
      { cell_type: 'markdown', metadata: {}, source: [`Key: ${K}`] },
      {
        cell_type: 'code',
        execution_count: 3,
        metadata: {},
        outputs: [{ output_type: 'stream', name: 'stdout', text: [`${K}\n`] }],
        source: ['from openai import OpenAI\n', `client = OpenAI(api_key="${K}")\n`, 'print(client.api_key)'],
      },
      {
        cell_type: 'code',
        execution_count: 4,
        metadata: {},
        outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }],
        source: ['print("ok")'],
      },
    ]);
    const after = notebook([
      { cell_type: 'markdown', metadata: {}, source: ['Key: YOUR_OPENAI_API_KEY'] },
      {
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: [
          'import os\n',
          'from openai import OpenAI\n',
          'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
          'print(client.api_key)',
        ],
      },
      {
        cell_type: 'code',
        execution_count: 4,
        metadata: {},
        outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }],
        source: ['print("ok")'],
      },
    ]);
    expect(fix('analysis.ipynb', before)).toBe(after);
  });

  it('leaves a notebook it cannot write back identically', () => {
    const compact = JSON.stringify({ cells: [{ cell_type: 'code', source: `k = "${K}"` }] });
    expect(refuse('analysis.ipynb', `${compact.replace('{', '{ ')}`)).toMatch(/same layout/);
  });
});

describe('imports', () => {
  it('is idempotent', () => {
    const py = ensureImport('x = 1\n', 'python');
    expect(ensureImport(py, 'python')).toBe(py);
    const go = ensureImport('package main\n', 'go');
    expect(go).toBe('package main\n\nimport "os"\n');
    expect(ensureImport(go, 'go')).toBe(go);
    expect(ensureImport('import os.path\n', 'python')).toBe('import os.path\n');
    expect(ensureImport('global using System;\n', 'csharp')).toBe('global using System;\n');
  });
});
