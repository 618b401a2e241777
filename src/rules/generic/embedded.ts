// A credential object serialised into a string under a secret name: `"Apitoken": "{\"t\":\"acme\",
// \"k\":\"...\"}"`, a header whose value is escaped JSON. The outer name says the whole value is a secret;
// the inner names are the service's own (often meaningless), so the random value inside is what is reported.
import type { MatchContext, Rule } from '../../types.js';
import { TOKEN_CHECK } from '../filters.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { looksLikeUnclaimedSecret } from '../providerClaims.js';
import { randomString } from '../fake.js';

// The name, `:`/`=`/`=>`, a quoted `{`, then (within 300 characters of escaped JSON) the first escaped
// string of 16+ token characters that is a value (not followed by `:`).
const embeddedRegex =
  /(?<![\w$])(?<nq>["']?)(?<name>[A-Za-z_][\w.-]{0,60})\k<nq>[ \t]*(?::|=>?)[ \t]*["']\{(?:\\.|[^\\"'\n]){0,300}?\\["'](?<secret>[\w+/=.-]{16,256})\\["'](?![ \t]*:)/;

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
