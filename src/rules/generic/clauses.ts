// Credentials in an HTTP Authorization header and in SQL and .netrc password clauses.
import type { MatchContext, Rule } from '../../types.js';
import { PASSWORD_CHECK, TOKEN_CHECK, decodeBase64Text, isBasicCredential } from '../filters.js';
import { looksLikeUnclaimedSecret as looksLikeSecret } from '../providerClaims.js';
import { codeAt } from '../../detect/charCodes.js';
import { lineAround } from './lines.js';
import { fakeJwt, fakePassword, fakeHex } from './fakes.js';

const headerRegex =
  /(?<![\w-])(?<scheme>[Bb]earer|BEARER|[Bb]asic|BASIC|[Tt]oken|TOKEN)[ \t]+(?<secret>[A-Za-z0-9._~+/=^!@#$%*&-]{9,})(?![A-Za-z0-9._~+/=^!@#$%*&{-])/;

function validateHeader(secret: string, context: MatchContext): boolean {
  // A regex literal (`/^Bearer stale-token$/`), or the next shell assignment after a bare word
  // (`AUTH=bearer MODEL=...`): no credential follows the scheme.
  if (/\$\/[a-z]*$/.test(secret) || codeAt(context.text, context.index - 1) === 94 /* ^ */) return false;
  if (/^[A-Za-z_][\w.]*=[^=]/.test(secret)) return false;
  const scheme = context.match.split(/[ \t]/)[0]?.toLowerCase();
  if (scheme === 'basic') {
    // Base64 of `user:password` is judged by its password; base64 of no text at all is an opaque credential.
    const text = decodeBase64Text(secret);
    return text !== undefined && /^[\x20-\x7e]+$/.test(text) ? isBasicCredential(secret) : looksLikeSecret(secret, TOKEN_CHECK);
  }
  if (scheme === 'token' && !/authori[sz]ation/i.test(lineAround(context))) return false;
  return looksLikeSecret(secret, TOKEN_CHECK);
}

export const header: Rule = {
  id: 'generic-authorization-header',
  description: 'Hard-coded credential in an HTTP Authorization header',
  category: 'generic',
  provider: 'generic',
  regex: headerRegex,
  keywords: ['bearer', 'basic', 'token'],
  anchor: 'keyword',
  envVar: 'API_TOKEN',
  validate: validateHeader,
  examples: {
    positive: () => {
      const hex = fakeHex(40);
      const basic = Buffer.from(`deploy:${fakePassword()}`).toString('base64');
      return [
        `curl -H "Authorization: Bearer ${hex}" https://api.example.com`,
        `headers = {"Authorization": "Bearer ${fakeJwt()}"}`,
        `.addHeader("Authorization", "Basic ${basic}")`,
        `'headers' => ['Authorization' => 'Bearer ${hex}'],`,
        `var h = http.Header{"Authorization": {"Bearer ${fakePassword(17)}"}}`,
        `conn.setRequestProperty("Authorization", "token ${hex}");`,
      ];
    },
    negative: [
      'curl -H "Authorization: Bearer $OPENAI_API_KEY" https://api.example.com',
      'curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com',
      'headers = {"Authorization": "Bearer <your-api-key>"}',
      '"Authorization": "Bearer " + token',
      'headers: { Authorization: `Bearer ${token}` }',
      "'headers' => ['Authorization' => 'Bearer changeme'],",
      'Bearer tokens are sent in the Authorization header.',
      'The token expired yesterday afternoon.',
      '.addHeader("Authorization", "Basic dXNlcm5hbWU6cGFzc3dvcmQ=")',
      '-H "Authorization: Bearer sk-..."',
      'Authorization: Basic Zm9vYmFyYmF6cXV4',
      'expect(headers.authorization).toMatch(/^Bearer stale-bedrock-token$/u);',
      'AWS_AUTH=bearer AWS_MODEL=us.anthropic.claude-sonnet-4 node app.js',
    ],
  },
};

// `CREATE USER x WITH PASSWORD '...'`, `IDENTIFIED BY '...'`, `.netrc`: `machine h login u password p`.
const clauseRegex =
  /(?<![\w-])(?:[Pp]assword|PASSWORD|[Pp]asswd|PASSWD|IDENTIFIED[ \t]+BY|identified[ \t]+by)[ \t]+(?<q>['"]?)(?<secret>[^\s'"]{6,})\k<q>(?![^\s;,)])/;

function validateClause(secret: string, context: MatchContext): boolean {
  const quoted = /['"]$/.test(context.match);
  if (!quoted) {
    const line = lineAround(context);
    const netrc = /(?:^|\/)[._]netrc$/.test(context.file ?? '') || /\b(?:machine|login|default)\s+\S+/.test(line);
    if (!netrc) return false;
  }
  return looksLikeSecret(secret.replace(/;$/, ''), PASSWORD_CHECK);
}

export const clause: Rule = {
  id: 'generic-password-clause',
  description: 'Hard-coded password in a SQL statement or .netrc entry',
  category: 'generic',
  provider: 'generic',
  regex: clauseRegex,
  keywords: ['password', 'passwd', 'identified'],
  anchor: 'keyword',
  envVar: 'DB_PASSWORD',
  validate: validateClause,
  examples: {
    positive: () => {
      const pw = fakePassword();
      return [
        `CREATE USER reporting WITH PASSWORD '${pw}';`,
        `ALTER USER app IDENTIFIED BY "${pw}";`,
        `ALTER ROLE app WITH LOGIN PASSWORD '${pw}';`,
      ];
    },
    negative: [
      'The password is required for every login.',
      "CREATE USER reporting WITH PASSWORD 'changeme';",
      'machine nexus.example.com login ci password changeme',
      'password reset link sent',
      "ALTER USER app IDENTIFIED BY '${DB_PASSWORD}';",
    ],
  },
};
