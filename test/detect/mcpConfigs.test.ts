// MCP client configs: a literal key in a server's env, headers or arguments is found with advice in
// that client's syntax, `keyfence fix` rewrites it to the client's variable reference with the value
// in .env, and clients without variables are left alone with what to do instead. Real files, real git.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { randomString } from '../../src/rules/fake.js';
import { mcpClientOf } from '../../src/detect/mcpConfigs.js';
import { mcpVariableName } from '../../src/remedy/mcp.js';

/** A credential of no known format (the MCP rules find it by its name). */
const unknownFormat = () => randomString(20, 'b62') + randomString(2, 'dec');

interface Client {
  file: string;
  /** The server table's key. */
  servers: string;
  reference: (name: string) => string;
}

const INTERPOLATING: Client[] = [
  { file: '.mcp.json', servers: 'mcpServers', reference: (n) => `\${${n}}` },
  { file: '.cursor/mcp.json', servers: 'mcpServers', reference: (n) => `\${env:${n}}` },
  { file: '.vscode/mcp.json', servers: 'servers', reference: (n) => `\${env:${n}}` },
  { file: '.gemini/settings.json', servers: 'mcpServers', reference: (n) => `\${${n}}` },
  { file: '.codeium/windsurf/mcp_config.json', servers: 'mcpServers', reference: (n) => `\${env:${n}}` },
];

function config(servers: string, keys: { env: string; header: string; flag: string }): string {
  return `${JSON.stringify(
    {
      [servers]: {
        acme: {
          command: 'npx',
          args: ['-y', 'acme-mcp', `--api-key=${keys.flag}`],
          env: { ACME_API_KEY: keys.env, ACME_REGION: 'eu-west-1' },
        },
        remote: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: `Bearer ${keys.header}` } },
      },
    },
    null,
    2,
  )}\n`;
}

function parseDotenv(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^'|'$/g, '')] as [string, string]),
  );
}

describe('MCP client configs', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# app\n' });
  });
  afterAll(() => repo.cleanup());

  it('knows which client reads each file', () => {
    expect(mcpClientOf('.mcp.json')).toBe('claude-code');
    expect(mcpClientOf('tools/.mcp.json')).toBe('claude-code');
    expect(mcpClientOf('.cursor/mcp.json')).toBe('cursor');
    expect(mcpClientOf('.vscode/mcp.json')).toBe('vscode');
    expect(mcpClientOf('claude_desktop_config.json')).toBe('claude-desktop');
    expect(mcpClientOf('.codex/config.toml')).toBe('codex');
    expect(mcpClientOf('.gemini/settings.json')).toBe('gemini');
    expect(mcpClientOf('.codeium/windsurf/mcp_config.json')).toBe('windsurf');
    for (const other of ['mcp.json', 'config.toml', 'settings.json', '.vscode/settings.json', 'docs/mcp_config.md'])
      expect(mcpClientOf(other), other).toBeUndefined();
  });

  it('names a value after its env key, or its server and header or flag', () => {
    expect(mcpVariableName(['mcpServers', 'acme', 'env', 'ACME_API_KEY'], '      "ACME_API_KEY": "', '')).toEqual({
      existing: 'ACME_API_KEY',
    });
    expect(mcpVariableName(['mcpServers', 'remote', 'headers', 'Authorization'], '        "Authorization": "Bearer ', '')).toEqual({
      derived: 'REMOTE_TOKEN',
    });
    expect(mcpVariableName(['mcpServers', 'remote', 'X-Api-Key'], '    "remote": { "url": "u", "headers": { "X-Api-Key": "', '')).toEqual({
      derived: 'REMOTE_API_KEY',
    });
    expect(mcpVariableName(['mcpServers', 'acme', 'args'], '        "', '        "--access-token",')).toEqual({
      derived: 'ACME_ACCESS_TOKEN',
    });
    expect(mcpVariableName(['mcp_servers', 'acme', 'ACME_API_KEY'], 'env = { ACME_API_KEY = "', '')).toEqual({ existing: 'ACME_API_KEY' });
    // An argument that follows no flag is named by the rule, not by the argument before it.
    expect(mcpVariableName(['mcpServers', 'acme', 'acme-mcp'], '    "args": ["-y", "acme-mcp", "', '')).toEqual({});
  });

  it.each(INTERPOLATING)("$file: found with the client's advice, fixed to its syntax, values kept in .env", async (client) => {
    const repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# app\n' });
    const keys = { env: fakeOpenAIKey('sk-proj-', 74), header: unknownFormat(), flag: unknownFormat() };
    await repo.write(client.file, config(client.servers, keys));
    await repo.gitOk(['add', client.file]);

    const scan = await repo.keyfence(['scan', '--staged', '--format', 'json']);
    expect(scan.exitCode).toBe(1);
    const findings = JSON.parse(scan.stdout).findings as Array<{ ruleId: string; envVar: string; suggestion: string }>;
    // The flag's value is named after its server and flag; ACME_API_KEY holds the env value already.
    expect(findings.map((f) => f.envVar).sort()).toEqual(['ACME_API_KEY', 'ACME_API_KEY_2', 'REMOTE_TOKEN']);
    for (const finding of findings) expect(finding.suggestion).toContain(`"${client.reference(finding.envVar)}"`);
    expect(scan.all).not.toContain(keys.header);

    const fix = await repo.keyfence(['fix']);
    expect(fix.exitCode, fix.all).toBe(0);
    for (const key of Object.values(keys)) expect(fix.all).not.toContain(key);
    const fixed = JSON.parse(await repo.gitOk(['show', `:${client.file}`])) as Record<
      string,
      Record<string, { args?: string[]; env?: Record<string, string>; headers?: Record<string, string> }>
    >;
    const servers = fixed[client.servers] as Record<
      string,
      { args?: string[]; env?: Record<string, string>; headers?: Record<string, string> }
    >;
    const dotenv = parseDotenv(await repo.read('.env'));
    // Each reference, read back through .env, gives the value that was in the file.
    const resolve = (text: string) => {
      for (const [name, value] of dotenv) text = text.split(client.reference(name)).join(value);
      return text;
    };
    expect(servers.acme?.env?.ACME_API_KEY).toBe(client.reference('ACME_API_KEY'));
    expect(servers.acme?.env?.ACME_REGION).toBe('eu-west-1');
    expect(resolve(servers.acme?.env?.ACME_API_KEY as string)).toBe(keys.env);
    expect(servers.remote?.headers?.Authorization).toBe(`Bearer ${client.reference('REMOTE_TOKEN')}`);
    expect(resolve(servers.remote?.headers?.Authorization as string)).toBe(`Bearer ${keys.header}`);
    expect(servers.acme?.args?.[2]).toMatch(/^--api-key=\$\{/);
    expect(resolve(servers.acme?.args?.[2] as string)).toBe(`--api-key=${keys.flag}`);
    expect((await repo.gitOk(['check-ignore', '.env'])).trim()).toBe('.env');
    expect((await repo.keyfence(['scan', '--staged'])).exitCode).toBe(0);
    await repo.gitOk(['commit', '-q', '-m', `mcp config for ${client.file}`]);
    await repo.cleanup();
  });

  it("leaves Claude Desktop's config as it is and says what to do instead", async () => {
    const key = unknownFormat();
    const text = `{\n  "mcpServers": {\n    "acme": { "command": "acme-mcp", "env": { "ACME_TOKEN": "${key}" } }\n  }\n}\n`;
    await repo.write('claude_desktop_config.json', text);
    await repo.gitOk(['add', 'claude_desktop_config.json']);
    const scan = await repo.keyfence(['scan', '--staged']);
    expect(scan.exitCode).toBe(1);
    expect(scan.stdout).toContain('[mcp-server-secret]');
    expect(scan.stdout).toContain('Claude Desktop passes these values as written');
    expect(scan.stdout).toContain('a wrapper that reads .env');
    const fix = await repo.keyfence(['fix']);
    expect(fix.all).toContain('Claude Desktop expands no environment variables');
    expect(await repo.read('claude_desktop_config.json')).toBe(text);
    await repo.gitOk(['rm', '-q', '--cached', 'claude_desktop_config.json']);
  });

  it('tells Codex users to forward the variable with env_vars, and leaves config.toml alone', async () => {
    const key = unknownFormat();
    const text = `[mcp_servers.acme]\ncommand = "npx"\nargs = ["-y", "acme-mcp"]\nenv = { ACME_API_KEY = "${key}", DEBUG = "1" }\n\n[mcp_servers.db.env]\nPGPASSWORD = "${unknownFormat()}"\n`;
    await repo.write('.codex/config.toml', text);
    await repo.gitOk(['add', '.codex/config.toml']);
    const scan = await repo.keyfence(['scan', '--staged', '--format', 'json']);
    const findings = JSON.parse(scan.stdout).findings as Array<{ envVar: string; suggestion: string; line: number }>;
    expect(findings.map((f) => [f.line, f.envVar])).toEqual([
      [4, 'ACME_API_KEY'],
      [7, 'PGPASSWORD'],
    ]);
    expect(findings[0]?.suggestion).toContain('env_vars = ["ACME_API_KEY"]');
    const fix = await repo.keyfence(['fix']);
    expect(fix.all).toContain('Codex expands no environment variables');
    expect(await repo.read('.codex/config.toml')).toBe(text);
    await repo.gitOk(['rm', '-q', '--cached', '.codex/config.toml']);
  });

  it('finds no literal in references, placeholders and plain settings', async () => {
    const text = JSON.stringify(
      {
        inputs: [{ type: 'promptString', id: 'acme-key', description: 'Acme API key', password: true }],
        servers: {
          acme: {
            command: 'acme-mcp',
            args: ['--api-key', '${input:acme-key}'],
            env: { ACME_TOKEN: '${env:ACME_TOKEN}', LOG_LEVEL: 'debug', ACME_SECRET: '<your-secret>' },
          },
        },
      },
      null,
      2,
    );
    await repo.write('.vscode/mcp.json', `${text}\n`);
    await repo.gitOk(['add', '.vscode/mcp.json']);
    const scan = await repo.keyfence(['scan', '--staged']);
    expect(scan.exitCode, scan.all).toBe(0);
    await repo.gitOk(['rm', '-q', '--cached', '.vscode/mcp.json']);
  });
});

describe('the pre-commit hook and MCP configs', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.linkLocalBin();
    await repo.commitFiles({ 'README.md': '# app\n' }, 'init');
    expect((await repo.keyfence(['install', '--pre-commit-only'])).exitCode).toBe(0);
  });
  afterAll(() => repo.cleanup());

  it('blocks a commit of .mcp.json with a literal key, with the MCP advice', async () => {
    const key = unknownFormat();
    await repo.write(
      '.mcp.json',
      `{\n  "mcpServers": {\n    "acme": {\n      "command": "acme-mcp",\n      "env": { "ACME_API_KEY": "${key}" }\n    }\n  }\n}\n`,
    );
    await repo.gitOk(['add', '.mcp.json']);
    const commit = await repo.git(['commit', '-m', 'add mcp server']);
    expect(commit.exitCode).not.toBe(0);
    expect(commit.all).toContain('.mcp.json:5:');
    expect(commit.all).toContain('Write "${ACME_API_KEY}" instead of the key');
    expect(commit.all).not.toContain(key);
    expect((await repo.git(['log', '--oneline'])).stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
