// Databases and data platforms, and the queues, streams and workflow engines next to them: managed
// SQL and NoSQL services, analytics stores, ingestion tools, event and job platforms.
import type { Rule } from '../types.js';
import { AFTER_B64, BEFORE_B64, mixesCases, mixesDigitsAndLetters, token } from './build.js';
import { fakeJwt, join, randomBase64, randomString } from './fake.js';
import { fakeUuid, named, notNilUuid, prefixed, UUID } from './shapes.js';

const key = prefixed('cloud');
const name = named('cloud');

/** The JSON payload of a base64url segment, or undefined. */
function claimsOf(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An Elasticsearch "encoded" API key: base64 of `<id>:<api key>`. */
function isEncodedElasticKey(value: string): boolean {
  const text = Buffer.from(value, 'base64').toString('latin1');
  return /^[A-Za-z0-9_-]{20}:[A-Za-z0-9_-]{22}$/.test(text);
}

/** A Temporal Cloud API key: a JWT issued by temporal.io for an account and key id. */
function isTemporalKey(jwt: string): boolean {
  const claims = claimsOf(jwt.split('.')[1] ?? '');
  if (!claims) return false;
  const issuer = JSON.stringify([claims.iss, claims.aud]);
  return issuer.includes('temporal.io') && typeof claims.account_id === 'string' && typeof claims.key_id === 'string';
}

const fakeTemporalKey = () =>
  fakeJwt({ account_id: randomString(5, 'an'), aud: ['temporal.io'], exp: 2_000_000_000, iss: 'temporal.io', jti: randomString(32, 'an'), key_id: randomString(32, 'an'), sub: randomString(32, 'hex') }, { alg: 'ES256', kid: randomString(6, 'b64u') });

/** A Tinybird token: `p.` + base64url JSON naming the user (`{"u": …}`) + `.` + signature. */
function isTinybirdToken(value: string): boolean {
  const claims = claimsOf(value.split('.')[1] ?? '');
  return claims !== undefined && typeof claims.u === 'string';
}

const fakeTinybirdToken = () =>
  join('p.', Buffer.from(JSON.stringify({ u: fakeUuid(), id: fakeUuid(), host: 'gcp-europe-west3' })).toString('base64url'), '.', randomString(43, 'b64u'));

const prefixedKeys: Rule[] = [
  key({
    id: 'clickhouse-cloud-secret-key',
    description: 'ClickHouse Cloud API key secret',
    provider: 'clickhouse',
    envVar: 'CLICKHOUSE_KEY_SECRET',
    revokeUrl: 'https://console.clickhouse.cloud/',
    prefix: '4b1d',
    body: '[A-Za-z0-9]{38}',
    fakeBody: () => randomString(38),
    negative: ['const hash = "4b1d0e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e"'],
  }),
  key({
    id: 'cockroachdb-cloud-api-key',
    description: 'CockroachDB Cloud API key',
    provider: 'cockroachlabs',
    envVar: 'COCKROACH_API_KEY',
    revokeUrl: 'https://cockroachlabs.cloud/',
    prefix: 'CCDB1_',
    body: '[A-Za-z0-9]{22}_[A-Za-z0-9]{40}',
    check: (k) => mixesCases(k.slice(-40)),
    fakeBody: () => join(randomString(22), '_', randomString(40)),
  }),
  key({
    id: 'datastax-astra-token',
    description: 'DataStax Astra DB application token',
    provider: 'datastax',
    envVar: 'ASTRA_DB_APPLICATION_TOKEN',
    revokeUrl: 'https://astra.datastax.com/',
    prefix: 'AstraCS:',
    body: '[A-Za-z0-9]{20,30}:[a-f0-9]{64}',
    check: (k) => mixesDigitsAndLetters(k.slice(-64)),
    fakeBody: () => join(randomString(24, 'alpha'), ':', randomString(64, 'hex')),
  }),
  key({
    id: 'elastic-cloud-api-key',
    description: 'Elastic Cloud API key',
    provider: 'elastic',
    envVar: 'EC_API_KEY',
    revokeUrl: 'https://cloud.elastic.co/account/keys',
    prefix: 'essu_',
    body: '[A-Za-z0-9_-]{60,200}={0,2}',
    after: AFTER_B64,
    minEntropy: 4,
    fakeBody: () => randomString(80, 'b64u'),
  }),
  key({
    id: 'confluent-cloud-api-secret',
    description: 'Confluent Cloud API secret',
    provider: 'confluent',
    envVar: 'CONFLUENT_CLOUD_API_SECRET',
    revokeUrl: 'https://confluent.cloud/settings/api-keys',
    prefix: 'cflt',
    body: '[A-Za-z0-9+/]{60}',
    before: BEFORE_B64,
    after: AFTER_B64,
    fakeBody: () => randomString(60, 'b64'),
  }),
  key({
    id: 'mongodb-atlas-service-account-secret',
    description: 'MongoDB Atlas service account secret',
    provider: 'mongodb',
    envVar: 'MONGODB_ATLAS_CLIENT_SECRET',
    revokeUrl: 'https://cloud.mongodb.com/v2#/org/access/serviceAccounts',
    prefix: 'mdb_sa_sk_',
    body: '[A-Za-z0-9_-]{40}',
    fakeBody: () => randomString(40, 'b64u'),
    negative: ['MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_0123456789abcdef01234567'],
  }),
  key({
    id: 'xata-api-key',
    description: 'Xata API key',
    provider: 'xata',
    envVar: 'XATA_API_KEY',
    revokeUrl: 'https://app.xata.io/settings',
    prefix: 'xau_',
    body: '[A-Za-z0-9]{30,36}',
    fakeBody: () => randomString(33),
  }),
  key({
    id: 'dbt-cloud-token',
    description: 'dbt Cloud service or personal access token',
    provider: 'dbt',
    envVar: 'DBT_CLOUD_API_TOKEN',
    revokeUrl: 'https://docs.getdbt.com/docs/dbt-cloud-apis/service-tokens',
    prefix: 'dbtc_',
    body: '[A-Za-z0-9_-]{30,80}',
    minEntropy: 3.8,
    fakeBody: () => randomString(52, 'b64u'),
  }),
  key({
    id: 'dbt-cloud-personal-token',
    description: 'dbt Cloud personal access token',
    provider: 'dbt',
    envVar: 'DBT_CLOUD_API_TOKEN',
    revokeUrl: 'https://docs.getdbt.com/docs/dbt-cloud-apis/user-tokens',
    prefix: 'dbtu_',
    body: '[A-Za-z0-9_-]{30,80}',
    minEntropy: 3.8,
    fakeBody: () => randomString(52, 'b64u'),
  }),
  key({
    id: 'inngest-signing-key',
    description: 'Inngest signing key',
    provider: 'inngest',
    envVar: 'INNGEST_SIGNING_KEY',
    revokeUrl: 'https://app.inngest.com/env/production/manage/signing-key',
    prefix: 'signkey-',
    body: '(?:prod|test|branch)-[a-f0-9]{64}',
    check: (k) => mixesDigitsAndLetters(k.slice(-64)),
    fakeBody: () => join('prod-', randomString(64, 'hex')),
    negative: ['INNGEST_SIGNING_KEY=signkey-prod-...', 'INNGEST_SIGNING_KEY=signkey-prod-0486c9'],
  }),
];

const structured: Rule[] = [
  token({
    category: 'cloud',
    id: 'temporal-cloud-api-key',
    description: 'Temporal Cloud API key',
    provider: 'temporal',
    envVar: 'TEMPORAL_API_KEY',
    revokeUrl: 'https://cloud.temporal.io/settings/api-keys',
    pattern: 'eyJ[A-Za-z0-9_-]{10,300}\\.eyJ[A-Za-z0-9_-]{20,2000}\\.[A-Za-z0-9_-]{20,600}',
    // `temporal.io` in base64 at each of the three alignments: the payload names it as issuer.
    keywords: ['dgvtcg9yywwuaw', 'rlbxbvcmfslmlv', 'zw1wb3jhbc5pb'],
    check: isTemporalKey,
    fake: fakeTemporalKey,
    negative: ['TEMPORAL_API_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJhbm9uIn0.signature-goes-here-not-a-real-one-at-all'],
  }),
  token({
    category: 'cloud',
    id: 'tinybird-token',
    description: 'Tinybird auth token',
    provider: 'tinybird',
    envVar: 'TINYBIRD_TOKEN',
    revokeUrl: 'https://cloud.tinybird.co/tokens',
    pattern: 'p\\.eyJ1Ijo[A-Za-z0-9_-]{30,600}\\.[A-Za-z0-9_-]{30,100}',
    before: '(?<![A-Za-z0-9_.-])',
    keywords: ['p.eyj1ijo'],
    anchor: 'keyword',
    check: isTinybirdToken,
    fake: fakeTinybirdToken,
    negative: ['TINYBIRD_TOKEN=p.eyJ...', 'TINYBIRD_TOKEN=p.eyJ1IjogIj...YOUR_TOKEN_HERE'],
  }),
  token({
    category: 'cloud',
    id: 'prisma-accelerate-api-key',
    description: 'Prisma Accelerate / Prisma Postgres API key in a connection URL',
    provider: 'prisma',
    envVar: 'DATABASE_URL',
    revokeUrl: 'https://console.prisma.io/',
    pattern: '[A-Za-z0-9_.-]{40,2000}',
    before: 'prisma(?:\\+postgres)?://[A-Za-z0-9.-]{1,100}/?\\?(?:[^\\s"\'&]{1,100}&)?api_key=',
    after: '(?![A-Za-z0-9_.-])',
    keywords: ['prisma://', 'prisma+postgres://'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => fakeJwt({ api_key: fakeUuid(), tenant_id: randomString(64, 'hex'), internal_secret: fakeUuid() }),
    contexts: (k) => [`DATABASE_URL="prisma://accelerate.prisma-data.net/?api_key=${k}"`, `DATABASE_URL="prisma+postgres://accelerate.prisma-data.net/?api_key=${k}"`],
    negative: ['DATABASE_URL="prisma://accelerate.prisma-data.net/?api_key=__API_KEY__"', 'DATABASE_URL="prisma+postgres://accelerate.prisma-data.net/?api_key=${PRISMA_API_KEY}"'],
  }),
  token({
    category: 'cloud',
    id: 'elasticsearch-api-key',
    description: 'Elasticsearch API key (encoded)',
    provider: 'elastic',
    envVar: 'ELASTIC_API_KEY',
    revokeUrl: 'https://www.elastic.co/docs/deploy-manage/api-keys/elasticsearch-api-keys',
    pattern: '[A-Za-z0-9+/]{56,60}={0,2}',
    before: '(?:ApiKey[ \\t]{1,4}|(?:elastic|es)[\\w.-]{0,20}?api[_.-]?key["\']?[ \\t]{0,4}[=:][ \\t]{0,4}["\']?)',
    after: AFTER_B64,
    flags: 'i',
    keywords: ['apikey', 'api_key', 'api-key'],
    check: isEncodedElasticKey,
    fake: () => Buffer.from(`${randomString(20, 'b64u')}:${randomString(22, 'b64u')}`).toString('base64'),
    contexts: (k) => [`ELASTIC_API_KEY=${k}`, `curl -H "Authorization: ApiKey ${k}" https://es.acme.internal:9200/_search`],
    negative: ['ELASTIC_API_KEY=<encoded-api-key>', 'ELASTIC_API_KEY=bm90LWFuLWVsYXN0aWMta2V5LWF0LWFsbC1idXQtYmFzZTY0LXRleHQ='],
  }),
];

const namedKeys: Rule[] = [
  name({
    id: 'couchbase-capella-api-secret',
    description: 'Couchbase Capella API key secret',
    provider: 'couchbase',
    envVar: 'CAPELLA_API_KEY_SECRET',
    revokeUrl: 'https://cloud.couchbase.com/',
    context: '(?:couchbase|capella)[\\w.:-]{0,30}?(?:secret|key)',
    value: '[A-Za-z0-9+/]{60,120}={0,2}',
    after: AFTER_B64,
    keywords: ['couchbase', 'capella'],
    minEntropy: 4.5,
    check: mixesCases,
    fake: () => randomBase64(48),
  }),
  name({
    id: 'influxdb-token',
    description: 'InfluxDB API token',
    provider: 'influxdata',
    envVar: 'INFLUX_TOKEN',
    revokeUrl: 'https://docs.influxdata.com/influxdb/cloud/admin/tokens/delete-token/',
    context: 'influx',
    value: '[A-Za-z0-9_-]{86}==',
    after: AFTER_B64,
    keywords: ['influx'],
    minEntropy: 4.5,
    check: mixesCases,
    fake: () => Buffer.from(randomString(64, 'b62')).toString('base64url').slice(0, 86) + '==',
  }),
  name({
    id: 'aiven-api-token',
    description: 'Aiven API token',
    provider: 'aiven',
    envVar: 'AIVEN_TOKEN',
    revokeUrl: 'https://console.aiven.io/profile/tokens',
    context: 'aiven',
    value: '[A-Za-z0-9+/=]{372}',
    after: AFTER_B64,
    keywords: ['aiven'],
    minEntropy: 5,
    check: mixesCases,
    fake: () => randomBase64(279),
  }),
  name({
    id: 'confluent-cloud-api-secret-legacy',
    description: 'Confluent Cloud API secret (legacy)',
    provider: 'confluent',
    envVar: 'CONFLUENT_CLOUD_API_SECRET',
    revokeUrl: 'https://confluent.cloud/settings/api-keys',
    context: '(?:confluent|ccloud)[\\w.:-]{0,30}?secret',
    value: '[A-Za-z0-9+/]{64}',
    after: AFTER_B64,
    keywords: ['confluent', 'ccloud'],
    minEntropy: 4.5,
    check: mixesCases,
    fake: () => randomString(64, 'b64'),
    negative: ['CONFLUENT_CLOUD_API_KEY=ABCDEFGH12345678'],
  }),
  name({
    id: 'hasura-admin-secret',
    description: 'Hasura Cloud admin secret',
    provider: 'hasura',
    envVar: 'HASURA_GRAPHQL_ADMIN_SECRET',
    revokeUrl: 'https://cloud.hasura.io/projects',
    context: 'hasura[\\w.:-]{0,30}?(?:secret|key)',
    value: '[A-Za-z0-9]{64}',
    keywords: ['hasura'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => randomString(64),
  }),
  name({
    id: 'upstash-redis-rest-token',
    description: 'Upstash Redis REST token',
    provider: 'upstash',
    envVar: 'UPSTASH_REDIS_REST_TOKEN',
    revokeUrl: 'https://console.upstash.com/',
    context: 'upstash[\\w.:-]{0,30}?token',
    value: '[A-Za-z0-9_-]{32,100}={0,2}',
    after: AFTER_B64,
    keywords: ['upstash'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => join('AX', randomString(4), 'ASQg', randomString(60, 'b64u'), '='),
    negative: ['UPSTASH_REDIS_REST_URL=https://steady-cobra-12345.upstash.io'],
  }),
  name({
    id: 'upstash-management-api-key',
    description: 'Upstash management API key',
    provider: 'upstash',
    envVar: 'UPSTASH_API_KEY',
    revokeUrl: 'https://console.upstash.com/account/api',
    context: 'upstash[\\w.:-]{0,30}?key',
    value: UUID,
    keywords: ['upstash'],
    check: notNilUuid,
    fake: fakeUuid,
    contexts: (k) => [`UPSTASH_API_KEY=${k}`, `upstash_management_api_key: "${k}"`],
  }),
  name({
    id: 'airbyte-client-secret',
    description: 'Airbyte application client secret',
    provider: 'airbyte',
    envVar: 'AIRBYTE_CLIENT_SECRET',
    revokeUrl: 'https://cloud.airbyte.com/settings/applications',
    context: 'airbyte[\\w.:-]{0,30}?secret',
    value: '[A-Za-z0-9_-]{16,128}',
    keywords: ['airbyte'],
    minEntropy: 3.5,
    check: (k) => mixesCases(k) && /[0-9]/.test(k),
    fake: () => randomString(31) + '4',
    negative: ['AIRBYTE_CLIENT_ID=abclient_7M2qN8vR4xL9sD1w'],
  }),
  name({
    id: 'fauna-secret',
    description: 'Fauna database secret',
    provider: 'fauna',
    envVar: 'FAUNA_SECRET',
    revokeUrl: 'https://dashboard.fauna.com/',
    context: 'fauna',
    value: 'fn[A-Za-z0-9_-]{38}',
    keywords: ['fauna'],
    minEntropy: 4,
    check: (k) => mixesCases(k.slice(2)),
    fake: () => join('fnA', randomString(37, 'b64u')),
  }),
  name({
    id: 'turso-auth-token',
    description: 'Turso / libSQL database auth token',
    provider: 'turso',
    envVar: 'TURSO_AUTH_TOKEN',
    revokeUrl: 'https://docs.turso.tech/cli/db/tokens/invalidate',
    context: 'turso|libsql',
    value: 'eyJ[A-Za-z0-9_-]{10,300}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{40,600}',
    keywords: ['turso', 'libsql'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => fakeJwt({ a: 'rw', iat: 1_700_000_000, id: fakeUuid() }, { alg: 'EdDSA', typ: 'JWT' }),
  }),
  name({
    id: 'convex-deploy-key',
    description: 'Convex deploy key',
    provider: 'convex',
    envVar: 'CONVEX_DEPLOY_KEY',
    revokeUrl: 'https://dashboard.convex.dev/',
    context: 'convex',
    value: '(?:prod|preview|dev|project):[a-z0-9-]{3,64}[|:][A-Za-z0-9+/=_-]{32,400}',
    after: AFTER_B64,
    keywords: ['convex'],
    minEntropy: 4,
    check: (k) => mixesDigitsAndLetters(k.slice(k.search(/[|:][^|:]*$/) + 1)),
    fake: () => join('prod:', 'happy-animal-123', '|', randomBase64(48)),
    negative: ['CONVEX_DEPLOYMENT=prod:fleet-goldfish-183', 'CONVEX_DEPLOY_KEY=prod:xxx', 'CONVEX_DEPLOY_KEY=prod:fleet-goldfish-183|...'],
  }),
  name({
    id: 'trigger-dev-secret-key',
    description: 'Trigger.dev secret key',
    provider: 'triggerdev',
    envVar: 'TRIGGER_SECRET_KEY',
    revokeUrl: 'https://cloud.trigger.dev/',
    context: 'trigger',
    value: 'tr_(?:dev|prod|stg|staging|preview)_[A-Za-z0-9]{16,40}',
    keywords: ['trigger'],
    minEntropy: 3.5,
    check: (k) => mixesCases(k.slice(k.lastIndexOf('_') + 1)),
    fake: () => join('tr_', 'prod_', randomString(20)),
  }),
];

const moreNamedKeys: Rule[] = [
  name({
    id: 'motherduck-token',
    description: 'MotherDuck access token',
    provider: 'motherduck',
    envVar: 'MOTHERDUCK_TOKEN',
    revokeUrl: 'https://app.motherduck.com/settings/tokens',
    context: 'motherduck',
    value: 'eyJ[A-Za-z0-9_-]{10,300}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{40,600}',
    keywords: ['motherduck'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => fakeJwt({ email: 'ci@acme.example', session: 'acme.motherduck.com', tokenType: 'read_write', iat: 1_700_000_000, iss: 'https://auth.motherduck.com' }),
    contexts: (k) => [`MOTHERDUCK_TOKEN=${k}`, `con = duckdb.connect("md:analytics?motherduck_token=${k}")`],
  }),
  name({
    id: 'looker-client-secret',
    description: 'Looker API client secret',
    provider: 'looker',
    envVar: 'LOOKERSDK_CLIENT_SECRET',
    revokeUrl: 'https://cloud.google.com/looker/docs/api-auth',
    context: 'looker[\\w.:-]{0,20}?secret',
    value: '[A-Za-z0-9]{24}',
    keywords: ['looker'],
    minEntropy: 3.8,
    check: mixesCases,
    fake: () => randomString(24),
    negative: ['LOOKERSDK_CLIENT_ID=AbCdEfGhIjKlMnOpQrSt'],
  }),
  name({
    id: 'tableau-personal-access-token',
    description: 'Tableau personal access token secret',
    provider: 'tableau',
    envVar: 'TABLEAU_PAT_SECRET',
    revokeUrl: 'https://help.tableau.com/current/server/en-us/security_personal_access_tokens.htm',
    context: 'tableau',
    value: '[A-Za-z0-9+/]{22}==:[A-Za-z0-9]{32}',
    keywords: ['tableau'],
    check: (k) => mixesCases(k.slice(-32)),
    fake: () => join(randomString(22, 'b64'), '==:', randomString(32)),
    negative: ['TABLEAU_TOKEN_NAME=ci-token-6'],
  }),
  name({
    id: 'mongodb-atlas-api-private-key',
    description: 'MongoDB Atlas programmatic API private key',
    provider: 'mongodb',
    envVar: 'MONGODB_ATLAS_PRIVATE_KEY',
    revokeUrl: 'https://cloud.mongodb.com/v2#/org/access/apiKeys',
    context: '(?:mongodb|atlas)[\\w.:-]{0,20}?(?:private|secret)',
    value: UUID,
    keywords: ['mongodb', 'atlas'],
    check: notNilUuid,
    fake: fakeUuid,
    negative: ['MONGODB_ATLAS_PUBLIC_KEY=abcdefgh'],
  }),
];

export const databaseRules: Rule[] = [...prefixedKeys, ...structured, ...namedKeys, ...moreNamedKeys];
