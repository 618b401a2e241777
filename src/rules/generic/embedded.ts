// A credential object serialised into a string under a secret name: `"Apitoken": "{\"t\":\"acme\",
// \"k\":\"...\"}"`, a header whose value is escaped JSON. The outer name says the whole value is a secret;
// the inner names are the service's own (often meaningless), so the random value inside is what is reported.
import type { MatchContext, Rule } from '../../types.js';
import { TOKEN_CHECK } from '../filters.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { looksLikeUnclaimedSecret } from '../providerClaims.js';
import { randomString } from '../fake.js';
import { codeAt, isBlankCode, nameEnd } from '../../detect/charCodes.js';

// The name, `:`/`=`/`=>`, a quoted `{`, then (within 300 characters of escaped JSON) the first escaped
// string of 16+ token characters that is a value (not followed by `:`).
const embeddedRegex =
  /(?<![\w$])(?<nq>["']?)(?<name>[A-Za-z_][\w.-]{0,60})\k<nq>[ \t]*(?::|=>?)[ \t]*["']\{(?:\\.|[^\\"'\n]){0,300}?\\["'](?<secret>[\w+/=.-]{16,256})\\["'](?![ \t]*:)/;

/** Rule.precheck: the regex can match only at a name (quoted or not) that `:`, `=` or `=>` and a quoted `{` follow. */
function embeddedPrecheck(text: string, index: number): number {
  const before = codeAt(text, index - 1);
  if ((before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122) || before === 95 || before === 36)
    return index + 1;
  const quote = codeAt(text, index);
  const quoted = quote === 34 || quote === 39;
  let at = nameEnd(text, quoted ? index + 1 : index, 60, false);
  if (at === -1 || (quoted && codeAt(text, at++) !== quote)) return index + 1;
  while (isBlankCode(codeAt(text, at))) at++;
  const operator = codeAt(text, at++);
  if (operator === 61 /* = */ && codeAt(text, at) === 62 /* > */) at++;
  else if (operator !== 58 /* : */ && operator !== 61) return index + 1;
  while (isBlankCode(codeAt(text, at))) at++;
  const open = codeAt(text, at);
  return (open === 34 || open === 39) && codeAt(text, at + 1) === 123 /* { */ ? index : index + 1;
}

function validateEmbedded(secret: string, context: MatchContext): boolean {
  const name = context.groups?.name ?? '';
  return secretNameKind(name) !== undefined && looksLikeUnclaimedSecret(secret, TOKEN_CHECK);
}

export const embeddedJsonRule: Rule = {
  id: 'generic-embedded-secret',
  description: 'Hard-coded secret inside escaped JSON held by a secret-named value',
  category: 'generic',
  provider: 'generic',
  regex: embeddedRegex,
  keywords: ['pass', 'secret', 'token', 'key', 'auth', 'cred'],
  // The match starts at the name that holds the keyword: the regex is tried there only, not along the line.
  anchor: 'keyword-word',
  precheck: embeddedPrecheck,
  envVar: 'SECRET',
  validate: validateEmbedded,
  examples: {
    positive: () => {
      const key = randomString(31, 'b62') + 'q';
      return [
        `"Apitoken": "{\\"qx\\":\\"acme\\",\\"zk\\":\\"${key}\\"}",`,
        `var headers = {"X-Auth": "{\\"v\\": \\"${key}\\", \\"t\\": \\"live\\"}"};`,
      ];
    },
    negative: [
      '"headers": "{\\"Content-Type\\":\\"application/json\\"}"',
      '"token": "{\\"alg\\":\\"HS256\\",\\"typ\\":\\"JWT\\"}"',
      '"auth": "{\\"user\\":\\"{{username}}\\",\\"pass\\":\\"{{password}}\\"}"',
      '"token": "{\\"k\\":\\"00000000000000000000000000000000\\"}"',
    ],
  },
};
