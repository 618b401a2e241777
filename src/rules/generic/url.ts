// A secret in a query string: `https://host/cb?access_token=...&state=1`, `?api_key=...`, and a query
// string held in a string literal (`"oauth_token=...&oauth_token_secret=..."`, a form body). The
// parameter's name says what the value is; the value is read up to the next `&`, `#` or `;` and
// percent-decoded. Badge images (`badge.svg?token=...`) carry a read-only token published with them.
import type { MatchContext, Rule } from '../../types.js';
import { PASSWORD_CHECK, TOKEN_CHECK } from '../filters.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { looksLikeUnclaimedSecret } from '../providerClaims.js';
import { randomString } from '../fake.js';
import { codeAt, isNameThen } from '../../detect/charCodes.js';

const parameterRegex = /(?<=[?&;"'`])(?<name>[A-Za-z_][\w.-]{0,60})=(?<secret>[^&#\s"'`<>;\\]{1,1024})(?=[&#;"'`\s<\\]|$)/;

/** Rule.precheck: the regex can match only after one of `?&;"'\``, at a name that `=` follows. */
function parameterPrecheck(text: string, index: number): number {
  const before = codeAt(text, index - 1);
  const opens = before === 63 || before === 38 || before === 59 || before === 34 || before === 39 || before === 96;
  return opens && isNameThen(text, index, 60, false, 61 /* = */) ? index : index + 1;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function validateParameter(secret: string, context: MatchContext): boolean {
  const { text, index, match } = context;
  const before = text[index - 1];
  const after = text[index + match.length];
  // In a URL or a form body: after `?` or `&`, or a string that opens with a parameter and goes on with `&`.
  if (before !== '?' && before !== '&' && after !== '&') return false;
  const lineStart = text.lastIndexOf('\n', index) + 1;
  if (/\.(?:svg|png|gif|jpe?g|webp)\?(?:[^\s"'?]*&)?$/i.test(text.slice(Math.max(lineStart, index - 300), index))) return false;
  const kind = secretNameKind(context.groups?.name ?? '');
  if (!kind) return false;
  return looksLikeUnclaimedSecret(decoded(secret), kind === 'password' ? PASSWORD_CHECK : TOKEN_CHECK);
}

export const urlParameterRule: Rule = {
  id: 'generic-url-parameter',
  description: 'Hard-coded secret in a URL query string or form body',
  category: 'generic',
  provider: 'generic',
  regex: parameterRegex,
  keywords: ['pass', 'pw', 'secret', 'token', 'key', 'auth', 'cred'],
  anchor: 'keyword-word',
  precheck: parameterPrecheck,
  envVar: 'SECRET',
  validate: validateParameter,
  examples: {
    positive: () => {
      const token = randomString(31, 'b62') + 'q';
      return [
        `redirect = 'https://127.0.0.1/callback?oauth_token=${token}&oauth_verifier=1'`,
        `final String body = "access_token=${token}&token_type=bearer";`,
        `curl "https://api.example.com/v1/items?api_key=${token}&limit=10"`,
        `"text": "redir=1&password=${token}&login=ci",`,
      ];
    },
    negative: [
      'https://example.com/cb?access_token={token}&state=1',
      'curl "https://api.example.com/v1/items?api_key=$API_KEY"',
      '[![codecov](https://codecov.io/gh/o/r/graph/badge.svg?token=QWERTY1234)](https://codecov.io/gh/o/r)',
      'https://example.com/reset?token_type=bearer&expires_in=3600',
      'redirect("/login?password=reset&next=/home")',
    ],
  },
};
