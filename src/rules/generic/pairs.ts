// Names and values written apart: `name: API_KEY / value: ...` pairs, and user/password credentials
// passed to a call or to curl.
import type { MatchContext, Rule } from '../../types.js';
import { PASSWORD_CHECK, isCodeReference, isTemplateOrEnvReference } from '../filters.js';
import { looksLikeUnclaimedSecret as looksLikeSecret } from '../providerClaims.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { BARE_LITERAL, isCodeFile, checkFor } from './lines.js';
import { fakePassword, fakeHex } from './fakes.js';

// The name and the value in two fields of one entry: .NET `<add key="ClientSecret" value="..."/>`,
// Kubernetes and ECS env lists (`- name: DB_PASSWORD` / `value: ...`, `{"name": ..., "value": ...}`),
// CloudFormation `ParameterKey` / `ParameterValue`.
// Starts at `Key`/`Name` (an opening quote before it is read by a look-behind): anchored there.
const PAIR_NAME = `(?<=(?<![\\w-])["']?)(?:[Kk]ey|[Nn]ame|ParameterKey)["']?[ \\t]*[:=][ \\t]*(?<nq>["']?)(?<name>[A-Za-z_][\\w.:-]{0,80})\\k<nq>`;
const PAIR_GAP = `[ \\t]*[,;]?[ \\t]*(?:\\r?\\n[ \\t]*(?:-[ \\t]+)?)?`;
const PAIR_VALUE = `["']?(?:[Vv]alue|ParameterValue)["']?[ \\t]*[:=][ \\t]*(?<q>["']?)(?<secret>[^\\s"'\`<>]{0,1023}[^\\s"'\`<>,;)\\]}])\\k<q>(?![\\w/+=-])`;
const pairRegex = new RegExp(PAIR_NAME + PAIR_GAP + PAIR_VALUE);

function validatePair(secret: string, context: MatchContext): boolean {
  const m = /(?:[Kk]ey|[Nn]ame|ParameterKey)["']?[ \t]*[:=][ \t]*["']?(?<name>[A-Za-z_][\w.:-]{0,80})/.exec(context.match);
  const kind = secretNameKind(m?.groups?.name ?? '');
  if (!kind) return false;
  const quoted = /["']$/.test(context.match);
  if (!quoted && (isCodeFile(context.file) || isCodeReference(secret) || !BARE_LITERAL.test(secret))) return false;
  return looksLikeSecret(secret, checkFor(kind));
}

export const pair: Rule = {
  id: 'generic-secret-name-value-pair',
  description: 'Hard-coded secret in a name/value entry',
  category: 'generic',
  provider: 'generic',
  regex: pairRegex,
  // Every match holds `Key`, `Name` or `ParameterKey` where it starts; the secret word is in the name.
  keywords: ['key', 'name', 'parameterkey'],
  anchor: 'keyword',
  envVar: 'SECRET',
  // `name: X` then `value: Y`, on the same line or the next.
  multiline: true,
  validate: validatePair,
  examples: {
    positive: () => {
      const pw = fakePassword();
      const hex = fakeHex(40);
      return [
        `<add key="ClientSecret" value="${hex}" />`,
        `env:\n  - name: DB_PASSWORD\n    value: "${pw}"`,
        `"environment": [{ "name": "API_TOKEN", "value": "${hex}" }]`,
        `- ParameterKey: DbPassword\n  ParameterValue: ${pw}`,
      ];
    },
    negative: [
      '<add key="ClientSecretHeader" value="X-Client-Secret" />',
      'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password',
      '{ "name": "API_TOKEN", "value": "${API_TOKEN}" }',
      '- name: DB_PASSWORD\n  value: changeme',
    ],
  },
};

// A user name and a password passed together: `auth=("admin", "...")`, `HTTPBasicAuth("u", "...")`,
// `new NetworkCredential("u", "...")`, `.basicAuth("u", "...")`, `curl -u user:...`.
// The match starts at the keyword; the name before it is read by a look-behind, so the rule can be
// anchored at its keywords instead of scanning whole lines. The look-behind is bounded (80 characters
// since the last dot): unbounded, it rescans a whole identifier run at every position, which is
// quadratic on a long run of word characters.
const credentialCallRegex =
  /(?<=(?<![\w$])(?:[A-Za-z_$][\w$.]{0,80})?)(?:[Aa]uth|AUTH|[Cc]redentials?|CREDENTIALS?|[Ll]ogin|LOGIN)\w*[ \t]*(?:=[ \t]*)?[([{][ \t]*(?<uq>["'])(?<user>[^"'\s]{1,64})\k<uq>[ \t]*,[ \t]*(?<q>["'])(?<secret>[^"'\s]{4,256})\k<q>[ \t]*[)\]}]/;
const curlUserRegex = /(?<![\w-])(?:-u|--user)[ \t]+(?<q>["']?)(?<user>[^\s:"'$]{1,64}):(?<secret>[^\s"']{4,256})\k<q>(?=\s|$)/;

function validateCredentialPair(secret: string, context: MatchContext): boolean {
  const user = /(?:["']|-u[ \t]+["']?|--user[ \t]+["']?)(?<user>[^"'\s:]{1,64})/.exec(context.match)?.groups?.user ?? '';
  if (isTemplateOrEnvReference(user) || isTemplateOrEnvReference(secret)) return false;
  return looksLikeSecret(secret, PASSWORD_CHECK);
}

export const credentialCall: Rule = {
  id: 'generic-credential-pair',
  description: 'Hard-coded user name and password passed together',
  category: 'generic',
  provider: 'generic',
  regex: credentialCallRegex,
  keywords: ['auth', 'cred', 'login'],
  anchor: 'keyword',
  envVar: 'PASSWORD',
  validate: validateCredentialPair,
  examples: {
    positive: () => {
      const pw = fakePassword();
      return [
        `requests.get(url, auth=("admin", "${pw}"))`,
        `session.auth = HTTPBasicAuth("deploy", "${pw}")`,
        `var credentials = new NetworkCredential("svc-report", "${pw}");`,
        `Http::withBasicAuth('api', '${pw}')->get($url);`,
      ];
    },
    negative: [
      'requests.get(url, auth=("admin", os.environ["ADMIN_PASSWORD"]))',
      'session.auth = HTTPBasicAuth("deploy", "changeme")',
      'login("user", "password")',
      'HTTPBasicAuth(user, password)',
      'auth=("${USER}", "${PASSWORD}")',
    ],
  },
};

export const curlUser: Rule = {
  id: 'generic-curl-user',
  description: 'Hard-coded password in a curl -u user:password',
  category: 'generic',
  provider: 'generic',
  regex: curlUserRegex,
  keywords: ['-u', '--user'],
  envVar: 'PASSWORD',
  validate: validateCredentialPair,
  examples: {
    positive: () => [
      `curl -sS -u deploy:${fakePassword()} https://nexus.example.com/service/rest/v1/status`,
      `curl --user "ci:${fakePassword()}" https://example.com`,
    ],
    negative: [
      'curl -u $USER:$PASSWORD https://example.com',
      'curl -u admin:admin https://example.com',
      'curl -u "${NEXUS_USER}:${NEXUS_PASSWORD}" https://example.com',
      'sort -u file.txt',
    ],
  },
};
