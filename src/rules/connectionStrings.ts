// Connection strings and URLs with an embedded password: database URLs, JDBC and ADO.NET strings,
// message brokers, `https://user:pass@host`. The secret reported is the password. Placeholders
// (`user:password@localhost`, `${DB_PASSWORD}`, `<password>`, `****`) and local defaults where the
// password is the user name (`postgres:postgres@`) are not reported.
import { shannonEntropy } from '../detect/entropy.js';
import type { MatchContext, Rule } from '../types.js';
import { enclosingStringOf, token } from './build.js';
import { failsKnownChecksum } from './checksum.js';
import { join, randomString } from './fake.js';

const conn = { category: 'connection-string' as const };

const WEAK = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'changeme',
  'change_me',
  'changeit',
  'example',
  'test',
  'testing',
  'admin',
  'root',
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongo',
  'mongodb',
  'redis',
  'rabbitmq',
  'guest',
  'user',
  'username',
  'default',
  'dbpass',
  'dbpassword',
  'db_password',
  'db_pass',
  'mypassword',
  'mysecretpassword',
  'foo',
  'bar',
  'foobar',
  'qwerty',
  'letmein',
  'sa',
  'null',
  'none',
  'empty',
  'pw',
  'p',
  'token',
  'apikey',
  'key',
  'redacted',
  'hidden',
  'masked',
  'value',
  'string',
  'dev',
  'local',
  'docker',
]);

/** A password that is a real secret rather than a placeholder, a reference or a local default. */
export function isRealPassword(password: string, user = ''): boolean {
  const decoded = safeDecode(password);
  const lower = decoded.toLowerCase();
  if (decoded.length < 4 || failsKnownChecksum(decoded)) return false;
  // A default word with a counter or a bang (`admin123`, `postgres1!`) is a default too.
  const stem = lower.replace(/[0-9!.#@_-]{1,6}$/, '');
  if (WEAK.has(lower) || WEAK.has(stem) || lower === user.toLowerCase() || stem === user.toLowerCase()) return false;
  if (/^[$%]|\$\{|\{\{|[<>]|^\{.*\}$|^\[.*\]$|\$\(|\u2026|\.\.\./.test(decoded)) return false; // $VAR, ${VAR}, %(x)s, %X%, {{x}}, <pw>, {0}, {token}, [pw], …
  if (/^(.)\1*$/.test(decoded) || /^[x*.\u2022_-]+$/i.test(decoded)) return false; // xxxx, ****, ....
  if (/your|example|placeholder|changeme|change_me|redacted|passw(?:or)?d|secret|dummy|sample|fake|insert|replace/i.test(decoded))
    return false;
  if (/^(?:12345|123456|1234567|12345678|123456789)$/.test(decoded)) return false;
  // The name of a variable to put there: `https://token:MY_GITHUB_TOKEN@github.com/...`.
  if (/^[A-Z]{2,}(?:_[A-Z0-9]{2,})+$/.test(decoded)) return false;
  return shannonEntropy(decoded) >= 2;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Hosts that only appear in documentation. */
const DOC_HOST = /(?:^|\.)example\.(?:com|org|net)$|^host$|^hostname$|^your[-_]|^<|^\$/i;

/** The user part of a URL match: everything between `://` and the `:` before the password. */
function urlUser(ctx: MatchContext): string {
  const m = /:\/\/([^:@/\s]*):/.exec(ctx.match);
  return m?.[1] ?? '';
}

function urlHost(ctx: MatchContext): string {
  return /@([^/:?#\s'"`]*)/.exec(ctx.match)?.[1] ?? '';
}

const checkUrlPassword = (password: string, ctx: MatchContext) => isRealPassword(password, urlUser(ctx)) && !DOC_HOST.test(urlHost(ctx));

const USER = '[^\\s:@/\'"`<>]{0,128}';
const PASSWORD = '[^\\s:@/\'"`<>]{1,128}';
const HOST = '[A-Za-z0-9._%\\[\\]-]{1,253}';
const strongPassword = () => join(randomString(10), '-', randomString(6));
const URL_NEGATIVES = ['DATABASE_URL=${DATABASE_URL}'];

function urlRule(spec: {
  id: string;
  description: string;
  provider: string;
  envVar: string;
  /** Where the password is changed. */
  revokeUrl: string;
  schemes: string;
  keywords: string[];
  example: (password: string) => string[];
  negative: string[];
}): Rule {
  return token({
    ...conn,
    id: spec.id,
    description: spec.description,
    provider: spec.provider,
    envVar: spec.envVar,
    revokeUrl: spec.revokeUrl,
    pattern: PASSWORD,
    before: `(?<![A-Za-z0-9.+-])(?:${spec.schemes})://${USER}:`,
    after: `(?=@${HOST})`,
    keywords: spec.keywords,
    minEntropy: 0,
    allowPlaceholderLike: true,
    check: checkUrlPassword,
    fake: strongPassword,
    contexts: spec.example,
    negative: [...spec.negative, ...URL_NEGATIVES],
  });
}

const urlRules: Rule[] = [
  urlRule({
    id: 'postgres-connection-string',
    description: 'PostgreSQL connection URL with a password',
    provider: 'postgres',
    envVar: 'DATABASE_URL',
    revokeUrl: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
    schemes: 'postgres(?:ql)?(?:\\+[a-z0-9]{1,20})?|cockroachdb|timescaledb',
    keywords: ['postgres', 'cockroachdb', 'timescaledb'],
    example: (pw) => [
      `DATABASE_URL=postgres://app:${pw}@db.internal:5432/app?sslmode=require`,
      `SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://svc_reports:${pw}@10.0.3.7/reports"`,
      `jdbc:postgresql://db.internal:5432/app`.replace('db.internal', `app:${pw}@db.internal`),
    ],
    negative: [
      'DATABASE_URL=postgres://user:password@localhost:5432/app',
      'DATABASE_URL=postgres://postgres:postgres@localhost:5432/postgres',
      'DATABASE_URL=postgresql://app:${DB_PASSWORD}@db:5432/app',
      'DATABASE_URL=postgres://app:<password>@db.internal:5432/app',
      'DATABASE_URL=postgres://app:****@db.internal:5432/app',
      'DATABASE_URL=postgres://localhost:5432/app',
    ],
  }),
  urlRule({
    id: 'mysql-connection-string',
    description: 'MySQL / MariaDB connection URL with a password',
    provider: 'mysql',
    envVar: 'DATABASE_URL',
    revokeUrl: 'https://dev.mysql.com/doc/refman/8.4/en/alter-user.html',
    schemes: 'mysql(?:x)?(?:\\+[a-z0-9]{1,20})?|mariadb(?:\\+[a-z0-9]{1,20})?',
    keywords: ['mysql', 'mariadb'],
    example: (pw) => [
      `DATABASE_URL="mysql://shop:${pw}@mysql.prod.internal:3306/shop"`,
      `url: mysql+pymysql://etl:${pw}@10.1.0.5/warehouse`,
    ],
    negative: ['DATABASE_URL=mysql://root:root@127.0.0.1:3306/app', 'DATABASE_URL=mysql://user:pass@localhost/db'],
  }),
  urlRule({
    id: 'mongodb-connection-string',
    description: 'MongoDB connection URL with a password',
    provider: 'mongodb',
    envVar: 'MONGODB_URI',
    revokeUrl: 'https://www.mongodb.com/docs/manual/reference/method/db.changeUserPassword/',
    schemes: 'mongodb(?:\\+srv)?',
    keywords: ['mongodb'],
    example: (pw) => [
      `MONGODB_URI=mongodb+srv://api:${pw}@cluster0.ab1cd.mongodb.net/?retryWrites=true&w=majority`,
      `mongodb://admin:${pw}@h1:27017,h2:27017/db?replicaSet=rs0&authSource=admin`,
    ],
    negative: ['MONGODB_URI=mongodb://localhost:27017/app', 'MONGODB_URI=mongodb+srv://<username>:<password>@cluster0.mongodb.net/'],
  }),
  urlRule({
    id: 'redis-connection-string',
    description: 'Redis connection URL with a password',
    provider: 'redis',
    envVar: 'REDIS_URL',
    revokeUrl: 'https://redis.io/docs/latest/commands/acl-setuser/',
    schemes: 'rediss?|valkeys?',
    keywords: ['redis', 'valkey'],
    example: (pw) => [
      `REDIS_URL=redis://:${pw}@cache.internal:6379/0`,
      `REDIS_URL=rediss://default:${pw}@eu1-fluent-kite-31337.upstash.io:6379`,
    ],
    negative: ['REDIS_URL=redis://localhost:6379/0', 'REDIS_URL=redis://:password@localhost:6379'],
  }),
  urlRule({
    id: 'amqp-connection-string',
    description: 'AMQP (RabbitMQ) connection URL with a password',
    provider: 'rabbitmq',
    envVar: 'AMQP_URL',
    revokeUrl: 'https://www.rabbitmq.com/docs/passwords',
    schemes: 'amqps?',
    keywords: ['amqp'],
    example: (pw) => [`AMQP_URL=amqps://orders:${pw}@mq.internal:5671/prod`],
    negative: ['AMQP_URL=amqp://guest:guest@localhost:5672/'],
  }),
  urlRule({
    id: 'database-url-credentials',
    description: 'Database or service URL with a password',
    provider: 'url',
    envVar: 'DATABASE_URL',
    revokeUrl: 'https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password',
    schemes:
      'mssql|sqlserver|oracle|db2|clickhouse|couchdb|couchbase|neo4j(?:\\+s)?|bolt|cassandra|influxdb|elasticsearch|nats|mqtts?|kafka|memcached?|snowflake|ldaps?|smtps?|imaps?|pop3s?|ftps?|sftp|ssh|svn|rsync|sqlalchemy',
    keywords: ['://'],
    example: (pw) => [
      `SMTP_URL=smtps://mailer:${pw}@smtp.mailgun.org:465`,
      `CLICKHOUSE_URL=clickhouse://analytics:${pw}@ch.internal:8123/events`,
    ],
    negative: ['SMTP_URL=smtp://user:pass@localhost:25', 'ftp://anonymous:anonymous@ftp.gnu.org'],
  }),
  urlRule({
    id: 'http-basic-auth-url',
    description: 'HTTP URL with embedded credentials',
    provider: 'url',
    envVar: 'SERVICE_URL',
    revokeUrl: 'https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password',
    schemes: 'https?|wss?|git(?:\\+https?)?',
    keywords: ['http', 'ws://', 'wss://', 'git+'],
    example: (pw) => [
      `PROXY_URL=http://svc-proxy:${pw}@proxy.corp.internal:3128`,
      `git clone https://deploy:${pw}@git.acme.io/acme/app.git`,
    ],
    negative: [
      'https://user:pass@example.com/path',
      'url = "https://${GITHUB_ACTOR}:${GITHUB_TOKEN}@github.com/acme/app.git"',
      'see http://localhost:8080/status',
      'http://user:password@proxy:3128',
      'git clone https://token:MY_GITHUB_TOKEN@github.com/acme/app.git',
    ],
  }),
];

const paramRules: Rule[] = [
  token({
    ...conn,
    id: 'jdbc-password',
    description: 'JDBC URL with a password parameter',
    provider: 'jdbc',
    envVar: 'JDBC_DATABASE_PASSWORD',
    revokeUrl: 'https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password',
    pattern: '[^;&\\s"\'<>]{1,128}',
    before: 'jdbc:[a-z0-9]{1,20}:[^\\s"\'<>]{0,300}?[?;&]password=',
    after: '(?=[;&\\s"\'<>]|$)',
    flags: 'i',
    keywords: ['jdbc:'],
    minEntropy: 0,
    allowPlaceholderLike: true,
    check: (pw) => isRealPassword(pw),
    fake: strongPassword,
    contexts: (pw) => [
      `spring.datasource.url=jdbc:postgresql://db.internal:5432/app?user=app&password=${pw}`,
      `url: "jdbc:sqlserver://sql.internal:1433;databaseName=crm;user=crm_app;password=${pw};encrypt=true"`,
    ],
    negative: [
      'jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}',
      'jdbc:sqlserver://localhost:1433;user=sa;password=<YourStrong!Passw0rd>',
    ],
  }),
  token({
    ...conn,
    id: 'ado-net-connection-string',
    description: 'ADO.NET / ODBC connection string with a password',
    provider: 'ado.net',
    envVar: 'CONNECTION_STRING',
    revokeUrl: 'https://learn.microsoft.com/sql/t-sql/statements/alter-login-transact-sql',
    pattern: '[^;"\'\\n]{1,128}',
    // A connection string sits inside one string literal: neither part crosses a double quote or backtick.
    before:
      '(?:Server|Data Source|Host|Address|Addr|Network Address)[ \\t]{0,3}=[^;\\n"`]{1,200};[^\\n"`]{0,600}?\\b(?:Password|Pwd)[ \\t]{0,3}=[ \\t]{0,3}',
    after: '(?=[;"\'\\n]|$)',
    flags: 'i',
    // Anchored at the server part that every match starts with: `password` is on every other line of
    // code, and its windows cost a scan of the whole line each.
    keywords: ['server', 'data source', 'host', 'addr', 'network address'],
    anchor: 'keyword',
    minEntropy: 0,
    allowPlaceholderLike: true,
    check: (pw) => isRealPassword(pw.trim()),
    fake: strongPassword,
    contexts: (pw) => [
      `"DefaultConnection": "Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=crm;User ID=crm_app;Password=${pw};Encrypt=True;"`,
      `$conn = "Data Source=SQL01;Initial Catalog=Billing;User Id=billing;Pwd=${pw};";`,
    ],
    negative: [
      'Server=localhost;Database=app;User Id=sa;Password=Your_password123;',
      'Server=db;Database=app;User Id=app;Password={0};',
      'Server=db;Database=app;User Id=app;Password=$(DB_PASSWORD);',
      'Server=.;Database=app;Trusted_Connection=True;',
    ],
  }),
  token({
    ...conn,
    id: 'postgres-dsn-password',
    description: 'PostgreSQL key/value connection string (libpq DSN) with a password',
    provider: 'postgres',
    envVar: 'DATABASE_URL',
    revokeUrl: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
    pattern: '[^\\s\'"]{1,128}',
    before: '\\bpassword[ \\t]{0,2}=[ \\t]{0,2}',
    after: '(?=[\\s\'"]|$)',
    keywords: ['password'],
    anchor: 'keyword',
    minEntropy: 0,
    allowPlaceholderLike: true,
    // The DSN shape first: `password = ...` alone on a line of code is the common case, and cheap to rule out.
    check: (pw, ctx) =>
      (enclosingStringOf(ctx).match(/\b(?:host|hostaddr|dbname|user|port|sslmode)[ \t]{0,2}=/g) ?? []).length >= 2 && isRealPassword(pw),
    fake: strongPassword,
    contexts: (pw) => [`conn = psycopg2.connect("host=db.internal port=5432 dbname=orders user=orders password=${pw} sslmode=require")`],
    negative: ['conn = psycopg2.connect("host=localhost dbname=app user=app password=password")', 'password=${PGPASSWORD} host=db'],
  }),
  token({
    ...conn,
    id: 'netrc-password',
    description: '.netrc machine password',
    provider: 'netrc',
    envVar: 'NETRC_PASSWORD',
    revokeUrl: 'https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password',
    pattern: '[^\\s]{1,128}',
    before:
      '\\bmachine[ \\t]{1,8}[^\\s]{1,253}(?:[ \\t]{1,8}|[ \\t]{0,8}\\r?\\n[ \\t]{0,8})login[ \\t]{1,8}[^\\s]{1,128}(?:[ \\t]{1,8}|[ \\t]{0,8}\\r?\\n[ \\t]{0,8})password[ \\t]{1,8}',
    after: '(?=\\s|$)',
    keywords: ['machine'],
    multiline: true,
    minEntropy: 0,
    allowPlaceholderLike: true,
    check: (pw, ctx) => isRealPassword(pw, /login[ \t]+(\S+)/.exec(ctx.match)?.[1]),
    fake: strongPassword,
    contexts: (pw) => [`machine ftp.acme.io login deploy password ${pw}`, `machine registry.acme.io\n  login ci\n  password ${pw}\n`],
    negative: [
      'machine api.acme.io login me password $NETRC_PASSWORD',
      'machine example.com login user password password',
      'the state machine login flow uses a password form',
    ],
  }),
  token({
    ...conn,
    id: 'docker-config-auth',
    description: 'Docker registry credentials (config.json auth)',
    provider: 'docker',
    envVar: 'DOCKER_AUTH_CONFIG',
    revokeUrl: 'https://docs.docker.com/security/for-developers/access-tokens/',
    pattern: '[A-Za-z0-9+/]{12,400}={0,2}',
    before: '["\']auth["\'][ \\t]{0,3}:[ \\t]{0,3}["\']',
    after: '(?=["\'])',
    keywords: ['"auth"', "'auth'"],
    allowPlaceholderLike: true,
    check: (value) => {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon > 0 && !/[\s\u0000-\u001f\ufffd]/.test(decoded) && isRealPassword(decoded.slice(colon + 1), decoded.slice(0, colon));
    },
    fake: () => Buffer.from(`ci-bot:${strongPassword()}`).toString('base64'),
    contexts: (auth) => [`{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "${auth}"\n    }\n  }\n}`],
    negative: [`{"auths": {"ghcr.io": {"auth": "${Buffer.from('user:password').toString('base64')}"}}}`, '{"auth": "${DOCKER_AUTH}"}'],
  }),
  token({
    ...conn,
    id: 'azure-redis-connection-string',
    description: 'Azure Cache for Redis connection string',
    provider: 'azure',
    envVar: 'REDIS_CONNECTION_STRING',
    revokeUrl: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-keys',
    pattern: '[A-Za-z0-9+/]{43}=',
    before: '\\.redis\\.cache\\.windows\\.net:[0-9]{2,5},[^\\n]{0,100}?password=',
    after: '(?![A-Za-z0-9+/=])',
    keywords: ['.redis.cache.windows.net'],
    fake: () => Buffer.from(randomString(32)).toString('base64'),
    contexts: (pw) => [`REDIS_CONNECTION_STRING="acme-cache.redis.cache.windows.net:6380,password=${pw},ssl=True,abortConnect=False"`],
    negative: ['acme.redis.cache.windows.net:6380,password=<access-key>,ssl=True'],
  }),
  token({
    ...conn,
    id: 'cloudinary-url',
    description: 'Cloudinary URL with API secret',
    provider: 'cloudinary',
    envVar: 'CLOUDINARY_URL',
    revokeUrl: 'https://console.cloudinary.com/settings/api-keys',
    pattern: '[A-Za-z0-9_-]{27}',
    before: 'cloudinary://[0-9]{10,20}:',
    after: '(?=@)',
    keywords: ['cloudinary://'],
    fake: () => randomString(27, 'b64u'),
    contexts: (s) => [`CLOUDINARY_URL=cloudinary://${randomString(15, 'dec')}:${s}@acme`],
    negative: ['CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>'],
  }),
];

export const connectionStringRules: Rule[] = [...urlRules, ...paramRules];
