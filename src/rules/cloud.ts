// Cloud platforms: AWS, Azure, Google Cloud, and the hosting/data platforms developers deploy to.
import type { MatchContext, Rule } from '../types.js';
import { AFTER_B64, BEFORE_B64, bodyMixesCases, context, lineOf, linesAround, mixesCases, mixesDigitsAndLetters, token } from './build.js';
import { fakeJwt, fakePem, join, randomBase64, randomString } from './fake.js';

const cloud = { category: 'cloud' as const };

// ---- AWS -------------------------------------------------------------------------------------------

const AWS_REVOKE = 'https://console.aws.amazon.com/iam/home#/security_credentials';
const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/;

const fakeAwsKeyId = () => join('AKIA', randomString(16, 'B32'));
const fakeAwsSecret = () => {
  let secret = randomString(40, 'b64');
  while (!mixesCases(secret)) secret = randomString(40, 'b64');
  return secret;
};

/** AWS's documentation keys end in EXAMPLE / EXAMPLEKEY; no issued key does. */
const notAwsExample = (value: string) => !/EXAMPLE(?:KEY)?$/.test(value);

/** The secret key names AWS, or sits within five lines of an access key id. */
function nearAwsContext(secret: string, ctx: MatchContext): boolean {
  // The words must be around the key, not in it: 40 random characters hold `aws` once in 300 keys.
  if (/aws|secret_?access|secretaccess/i.test(lineOf(ctx).split(secret).join(' '))) return true;
  return AWS_KEY_ID.test(linesAround(ctx, 5, 5));
}

const awsRules: Rule[] = [
  token({
    ...cloud,
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    provider: 'aws',
    envVar: 'AWS_ACCESS_KEY_ID',
    revokeUrl: AWS_REVOKE,
    pattern: '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}',
    before: '(?<![A-Za-z0-9_])',
    after: '(?![A-Za-z0-9_])',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    minEntropy: 2.5,
    check: notAwsExample,
    fake: fakeAwsKeyId,
    contexts: (id) => [`AWS_ACCESS_KEY_ID=${id}`, `aws_access_key_id = ${id}`, `  access_key = "${id}"`],
    negative: [
      'AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
      'user_id = "AIDAJQABLZS4A3QDU576Q"',
      'role = "AROA3XFRBF535PLBIFPI4"',
      'TZ=Asia/Kolkata',
    ],
  }),
  context({
    ...cloud,
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    provider: 'aws',
    envVar: 'AWS_SECRET_ACCESS_KEY',
    revokeUrl: AWS_REVOKE,
    context: 'secret',
    value: '[A-Za-z0-9+/]{40}',
    after: AFTER_B64,
    keywords: ['secret'],
    minEntropy: 4,
    check: (secret, ctx) => mixesCases(secret) && notAwsExample(secret) && nearAwsContext(secret, ctx),
    fake: fakeAwsSecret,
    contexts: (secret) => [
      `AWS_SECRET_ACCESS_KEY="${secret}"`,
      `[default]\naws_access_key_id = ${fakeAwsKeyId()}\naws_secret_access_key = ${secret}`,
      `provider "aws" {\n  access_key = "${fakeAwsKeyId()}"\n  secret_key = "${secret}"\n}`,
      `{\n  "AccessKeyId": "${fakeAwsKeyId().replace('AKIA', 'ASIA')}",\n  "SecretAccessKey": "${secret}"\n}`,
    ],
    negative: [
      'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}',
      'client_secret = "0123456789abcdefABCDEF0123456789abcdefAB"',
      'aws_secret_access_key = <secret>',
    ],
  }),
  token({
    ...cloud,
    id: 'aws-secret-access-key-paired',
    description: 'AWS secret access key (next to its access key ID)',
    provider: 'aws',
    envVar: 'AWS_SECRET_ACCESS_KEY',
    revokeUrl: AWS_REVOKE,
    pattern: '[A-Za-z0-9+/]{40}',
    // e.g. credentials.NewStaticCredentials("AKIA…", "secret", ""), new BasicAWSCredentials("AKIA…", "secret")
    before: '(?<![A-Za-z0-9_])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}["\'`][^\\n]{0,100}?["\'`]',
    after: '(?=["\'`])',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    minEntropy: 4,
    check: (secret) => mixesCases(secret) && notAwsExample(secret),
    fake: fakeAwsSecret,
    contexts: (secret) => [
      `sess := credentials.NewStaticCredentials("${fakeAwsKeyId()}", "${secret}", "")`,
      `AWSCredentials creds = new BasicAWSCredentials("${fakeAwsKeyId()}", "${secret}");`,
    ],
    negative: ['new BasicAWSCredentials("AKIA...", "<secret-access-key>")', 'creds = ("AKIAXXXXXXXXXXXXXXXX", "' + 'x'.repeat(40) + '")'],
  }),
  token({
    ...cloud,
    id: 'aws-session-token',
    description: 'AWS STS session token',
    provider: 'aws',
    envVar: 'AWS_SESSION_TOKEN',
    revokeUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html',
    pattern: '(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9+/]{100,3000}={0,2}',
    before: BEFORE_B64,
    after: AFTER_B64,
    keywords: ['iqojb3jpz2lux2vj', 'fwogzxivyxdze'],
    fake: () => join('IQoJb3JpZ2luX2Vj', randomBase64(300).replace(/=+$/, '')),
    negative: ['AWS_SESSION_TOKEN=IQoJb3JpZ2luX2Vj...'],
  }),
  token({
    ...cloud,
    id: 'aws-bedrock-api-key',
    description: 'Amazon Bedrock API key (long-lived)',
    provider: 'aws',
    envVar: 'AWS_BEARER_TOKEN_BEDROCK',
    revokeUrl: AWS_REVOKE,
    pattern: 'ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{60,400}={0,2}',
    before: BEFORE_B64,
    after: AFTER_B64,
    keywords: ['abskqmvkcm9ja0fqsutles'],
    fake: () =>
      join(
        'ABSK',
        Buffer.from('BedrockAPIKey-' + randomString(8, 'an') + '-at-' + randomString(12, 'dec') + ':')
          .toString('base64')
          .replace(/=+$/, ''),
        randomBase64(45).replace(/=+$/, ''),
      ),
    negative: ['AWS_BEARER_TOKEN_BEDROCK=ABSK...'],
  }),
  token({
    ...cloud,
    id: 'aws-bedrock-short-term-key',
    description: 'Amazon Bedrock API key (short-term)',
    provider: 'aws',
    envVar: 'AWS_BEARER_TOKEN_BEDROCK',
    revokeUrl: AWS_REVOKE,
    pattern: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{60,4000}={0,2}',
    before: BEFORE_B64,
    after: AFTER_B64,
    keywords: ['bedrock-api-key-'],
    fake: () =>
      join(
        'bedrock-api-key-',
        Buffer.from('bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=' + randomString(60, 'b62'))
          .toString('base64')
          .replace(/=+$/, ''),
      ),
    negative: ['AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-...'],
  }),
];

// ---- Azure -----------------------------------------------------------------------------------------

const AZURITE = /devstoreaccount1/;
const fakeStorageKey = () => randomBase64(64);

const azureRules: Rule[] = [
  token({
    ...cloud,
    id: 'azure-storage-account-key',
    description: 'Azure Storage / Cosmos DB account key in a connection string',
    provider: 'azure',
    envVar: 'AZURE_STORAGE_CONNECTION_STRING',
    revokeUrl: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
    pattern: '[A-Za-z0-9+/]{86}==',
    before: 'AccountKey=',
    after: AFTER_B64,
    keywords: ['accountkey='],
    check: (_key, ctx) => !AZURITE.test(lineOf(ctx)),
    fake: fakeStorageKey,
    contexts: (key) => [
      `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprod42;AccountKey=${key};EndpointSuffix=core.windows.net"`,
      `"CosmosDb": "AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${key};"`,
    ],
    negative: ['AZURE_STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true', 'AccountKey=<your-account-key>'],
  }),
  context({
    ...cloud,
    id: 'azure-storage-account-key-bare',
    description: 'Azure Storage account key',
    provider: 'azure',
    envVar: 'AZURE_STORAGE_KEY',
    revokeUrl: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
    context: '(?:azure|storage)[\\w.:-]{0,30}?key',
    value: '[A-Za-z0-9+/]{86}==',
    after: AFTER_B64,
    keywords: ['azure', 'storage'],
    minEntropy: 4.5,
    check: mixesCases,
    fake: fakeStorageKey,
    contexts: (key) => [`AZURE_STORAGE_KEY=${key}`, `  "storageAccountKey": "${key}",`, `azure_storage_account_key = "${key}"`],
    negative: ['AZURE_STORAGE_KEY=<storage-account-key>'],
  }),
  token({
    ...cloud,
    id: 'azure-storage-identifiable-key',
    description: 'Azure Storage account key (identifiable format)',
    provider: 'azure',
    envVar: 'AZURE_STORAGE_KEY',
    revokeUrl: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
    pattern: '[A-Za-z0-9+/]{76}\\+ASt[A-Za-z0-9+/]{6}==',
    before: BEFORE_B64,
    after: AFTER_B64,
    keywords: ['+ast'],
    fake: () => join(randomBase64(57), '+ASt', randomString(6, 'b64'), '=='),
    negative: ['AZURE_STORAGE_KEY=...+ASt...=='],
  }),
  token({
    ...cloud,
    id: 'azure-shared-access-key',
    description: 'Azure Service Bus / Event Hubs / IoT Hub shared access key',
    provider: 'azure',
    envVar: 'SERVICEBUS_CONNECTION_STRING',
    revokeUrl: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas',
    pattern: '[A-Za-z0-9+/]{42,43}=',
    before: 'SharedAccessKey=',
    after: AFTER_B64,
    keywords: ['sharedaccesskey='],
    fake: () => randomBase64(32),
    contexts: (key) => [
      `SERVICEBUS_CONNECTION_STRING="Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}"`,
    ],
    negative: ['Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=<key>'],
  }),
  token({
    ...cloud,
    id: 'azure-sas-token',
    description: 'Azure shared access signature (SAS) in a URL',
    provider: 'azure',
    envVar: 'AZURE_STORAGE_SAS_TOKEN',
    revokeUrl: 'https://learn.microsoft.com/azure/storage/common/storage-sas-overview',
    pattern: '[A-Za-z0-9%+/]{40,80}(?:%3D|=)?',
    before: '[?&]sig=',
    after: '(?![A-Za-z0-9%+/=])',
    keywords: ['sig='],
    check: (_sig, ctx) => /[?&]sv=\d{4}-\d\d-\d\d/.test(lineOf(ctx)),
    fake: () => encodeURIComponent(randomBase64(32)),
    contexts: (sig) => [
      `BLOB_URL="https://acme.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2031-01-01T00:00:00Z&spr=https&sig=${sig}"`,
    ],
    negative: ['https://acme.blob.core.windows.net/x?sv=2022-11-02&sig=<signature>'],
  }),
  token({
    ...cloud,
    id: 'azure-entra-client-secret',
    description: 'Azure Entra ID (AAD) client secret',
    provider: 'azure',
    envVar: 'AZURE_CLIENT_SECRET',
    revokeUrl: 'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps',
    pattern: '[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}',
    before: '(?<![A-Za-z0-9_~.-])',
    after: '(?![A-Za-z0-9_~.-])',
    keywords: ['q~'],
    minEntropy: 3.5,
    check: mixesCases,
    fake: () => join(randomString(3), '8Q~', randomString(34, 'b64u')),
    negative: ['AZURE_CLIENT_SECRET=xxx8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  token({
    ...cloud,
    id: 'azure-devops-pat',
    description: 'Azure DevOps personal access token (identifiable)',
    provider: 'azure',
    envVar: 'AZURE_DEVOPS_EXT_PAT',
    revokeUrl: 'https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    pattern: '[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{18}AZDO[A-Za-z0-9]{4}',
    keywords: ['azdo'],
    fake: () => join(randomString(52), 'JQQJ99', 'BC', randomString(16), 'AZDO', randomString(4)),
    negative: ['AZURE_DEVOPS_EXT_PAT=<pat>'],
  }),
  token({
    ...cloud,
    id: 'azure-identifiable-key',
    description: 'Azure identifiable service key',
    provider: 'azure',
    envVar: 'AZURE_API_KEY',
    revokeUrl: 'https://portal.azure.com',
    pattern: '[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{18}[A-Z]{4}[A-Za-z0-9]{4}',
    keywords: ['jqqj9'],
    fake: () => join(randomString(52), 'JQQJ99', 'BC', randomString(16), 'AZSE', randomString(4)),
    negative: ['AZURE_API_KEY=<key>'],
  }),
];

// ---- Google Cloud ----------------------------------------------------------------------------------

/** The `"private_key"` member of a service-account JSON (any formatting), reported as one secret. */
const gcpServiceAccount = token({
  ...cloud,
  id: 'gcp-service-account-key',
  description: 'Google Cloud service account key (JSON)',
  provider: 'gcp',
  envVar: 'GOOGLE_APPLICATION_CREDENTIALS',
  revokeUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
  pattern: '-----BEGIN PRIVATE KEY-----(?:\\\\n|[A-Za-z0-9+/=])[A-Za-z0-9+/=\\\\]{64,8000}?-----END PRIVATE KEY-----(?:\\\\n)?',
  before: '\\\\?"private_key\\\\?"\\s{0,4}:\\s{0,4}\\\\?"',
  after: '',
  keywords: ['private_key'],
  allowPlaceholderLike: true,
  check: (value, ctx) => /service_account/.test(ctx.text.slice(Math.max(0, ctx.index - 4000), ctx.index + 8000)) && !/\.\.\./.test(value),
  fake: () => fakePem('PKCS8').split('\n').join('\\n') + '\\n',
  contexts: (key) => [
    `{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "${randomString(40, 'hex')}",\n  "private_key": "${key}",\n  "client_email": "deployer@acme-prod.iam.gserviceaccount.com"\n}`,
    `GCP_SA_KEY='{"type":"service_account","project_id":"acme","private_key":"${key}"}'`,
  ],
  negative: ['{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"}'],
});

/** base64 of "service_account" at each of the three byte alignments. */
const SERVICE_ACCOUNT_B64 = ['c2VydmljZV9hY2NvdW50', 'lcnZpY2VfYWNjb3Vu', 'ZXJ2aWNlX2FjY291'];

/** A whole service-account JSON, base64-encoded into one value (GOOGLE_CREDENTIALS, GCP_SA_KEY, CI secrets). */
const gcpServiceAccountBase64 = token({
  ...cloud,
  id: 'gcp-service-account-key-base64',
  description: 'Google Cloud service account key (base64-encoded JSON)',
  provider: 'gcp',
  envVar: 'GOOGLE_CREDENTIALS',
  revokeUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
  pattern: 'e[wy][A-Za-z0-9+/]{400,20000}={0,2}',
  before: BEFORE_B64,
  after: AFTER_B64,
  keywords: SERVICE_ACCOUNT_B64.map((k) => k.toLowerCase()),
  allowPlaceholderLike: true,
  check: (value) => {
    const json = Buffer.from(value, 'base64').toString('utf8');
    return /"type"\s*:\s*"service_account"/.test(json) && /"private_key"\s*:\s*"-----BEGIN/.test(json);
  },
  fake: () =>
    Buffer.from(
      JSON.stringify(
        {
          type: 'service_account',
          project_id: 'acme-prod',
          private_key_id: randomString(40, 'hex'),
          private_key: `${fakePem('PKCS8')}\n`,
          client_email: 'ci@acme-prod.iam.gserviceaccount.com',
        },
        null,
        2,
      ),
    ).toString('base64'),
  contexts: (value) => [`GOOGLE_CREDENTIALS=${value}`, `  GCP_SA_KEY: "${value}"`],
  negative: [
    `GOOGLE_CREDENTIALS=${Buffer.from(JSON.stringify({ type: 'service_account', project_id: 'acme', client_email: 'ci@acme.iam.gserviceaccount.com', note: 'x'.repeat(300) })).toString('base64')}`,
  ],
});

const googleCloudRules: Rule[] = [
  gcpServiceAccount,
  gcpServiceAccountBase64,
  token({
    ...cloud,
    id: 'google-oauth-client-secret',
    description: 'Google OAuth client secret',
    provider: 'google',
    envVar: 'GOOGLE_CLIENT_SECRET',
    revokeUrl: 'https://console.cloud.google.com/apis/credentials',
    pattern: 'GOCSPX-[A-Za-z0-9_-]{28}',
    keywords: ['gocspx-'],
    fake: () => join('GOCSPX-', randomString(28, 'b64u')),
    negative: ['GOOGLE_CLIENT_SECRET=GOCSPX-...'],
  }),
  token({
    ...cloud,
    id: 'google-oauth-access-token',
    description: 'Google OAuth access token',
    provider: 'google',
    envVar: 'GOOGLE_ACCESS_TOKEN',
    revokeUrl: 'https://myaccount.google.com/permissions',
    pattern: 'ya29\\.[A-Za-z0-9_-]{30,1024}',
    keywords: ['ya29.'],
    minEntropy: 4,
    fake: () => join('ya29.', randomString(150, 'b64u')),
    negative: ['Authorization: Bearer ya29.xxxxx', 'token = "ya29...."'],
  }),
  token({
    ...cloud,
    id: 'google-oauth-refresh-token',
    description: 'Google OAuth refresh token',
    provider: 'google',
    envVar: 'GOOGLE_REFRESH_TOKEN',
    revokeUrl: 'https://myaccount.google.com/permissions',
    pattern: '1//0[A-Za-z0-9_-]{60,200}',
    before: '(?<![A-Za-z0-9_/:.-])',
    keywords: ['1//0'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => join('1//0', 'g', randomString(100, 'b64u')),
    negative: ['GOOGLE_REFRESH_TOKEN=1//0...', 'url = "https://example.com/1//0"'],
  }),
  token({
    ...cloud,
    id: 'firebase-cloud-messaging-server-key',
    description: 'Firebase Cloud Messaging legacy server key',
    provider: 'firebase',
    envVar: 'FCM_SERVER_KEY',
    revokeUrl: 'https://console.firebase.google.com',
    pattern: 'AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}',
    keywords: [':apa91b'],
    fake: () => join('AAAA', randomString(7, 'b64u'), ':APA91b', randomString(134, 'b64u')),
    negative: ['FCM_SERVER_KEY=AAAA...:APA91b...'],
  }),
];

// ---- Platforms -------------------------------------------------------------------------------------

const SUPABASE_ROLE_SECRET = /^service_role$/;

/** A Supabase-issued JWT whose role is service_role (the anon key is public by design). */
function isSupabaseServiceRole(jwt: string): boolean {
  const payload = jwt.split('.')[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    return claims.iss === 'supabase' && typeof claims.role === 'string' && SUPABASE_ROLE_SECRET.test(claims.role);
  } catch {
    return false;
  }
}

const fakeSupabaseJwt = (role: string) =>
  fakeJwt({ iss: 'supabase', ref: randomString(20, 'lower'), role, iat: 1_700_000_000, exp: 2_015_576_000 });

const platformRules: Rule[] = [
  token({
    ...cloud,
    id: 'supabase-service-role-key',
    description: 'Supabase service_role key (JWT)',
    provider: 'supabase',
    envVar: 'SUPABASE_SERVICE_ROLE_KEY',
    revokeUrl: 'https://supabase.com/dashboard/project/_/settings/api',
    pattern: 'eyJ[A-Za-z0-9_-]{10,200}\\.eyJpc3MiOiJzdXBhYmFzZSIs[A-Za-z0-9_-]{20,1000}\\.[A-Za-z0-9_-]{40,100}',
    keywords: ['eyjpc3mioijzdxbhymfzzsis'],
    check: isSupabaseServiceRole,
    fake: () => fakeSupabaseJwt('service_role'),
    negative: [`SUPABASE_ANON_KEY=${fakeJwtShape('anon')}`],
  }),
  token({
    ...cloud,
    id: 'supabase-secret-key',
    description: 'Supabase secret API key',
    provider: 'supabase',
    envVar: 'SUPABASE_SECRET_KEY',
    revokeUrl: 'https://supabase.com/dashboard/project/_/settings/api-keys',
    pattern: 'sb_secret_[A-Za-z0-9_-]{31}',
    keywords: ['sb_secret_'],
    fake: () => join('sb_', 'secret_', randomString(22, 'b64u'), '_', randomString(8, 'b64u')),
    negative: ['SUPABASE_SECRET_KEY=sb_secret_...', 'SUPABASE_PUBLISHABLE_KEY=sb_publishable_AbCdEfGhIjKlMnOpQrStUv_wXyZ0123'],
  }),
  token({
    ...cloud,
    id: 'supabase-access-token',
    description: 'Supabase management access token',
    provider: 'supabase',
    envVar: 'SUPABASE_ACCESS_TOKEN',
    revokeUrl: 'https://supabase.com/dashboard/account/tokens',
    pattern: 'sbp_(?:oauth_)?[a-f0-9]{40}',
    keywords: ['sbp_'],
    fake: () => join('sbp_', randomString(40, 'hex')),
    negative: ['SUPABASE_ACCESS_TOKEN=sbp_...'],
  }),
  ...(
    [
      ['dop', 'personal access token', 'DIGITALOCEAN_TOKEN'],
      ['doo', 'OAuth token', 'DIGITALOCEAN_ACCESS_TOKEN'],
      ['dor', 'refresh token', 'DIGITALOCEAN_REFRESH_TOKEN'],
    ] as const
  ).map(([prefix, kind, envVar]) =>
    token({
      ...cloud,
      id: `digitalocean-${kind.split(' ')[0]?.toLowerCase()}-token`,
      description: `DigitalOcean ${kind}`,
      provider: 'digitalocean',
      envVar,
      revokeUrl: 'https://cloud.digitalocean.com/account/api/tokens',
      pattern: `${prefix}_v1_[a-f0-9]{64}`,
      keywords: [`${prefix}_v1_`],
      fake: () => join(prefix, '_v1_', randomString(64, 'hex')),
      negative: [`${envVar}=${prefix}_v1_...`],
    }),
  ),
  token({
    ...cloud,
    id: 'heroku-api-key',
    description: 'Heroku API key',
    provider: 'heroku',
    envVar: 'HEROKU_API_KEY',
    revokeUrl: 'https://dashboard.heroku.com/account/applications',
    pattern: 'HRKU-AA[A-Za-z0-9_-]{58}',
    keywords: ['hrku-'],
    fake: () => join('HRKU-', 'AA', randomString(58, 'b64u')),
    contexts: (key) => [`HEROKU_API_KEY=${key}`, `machine api.heroku.com login deploy@acme.io password ${key}`],
    negative: ['HEROKU_API_KEY=HRKU-...'],
  }),
  context({
    ...cloud,
    id: 'heroku-api-key-legacy',
    description: 'Heroku API key (legacy UUID)',
    provider: 'heroku',
    envVar: 'HEROKU_API_KEY',
    revokeUrl: 'https://dashboard.heroku.com/account/applications',
    context: 'heroku[\\w.:-]{0,30}?(?:api|auth|token|key|password)|api\\.heroku\\.com[^\\n]{0,80}?password',
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    keywords: ['heroku'],
    check: (uuid) => !/^0{8}-/.test(uuid),
    fake: () =>
      [
        randomString(8, 'hex'),
        randomString(4, 'hex'),
        '4' + randomString(3, 'hex'),
        '8' + randomString(3, 'hex'),
        randomString(12, 'hex'),
      ].join('-'),
    negative: ['HEROKU_APP_ID=not-a-secret', 'HEROKU_API_KEY=00000000-0000-0000-0000-000000000000'],
  }),
  token({
    ...cloud,
    id: 'vercel-token',
    description: 'Vercel access token',
    provider: 'vercel',
    envVar: 'VERCEL_TOKEN',
    revokeUrl: 'https://vercel.com/account/tokens',
    pattern: 'vc[pira]_[A-Za-z0-9_-]{56}',
    keywords: ['vcp_', 'vci_', 'vcr_', 'vca_'],
    check: mixesCases,
    fake: () => join('vcp_', randomString(56, 'b64u')),
    negative: ['VERCEL_TOKEN=vcp_...'],
  }),
  token({
    ...cloud,
    id: 'vercel-ai-gateway-key',
    description: 'Vercel AI Gateway API key',
    provider: 'vercel',
    envVar: 'AI_GATEWAY_API_KEY',
    revokeUrl: 'https://vercel.com/d?to=%2F%5Bteam%5D%2F%7E%2Fai-gateway%2Fapi-keys',
    pattern: 'vck_[A-Za-z0-9_-]{56}',
    keywords: ['vck_'],
    anchor: 'keyword',
    check: mixesCases,
    fake: () => join('vck_', randomString(56, 'b64u')),
    contexts: (key) => [`AI_GATEWAY_API_KEY=${key}`, `const gateway = createGateway({ apiKey: "${key}" });`],
    negative: ['AI_GATEWAY_API_KEY=vck_...'],
  }),
  context({
    ...cloud,
    id: 'vercel-token-legacy',
    description: 'Vercel access token (legacy)',
    provider: 'vercel',
    envVar: 'VERCEL_TOKEN',
    revokeUrl: 'https://vercel.com/account/tokens',
    context: 'vercel',
    value: '[A-Za-z0-9]{24}',
    keywords: ['vercel'],
    minEntropy: 3.3,
    check: mixesCases,
    fake: () => randomString(24),
    negative: ['VERCEL_TOKEN=$VERCEL_TOKEN', 'VERCEL_ORG_ID=team_abcdefghijklmnop'],
  }),
  token({
    ...cloud,
    id: 'netlify-token',
    description: 'Netlify personal access token',
    provider: 'netlify',
    envVar: 'NETLIFY_AUTH_TOKEN',
    revokeUrl: 'https://app.netlify.com/user/applications#personal-access-tokens',
    pattern: 'nfp_[A-Za-z0-9]{36}',
    keywords: ['nfp_'],
    check: bodyMixesCases,
    fake: () => join('nfp_', randomString(36)),
    negative: ['NETLIFY_AUTH_TOKEN=nfp_...'],
  }),
  context({
    ...cloud,
    id: 'netlify-token-legacy',
    description: 'Netlify access token (legacy)',
    provider: 'netlify',
    envVar: 'NETLIFY_AUTH_TOKEN',
    revokeUrl: 'https://app.netlify.com/user/applications#personal-access-tokens',
    context: 'netlify',
    value: '[A-Za-z0-9_-]{43,45}',
    keywords: ['netlify'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => randomString(43, 'b64u'),
    negative: ['NETLIFY_AUTH_TOKEN=${NETLIFY_AUTH_TOKEN}'],
  }),
  token({
    ...cloud,
    id: 'databricks-token',
    description: 'Databricks personal access token',
    provider: 'databricks',
    envVar: 'DATABRICKS_TOKEN',
    revokeUrl: 'https://docs.databricks.com/dev-tools/auth/pat.html',
    pattern: 'dapi[a-f0-9]{32}(?:-[0-9])?',
    keywords: ['dapi'],
    check: mixesDigitsAndLetters,
    fake: () => join('dapi', randomString(32, 'hex')),
    negative: ['DATABRICKS_TOKEN=dapi...', 'const dapiVersion = "dapi1"'],
  }),
  token({
    ...cloud,
    id: 'cloudflare-origin-ca-key',
    description: 'Cloudflare Origin CA key',
    provider: 'cloudflare',
    envVar: 'CLOUDFLARE_ORIGIN_CA_KEY',
    revokeUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    pattern: 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}',
    keywords: ['v1.0-'],
    fake: () => join('v1.0-', randomString(24, 'hex'), '-', randomString(146, 'hex')),
    negative: ['CLOUDFLARE_ORIGIN_CA_KEY=v1.0-...'],
  }),
  context({
    ...cloud,
    id: 'cloudflare-api-token',
    description: 'Cloudflare API token',
    provider: 'cloudflare',
    envVar: 'CLOUDFLARE_API_TOKEN',
    revokeUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    context: 'cloudflare|(?<![a-z0-9])cf[_-]?api[_-]?token',
    value: '[A-Za-z0-9_-]{40}',
    keywords: ['cloudflare', 'cf_'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => randomString(40, 'b64u'),
    negative: ['CLOUDFLARE_API_TOKEN=your-cloudflare-api-token-goes-here-now'],
  }),
  context({
    ...cloud,
    id: 'cloudflare-global-api-key',
    description: 'Cloudflare global API key',
    provider: 'cloudflare',
    envVar: 'CLOUDFLARE_API_KEY',
    revokeUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    context: 'cloudflare|(?<![a-z0-9])cf[_-]?api[_-]?key',
    value: '[a-f0-9]{37}',
    keywords: ['cloudflare', 'cf_'],
    check: mixesDigitsAndLetters,
    fake: () => randomString(37, 'hex'),
    negative: ['CLOUDFLARE_API_KEY=<global-api-key>'],
  }),
  token({
    ...cloud,
    id: 'alibaba-access-key-id',
    description: 'Alibaba Cloud AccessKey ID',
    provider: 'alibaba',
    envVar: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    revokeUrl: 'https://ram.console.aliyun.com/manage/ak',
    pattern: 'LTAI[A-Za-z0-9]{12,20}',
    keywords: ['ltai'],
    check: mixesCases,
    fake: () => join('LTAI', '5t', randomString(18)),
    negative: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI...'],
  }),
  token({
    ...cloud,
    id: 'tencent-secret-id',
    description: 'Tencent Cloud SecretId',
    provider: 'tencent',
    envVar: 'TENCENTCLOUD_SECRET_ID',
    revokeUrl: 'https://console.cloud.tencent.com/cam/capi',
    pattern: 'AKID[A-Za-z0-9]{32}',
    keywords: ['akid'],
    check: mixesCases,
    fake: () => join('AKID', randomString(32)),
    negative: ['TENCENTCLOUD_SECRET_ID=AKID...'],
  }),
  token({
    ...cloud,
    id: 'flyio-access-token',
    description: 'Fly.io access token',
    provider: 'flyio',
    envVar: 'FLY_API_TOKEN',
    revokeUrl: 'https://fly.io/user/personal_access_tokens',
    pattern: '(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/=_-]{100,2000})',
    keywords: ['fo1_', 'fm1', 'fm2'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => join('fo1_', randomString(43, 'b64u')),
    negative: ['FLY_API_TOKEN=fo1_...'],
  }),
  token({
    ...cloud,
    id: 'render-api-key',
    description: 'Render API key',
    provider: 'render',
    envVar: 'RENDER_API_KEY',
    revokeUrl: 'https://dashboard.render.com/u/settings#api-keys',
    pattern: 'rnd_[A-Za-z0-9]{32}',
    keywords: ['rnd_'],
    check: bodyMixesCases,
    fake: () => join('rnd_', randomString(32)),
    negative: ['RENDER_API_KEY=rnd_...'],
  }),
  token({
    ...cloud,
    id: 'hashicorp-vault-token',
    description: 'HashiCorp Vault token',
    provider: 'hashicorp',
    envVar: 'VAULT_TOKEN',
    revokeUrl: 'https://developer.hashicorp.com/vault/docs/commands/token/revoke',
    pattern: 'hv[sbr]\\.[A-Za-z0-9_-]{24,200}',
    keywords: ['hvs.', 'hvb.', 'hvr.'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => join('hvs.', 'CAESI', randomString(90, 'b64u')),
    negative: ['VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxx', 'VAULT_TOKEN=root'],
  }),
  token({
    ...cloud,
    id: 'terraform-cloud-token',
    description: 'Terraform Cloud / HCP Terraform API token',
    provider: 'hashicorp',
    envVar: 'TFE_TOKEN',
    revokeUrl: 'https://app.terraform.io/app/settings/tokens',
    pattern: '[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}',
    keywords: ['.atlasv1.'],
    fake: () => join(randomString(14), '.atlasv1.', randomString(67, 'b64u')),
    negative: ['TFE_TOKEN=xxxxxxxxxxxxxx.atlasv1.xxxx'],
  }),
  token({
    ...cloud,
    id: 'pulumi-access-token',
    description: 'Pulumi access token',
    provider: 'pulumi',
    envVar: 'PULUMI_ACCESS_TOKEN',
    revokeUrl: 'https://app.pulumi.com/account/tokens',
    pattern: 'pul-[a-f0-9]{40}',
    keywords: ['pul-'],
    fake: () => join('pul-', randomString(40, 'hex')),
    negative: ['PULUMI_ACCESS_TOKEN=pul-...'],
  }),
];

/** A JWT-shaped placeholder with a readable payload (for negatives; not a credential). */
function fakeJwtShape(role: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role })}.signature-goes-here-not-a-real-one-at-all`;
}

export const cloudRules: Rule[] = [...awsRules, ...azureRules, ...googleCloudRules, ...platformRules];
