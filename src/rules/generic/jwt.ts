// A JSON Web Token anywhere in the text, with or without a name next to it (`authHeaderJWT "eyJ..."`,
// `verifier("eyJ...")`, a JWT alone in a doc). A signed JWT is a bearer credential until it expires,
// and tests keep long-lived ones. Public by design and not reported: unsigned tokens (`alg: none`),
// Supabase-style `anon` keys, jwt.io's sample, signatures over content (`{"hash", "version"}`).
import type { MatchContext, Rule } from '../../types.js';
import { decodeBase64Text, isPublicJwt } from '../filters.js';
import { isDocumentationExample } from '../../detect/published.js';
import { fakeJwt, randomString } from '../fake.js';

const jwtRegex =
  /(?<![A-Za-z0-9_.-])(?<secret>eyJ[A-Za-z0-9_-]{8,}={0,2}\.eyJ[A-Za-z0-9_-]{2,}={0,2}\.[A-Za-z0-9_-]{16,}={0,2})(?![A-Za-z0-9_.=-])/;

/** The header is a JSON object that names an algorithm. */
function hasJwtHeader(jwt: string): boolean {
  try {
    const header = JSON.parse(decodeBase64Text(jwt.slice(0, jwt.indexOf('.'))) ?? '') as unknown;
    return typeof header === 'object' && header !== null && typeof (header as Record<string, unknown>).alg === 'string';
  } catch {
    return false;
  }
}

function validateJwt(secret: string, _context: MatchContext): boolean {
  return hasJwtHeader(secret) && !isPublicJwt(secret) && !isDocumentationExample(secret);
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

export const jwtRule: Rule = {
  id: 'generic-jwt',
  description: 'JSON Web Token (a signed bearer credential)',
  category: 'generic',
  provider: 'generic',
  regex: jwtRegex,
  keywords: ['eyj'],
  anchor: 'keyword',
  envVar: 'ACCESS_TOKEN',
  validate: validateJwt,
  examples: {
    positive: () => {
      const jwt = fakeJwt({ sub: randomString(12, 'an'), scope: 'api', iat: 1700000000 });
      return [`let auth = authHeaderJWT "${jwt}"`, `verifier("${jwt}")`, `curl -H 'X-Session: ${jwt}' https://api.example.com`, jwt];
    },
    get negative() {
      const signature = randomString(43, 'b64u');
      return [
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'ci', role: 'admin' })}.`,
        `anonKey: "${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'supabase', role: 'anon' })}.${signature}"`,
        `"verifyToken":"${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64({ hash: randomString(64, 'hex'), version: 1 })}.${signature}"`,
        'token = "eyJ..."',
      ];
    },
  },
};
