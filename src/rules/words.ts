// Does a run of letters read like words (`helloworld`, `validtoken`, `passwort`) or like random letters
// (`xkqwpzrt`, the lower-case body of a generated password)? Placeholders, labels and identifiers are
// made of words; generated secrets are not. Scored by how likely each letter is, given the one or two
// before it, in English technical text.
import { BIGRAM_SCALE, TRIGRAM_SCALE, WORD_BIGRAMS, WORD_TRIGRAMS } from './wordModel.js';

const N = 27;
let bigrams: Float32Array | undefined;
let trigrams: Float32Array | undefined;

function decode(table: string, scale: number): Float32Array {
  const out = new Float32Array(table.length);
  for (let i = 0; i < table.length; i++) out[i] = -parseInt(table[i] as string, 36) / scale;
  return out;
}

/**
 * Mean log-probability of each letter of `word` (lower-case a-z) given the `order - 1` letters before
 * it, the end of the word included.
 */
export function wordScore(word: string, order: 2 | 3 = 3): number {
  const t = order === 3 ? (trigrams ??= decode(WORD_TRIGRAMS, TRIGRAM_SCALE)) : (bigrams ??= decode(WORD_BIGRAMS, BIGRAM_SCALE));
  let a = 0;
  let b = 0;
  let sum = 0;
  for (let i = 0; i <= word.length; i++) {
    const c = i === word.length ? 0 : word.charCodeAt(i) - 96;
    if (i < word.length && (c < 1 || c > 26)) return -Infinity;
    sum += t[order === 3 ? (a * N + b) * N + c : b * N + c] as number;
    a = b;
    b = c;
  }
  return sum / (word.length + 1);
}

/**
 * Below these means, letters read as random (English words score about -2.5, uniform random letters
 * about -3.6 on bigrams and -4.5 on trigrams). Each model misreads some words (trigrams: unseen
 * spellings such as `wachtwoord`; bigrams: rare joins such as `neighborhood`): a word passes either.
 */
const RANDOM_BELOW_BIGRAMS = -3.0;
const RANDOM_BELOW_TRIGRAMS = -3.5;

/**
 * Names of software, protocols and vendors that fill configuration (and default passwords) but read
 * badly letter by letter: `kafka`, `mysql`, `nginx`, `oauth`.
 */
const SOFTWARE_NAMES = new Set([
  'kafka',
  'mysql',
  'mssql',
  'psql',
  'nginx',
  'oauth',
  'ldap',
  'smtp',
  'imap',
  'saml',
  'oidc',
  'redis',
  'mongo',
  'mongodb',
  'mariadb',
  'sqlite',
  'zookeeper',
  'rabbitmq',
  'rabbit',
  'kibana',
  'grafana',
  'jenkins',
  'gitlab',
  'github',
  'bitbucket',
  'docker',
  'podman',
  'kubectl',
  'minio',
  'consul',
  'nomad',
  'azure',
  'gcloud',
  'firebase',
  'supabase',
  'twilio',
  'webhook',
  'json',
  'yaml',
  'html',
  'http',
  'https',
  'ascii',
  'utf',
  'sasl',
  'kerberos',
  'krb',
  'nats',
  'mqtt',
  'amqp',
  'ftp',
  'sftp',
  'ssh',
  'sshd',
  'vnc',
  'rdp',
  'wifi',
  'wpa',
  'xmpp',
  'sysadmin',
  'sysdba',
  'dba',
  'dbo',
  'gorm',
  'hapi',
  'watsonx',
  'gotrue',
  'imds',
  'cassandra',
  'couchdb',
  'neo4j',
  'influx',
  'influxdb',
  'etcd',
  'vagrant',
  'ubuntu',
  'debian',
  'centos',
  'nextcloud',
]);

/** True when `letters` (any case) read like one or more English words rather than random letters. */
export function readsAsWords(letters: string): boolean {
  const lower = letters.toLowerCase();
  return SOFTWARE_NAMES.has(lower) || wordScore(lower, 3) >= RANDOM_BELOW_TRIGRAMS || wordScore(lower, 2) >= RANDOM_BELOW_BIGRAMS;
}
