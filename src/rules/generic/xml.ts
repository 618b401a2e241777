// An XML element whose text sits on its own line: `<password>` / `  s3cr3t...` / `</password>`, as
// formatters write Maven settings, Spring and .NET configs. (On one line, generic-secret-assignment
// reads `<password>...</password>` already.)
import type { MatchContext, Rule } from '../../types.js';
import { PASSWORD_CHECK, TOKEN_CHECK, isTemplateOrEnvReference } from '../filters.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { looksLikeUnclaimedSecret } from '../providerClaims.js';
import { randomString } from '../fake.js';
import { codeAt, isNameThen } from '../../detect/charCodes.js';

// Starts at the element's name (after `<`), so the rule is tried only at names holding a keyword.
const elementRegex = /(?<=<)(?<name>[A-Za-z_][\w.:-]{0,60})>[ \t]*\r?\n[ \t]*(?<secret>[^\s<>]{1,1024})[ \t]*\r?\n[ \t]*<\/\k<name>>/;

/** Rule.precheck: the regex can match only after a `<`, at a name that `>` closes. */
function elementPrecheck(text: string, index: number): number {
  return codeAt(text, index - 1) === 60 /* < */ && isNameThen(text, index, 60, true, 62 /* > */) ? index : index + 1;
}

function validateElement(secret: string, context: MatchContext): boolean {
  const kind = secretNameKind((context.groups?.name ?? '').replace(/^[\w.-]*:/, ''));
  if (!kind || isTemplateOrEnvReference(secret)) return false;
  return looksLikeUnclaimedSecret(secret, kind === 'password' ? PASSWORD_CHECK : TOKEN_CHECK);
}

export const xmlElementRule: Rule = {
  id: 'generic-xml-element',
  description: 'Hard-coded secret in an XML element on its own line',
  category: 'generic',
  provider: 'generic',
  regex: elementRegex,
  keywords: ['pass', 'pw', 'secret', 'token', 'key', 'auth', 'cred'],
  anchor: 'keyword-word',
  precheck: elementPrecheck,
  multiline: true,
  reachLines: 2,
  envVar: 'SECRET',
  validate: validateElement,
  examples: {
    positive: () => {
      const value = randomString(23, 'b62') + '9';
      return [`<server>\n  <password>\n    ${value}\n  </password>\n</server>`, `<ClientSecret>\n${value}\n</ClientSecret>`];
    },
    negative: [
      '<password>\n  ${env.NEXUS_PASSWORD}\n</password>',
      '<password>\n  <value>x</value>\n</password>',
      '<secretName>\n  db-credentials\n</secretName>',
    ],
  },
};
