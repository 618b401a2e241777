// Does a run of letters read like words (`helloworld`, `validtoken`, `passwort`) or like random letters
// (`xkqwpzrt`, the lower-case body of a generated password)? Placeholders, labels and identifiers are
// made of words; generated secrets are not. Scored by how likely each letter pair is in English text.
import { WORD_BIGRAMS } from './wordBigrams.js';

const COLUMNS = 27;
let table: Float32Array | undefined;

function bigramTable(): Float32Array {
  if (table) return table;
  table = new Float32Array(WORD_BIGRAMS.length);
  for (let i = 0; i < WORD_BIGRAMS.length; i++) table[i] = -parseInt(WORD_BIGRAMS[i] as string, 36) / 4;
  return table;
}

/** Mean log-probability of the letter pairs of `word` (lower-case a-z), start and end included. */
export function wordScore(word: string): number {
  const t = bigramTable();
  let row = 0; // `^`
  let sum = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    if (c < 0 || c > 25) return -Infinity;
    sum += t[row * COLUMNS + c] as number;
    row = c + 1;
  }
  sum += t[row * COLUMNS + 26] as number;
  return sum / (word.length + 1);
}

/** Below this mean, letters read as random: English words score about -2.3, uniform random letters about -3.6. */
const RANDOM_BELOW = -3.0;

/**
 * Names of software, protocols and vendors that fill configuration (and default passwords) but read
 * badly letter by letter: `kafka`, `mysql`, `nginx`, `oauth`.
 */
const SOFTWARE_NAMES = new Set([
  'kafka', 'mysql', 'mssql', 'psql', 'nginx', 'oauth', 'ldap', 'smtp', 'imap', 'saml', 'oidc', 'redis', 'mongo', 'mongodb',
  'mariadb', 'sqlite', 'zookeeper', 'rabbitmq', 'rabbit', 'kibana', 'grafana', 'jenkins', 'gitlab', 'github', 'bitbucket',
  'docker', 'podman', 'kubectl', 'minio', 'consul', 'nomad', 'azure', 'gcloud', 'firebase', 'supabase', 'twilio', 'webhook',
  'json', 'yaml', 'html', 'http', 'https', 'ascii', 'utf', 'sasl', 'kerberos', 'krb', 'nats', 'mqtt', 'amqp', 'ftp', 'sftp',
  'ssh', 'sshd', 'vnc', 'rdp', 'wifi', 'wpa', 'xmpp', 'sysadmin', 'sysdba', 'dba', 'dbo', 'gorm', 'hapi', 'watsonx', 'gotrue',
  'imds', 'cassandra', 'couchdb', 'neo4j', 'influx', 'influxdb', 'etcd', 'vagrant', 'ubuntu', 'debian', 'centos', 'nextcloud',
]);

/** True when `letters` (any case) read like one or more English words rather than random letters. */
export function readsAsWords(letters: string): boolean {
  const lower = letters.toLowerCase();
  return SOFTWARE_NAMES.has(lower) || wordScore(lower) >= RANDOM_BELOW;
}
