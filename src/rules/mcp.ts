// Literal credentials in an MCP client's server list (.mcp.json, .cursor/mcp.json, .codex/config.toml...).
// There a value under a secret name (an `env` entry, a header, a `--api-key` flag) is handed to the
// server as its credential, so it counts whatever its shape: a short password or a key of a format no
// provider rule knows. Only references to variables (`${VAR}`, `${env:VAR}`, `${input:id}`) and
// placeholders stay quiet. Provider rules run first and keep the keys they know.
import type { MatchContext, Rule } from '../types.js';
import { isMcpConfigFile } from '../detect/mcpConfigs.js';
import { secretNameKind } from '../detect/secretNames.js';
import { looksLikePlaceholder } from './build.js';
import { randomString } from './fake.js';

const KEYWORDS = ['key', 'token', 'secret', 'pass', 'pwd', 'auth', 'cred', 'jwt'];

/** A value the client hands over as it is: not a reference, a placeholder, a path, a URL or a switch. */
function isLiteralCredential(value: string): boolean {
  if (value.length < 6 || looksLikePlaceholder(value)) return false;
  if (/\$|\{\{|%[A-Za-z_]\w*%/.test(value)) return false;
  if (/:\/\/|^[~./]|^[A-Za-z]:[\\/]/.test(value)) return false;
  if (/^\d+$/.test(value) || /^(?:true|false|null|none|required|optional|enabled|disabled)$/i.test(value)) return false;
  return true;
}

function credentialName(name: string): boolean {
  return secretNameKind(name) !== undefined || /^(?:proxy-)?authorization$/i.test(name);
}

function validate(secret: string, context: MatchContext): boolean {
  return credentialName(context.groups?.name ?? '') && isLiteralCredential(secret);
}

const fakeValue = () => randomString(13, 'b62') + randomString(1, 'dec');

const NEGATIVE = [
  '"env": { "GITHUB_TOKEN": "${GITHUB_TOKEN}" }',
  '"env": { "ACME_API_KEY": "${env:ACME_API_KEY}" }',
  '"env": { "ACME_API_KEY": "${input:acme-key}" }',
  '"env": { "ACME_API_KEY": "$ACME_API_KEY" }',
  '"env": { "LOG_LEVEL": "debug", "ACME_REGION": "eu-west-1" }',
  '"env": { "ACME_API_KEY": "<your-api-key>" }',
  '"env": { "ACME_API_KEY": "YOUR_API_KEY" }',
  '"env": { "ACME_TOKEN": "" }',
  '{ "type": "promptString", "id": "acme-api-key", "description": "Acme API key", "password": true }',
  '"env": { "TOKEN_STORAGE_PATH": "~/.acme/tokens.json" }',
  '"headers": { "Authorization": "Bearer ${ACME_TOKEN}" }',
  'env_vars = ["ACME_API_KEY"]',
  'bearer_token_env_var = "ACME_TOKEN"',
];

const entry: Rule = {
  id: 'mcp-server-secret',
  description: "Literal credential in an MCP server's env or headers",
  category: 'mcp-config',
  provider: 'mcp',
  regex:
    /(?<![\w.-])["']?(?<name>[A-Za-z_][\w.-]{0,63})["']?[ \t]*[:=][ \t]*["'](?:(?:Bearer|Basic|Token|Bot)[ \t]+)?(?<secret>[^"'\s\\][^"'\s\\]{5,511})["']/,
  keywords: KEYWORDS,
  envVar: 'SECRET',
  appliesTo: isMcpConfigFile,
  validate,
  examples: {
    positive: () => [
      `{ "mcpServers": { "db": { "command": "pg-mcp", "env": { "PGPASSWORD": "${fakeValue()}" } } } }`,
      `"headers": { "Authorization": "Bearer ${randomString(24, 'b62')}" }`,
      `"env": {\n  "ACME_SECRET": "${fakeValue()}"\n}`,
      `[mcp_servers.acme.env]\nACME_API_KEY = "${fakeValue()}"`,
    ],
    negative: NEGATIVE,
    file: '.mcp.json',
  },
};

const argument: Rule = {
  id: 'mcp-server-argument-secret',
  description: "Literal credential in an MCP server's command-line arguments",
  category: 'mcp-config',
  provider: 'mcp',
  regex: /["']--?(?<name>[A-Za-z][\w-]{0,63})(?:=|["'][ \t]*,[ \t]*(?:\r?\n[ \t]*)?["'])(?<secret>[^"'\s\\-][^"'\s\\]{5,511})["']/,
  keywords: KEYWORDS,
  envVar: 'SECRET',
  multiline: true,
  reachLines: 1,
  appliesTo: isMcpConfigFile,
  validate,
  examples: {
    positive: () => [
      `"args": ["-y", "acme-mcp", "--api-key=${fakeValue()}"]`,
      `"args": ["-y", "pg-mcp", "--password", "${fakeValue()}"]`,
      `"args": [\n  "--access-token",\n  "${fakeValue()}"\n]`,
      `args = ["acme-mcp", "--token", "${fakeValue()}"]`,
    ],
    negative: [
      '"args": ["-y", "acme-mcp", "--api-key=${ACME_API_KEY}"]',
      '"args": ["--token-file", "./token.txt"]',
      '"args": ["--password-stdin"]',
      '"args": ["--api-key", "${env:ACME_API_KEY}"]',
    ],
    file: '.cursor/mcp.json',
  },
};

export const mcpRules: Rule[] = [entry, argument];
