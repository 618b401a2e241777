// Shared false-positive heuristics: is a value that sits where a secret could sit really a secret?
// Pure functions of strings, usable by any rule's `validate`. The ideas come from detect-secrets'
// filters and gitleaks' allow-lists (templated values, indirect references, sequential strings,
// UUIDs, lock-file hashes, placeholders), extended to the reference syntaxes of many languages.
import { isDocumentationExample } from '../detect/published.js';
import { shannonEntropy } from '../detect/entropy.js';
import { readsAsWords } from './words.js';

/** `$X`, `${X}`, `${{ secrets.X }}`, `{{ x }}`, `%X%`, `#{x}`, `<%= x %>`, `@Value("${x}")`... */
export function isTemplateOrEnvReference(value: string): boolean {
  const v = value.trim();
  if (/^\$[{(]?[A-Za-z_][\w.:-]*[})]?$/.test(v)) return true; // $X ${X} $(X) ${env.X} ${X:-}
  if (/\$\{\{?[^}]*\}\}?/.test(v)) return true; // ${X} or ${{ ... }} anywhere in the value
  if (/^\$\([A-Za-z_][\w .:/|-]*\)/.test(v)) return true; // $(VAR) (Azure Pipelines, Make), $(command)
  if (/\{\{.*\}\}/.test(v) || /\{%.*%\}/.test(v)) return true; // Jinja, Helm, Handlebars, Liquid
  if (/^%[A-Za-z_][\w]*%$/.test(v)) return true; // Windows %X%
  if (/#\{[^}]*\}/.test(v)) return true; // Ruby, Spring Expression
  if (/<%=?.*%>/.test(v)) return true; // ERB, EJS
  if (/^\$[A-Za-z_]\w*(?:[/:.-][\w/.:-]*)?$/.test(v)) return true; // $VAR, $HOME/.ssh (shell, PHP)
  if (/^@@?[A-Za-z_][\w.]*@{0,2}$/.test(v)) return true; // Maven @x@, Azure @Microsoft.KeyVault
  if (/^\{[A-Za-z_][\w.-]*\}$/.test(v)) return true; // {placeholder} / {0}
  if (/^\(\([A-Za-z_][\w.-]*\)\)$/.test(v)) return true; // Concourse ((x))
  if (/^__[A-Za-z][\w.]*__$/.test(v)) return true; // Azure DevOps / Octopus token replacement
  if (/^env\([A-Za-z_][\w.]*\)$/.test(v)) return true; // env(X): Supabase CLI, Symfony, Prisma
  if (/^os\.environ\/[A-Za-z_]\w*$/.test(v)) return true; // os.environ/X: LiteLLM proxy config
  // Pointers into secret stores: AWS ARNs and SSM, Vault, GCP Secret Manager, Azure Key Vault, vals.
  if (
    /^(?:arn:aws[\w-]*:|vault:|ssm:|secretsmanager:|projects\/[^/\s]+\/secrets\/|@Microsoft\.KeyVault|ref\+|sm:\/\/|gcp:\/\/|awssm:|azurekv:)/i.test(
      v,
    )
  )
    return true;
  return false;
}

/** Code that reads a value from somewhere else: `process.env.X`, `os.environ["X"]`, `getenv("X")`, `var.x`... */
export function isCodeReference(value: string): boolean {
  const v = value.trim().replace(/[;,!]+$/, '');
  if (isJwt(v)) return false; // three dot-separated base64url parts read like a member chain
  if (
    /^(?:process\.env|import\.meta\.env|Deno\.env|os\.environ|os\.getenv|ENV|System\.getenv|Environment\.|ProcessInfo|env::var|std::env|getenv|env\(|config\(|settings\.|secrets\.|vars\.|var\.|local\.|data\.|module\.|self\.|this\.|params\.|props\.|args\.|options\.|opts\.|ctx\.|context\.|req\.|request\.|Rails\.|Config\.|app\.)/i.test(
      v,
    )
  )
    return true;
  // Any call, index or member chain: `get_key()`, `headers['x']`, `a.b.c`.
  if (/^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)*\s*(?:\(|\[)/.test(v)) return true;
  if (/^[A-Za-z_$][\w$]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)+$/.test(v)) return true;
  return false;
}

// Found anywhere in the value (long enough not to occur by chance in a random string).
const PLACEHOLDER_PARTS = [
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'replaceme',
  'replace_me',
  'replace-me',
  'placeholder',
  'your_',
  'your-',
  'yourkey',
  'yourtoken',
  'yoursecret',
  'yourpassword',
  'redacted',
  'example',
  'sample',
  'dummy',
  'notreal',
  'not_real',
  'not-real',
  'secret_here',
  'key_here',
  'token_here',
  'here_',
  '_here',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'letmein',
  'hunter2',
  'qwerty',
  'secret123',
  'testtest',
  'foobar',
  'insert_',
  'insert-',
  'enter_',
  'enter-',
  'redact',
  'censored',
  'obfuscated',
  'asdf',
  'qwer',
  'zxcv',
];
// Short words: only as a whole word of the value (`fake-token`, `TODO`), never inside random text.
const PLACEHOLDER_WORDS = new Set([
  'todo',
  'tbd',
  'fixme',
  'fake',
  'mock',
  'test',
  'demo',
  'dummy',
  'default',
  'undefined',
  'null',
  'none',
  'nil',
  'true',
  'false',
  'masked',
  'hidden',
  'omitted',
  'removed',
  'empty',
  'secret',
  'password',
  'token',
  'key',
  'apikey',
  'value',
  'string',
  'insert',
  'enter',
  'here',
  'xxx',
  'foo',
  'bar',
  'baz',
  'abc',
  'xyz',
  'sample',
]);

const WEAK_BASE_WORDS = new Set([
  'password',
  'passwd',
  'passw',
  'pass',
  'secret',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'qwerty',
  'changeme',
  'test',
  'demo',
  'root',
  'default',
  'example',
  'sample',
  'user',
  'guest',
  'token',
  'apikey',
  'mysecret',
  'mypassword',
  'postgres',
  'mysql',
  'redis',
  'rabbitmq',
  'guestguest',
  'iloveyou',
  'dragon',
  'monkey',
  'master',
  'sunshine',
]);

/** `changeme`, `your_api_key_here`, `<token>`, `xxx`, `***`, `REDACTED`, `...`, `sk-...abcd`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_PARTS.some((w) => lower.includes(w))) return true;
  const words = v.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).map((w) => w.toLowerCase());
  const placeholderChars = words.filter((w) => PLACEHOLDER_WORDS.has(w)).reduce((n, w) => n + w.length, 0);
  if (placeholderChars > 0 && placeholderChars * 5 >= v.length * 2) return true;
  if (/^your[A-Z_-]/.test(v) || /^YOUR/.test(v)) return true;
  // A dictionary password dressed up with digits and symbols: `Password1!`, `Secret123`, `admin@2024`.
  if (WEAK_BASE_WORDS.has(v.replace(/[^A-Za-z]/g, '').toLowerCase())) return true;
  if (/^<.*>$/.test(v) || /^\[.*\]$/.test(v) || /^\{.*\}$/.test(v)) return true;
  if (/\.\.\.|\u2026|\*{4,}|\u2022{2,}|x{4,}|X{4,}|_{4,}|#{4,}|-{4,}|\.{4,}/.test(v)) return true;
  if (/\*{3}/.test(v) && (v.length < 32 || /^\*|\*$/.test(v))) return true; // `sk-***abcd`, `abc***`
  if (/^[*xX\u2022#?-]+$/.test(v)) return true;
  if (/^(?:fake|dummy|mock|sample|example)/i.test(v)) return true;
  return isInterleavedSequence(v) || isSecretWordWithShortRest(v) || isShortWordAndCount(v);
}

/** A short word and a count: `db123`, `abc123`, `root1234`, `qa321`. */
function isShortWordAndCount(v: string): boolean {
  const m = /^[A-Za-z]{1,4}[-_.@#!]?(\d{3,6})[!.#]?$/.exec(v);
  if (!m) return false;
  const digits = m[1] as string;
  const step = digits.charCodeAt(1) - digits.charCodeAt(0);
  return Math.abs(step) === 1 && [...digits].every((c, i) => i === 0 || c.charCodeAt(0) - digits.charCodeAt(i - 1) === step);
}

/** `a1b2c3d4`, `1a2b3c4d5e`: letters and digits alternate, each counting up. */
function isInterleavedSequence(v: string): boolean {
  if (!/^(?:[a-z]\d|\d[a-z])+[a-z\d]?$/i.test(v) || v.length < 6) return false;
  const letters = v.replace(/\d/g, '').toLowerCase();
  const digits = v.replace(/\D/g, '');
  const counts = (s: string) => [...s].every((c, i) => i === 0 || c.charCodeAt(0) === s.charCodeAt(i - 1) + 1);
  return counts(letters) && counts(digits);
}

/**
 * Words with at most a short tail: `valid-oidc-token-12345`, `synthetic-private-token-7f3e`,
 * `ISSUE-17040-TEXT-FILE-ONLY-9f31c7`, `rt_with_%_inside`. Words of three letters or fewer (`gw`, `api`)
 * neither count as words nor as random; letters that do not read as words may make up four characters.
 */
export function isWordsWithShortTail(v: string): boolean {
  if (isSeparatedWordsWithTail(v)) return true;
  let wordLetters = 0;
  let otherLetters = 0;
  let randomLetters = 0;
  let digits = 0;
  for (const piece of v.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) {
    if (/^\d/.test(piece)) digits += piece.length;
    else if (piece.length <= 3) {
      if (SHORT_WORDS.has(piece.toLowerCase())) wordLetters += piece.length;
      else otherLetters += piece.length;
    } else if (readsAsWords(piece)) wordLetters += piece.length;
    else randomLetters += piece.length;
  }
  // Random text splits into short pieces at every change of case: most of its letters are in them.
  return wordLetters >= 6 && wordLetters >= 2 * otherLetters && randomLetters <= 4 && digits <= 10 && digits <= wordLetters;
}

/** `sk-test-azure-imds-secret-7f3e`: three or more words joined by `-`, `_` or `.`, and an optional short tail with a digit. */
function isSeparatedWordsWithTail(v: string): boolean {
  const segments = v.split(/[-_.]+/).filter((segment) => segment !== '');
  const last = segments[segments.length - 1] ?? '';
  const words = /^[A-Za-z0-9]{1,6}$/.test(last) && /\d/.test(last) ? segments.slice(0, -1) : segments;
  return words.length >= 3 && words.every((word) => /^[A-Za-z]{2,12}$/.test(word)) && hasWordEvidence(words.join('_'));
}

/** Short words of placeholders and test values, too short for readsAsWords to judge. */
const SHORT_WORDS = new Set([
  'api',
  'key',
  'app',
  'dev',
  'test',
  'tok',
  'jwt',
  'web',
  'new',
  'old',
  'my',
  'the',
  'for',
  'and',
  'bad',
  'not',
  'use',
  'get',
  'set',
  'run',
  'one',
  'two',
  'aws',
  'gcp',
  'sdk',
  'url',
  'id',
  'ok',
]);

const SECRET_WORDS = /pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|credential/gi;

/** A secret's own name with a few characters around it: `newpassword456`, `mytoken`, `gitlabtoken`, `test_secret`. */
function isSecretWordWithShortRest(v: string): boolean {
  const rest = v.replace(SECRET_WORDS, ' ');
  if (rest === v) return false;
  const alnum = rest.replace(/[^A-Za-z0-9]/g, '');
  const trimmed = rest.trim().replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return alnum.length <= 8 || isWordsWithShortTail(rest) || isWordShaped(trimmed);
}

/** One or two distinct characters, or a run of 5+ of the same character in a short value. */
export function isRepetitive(value: string): boolean {
  if (new Set(value).size <= 2) return true;
  if (value.length <= 24 && /(.)\1{4,}/.test(value)) return true;
  return /(.)\1{7,}/.test(value);
}

const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  'zyxwvutsrqponmlkjihgfedcba',
  '01234567890',
  '9876543210',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
];

/** Contains a run of 6+ characters of the alphabet, the digits or a keyboard row (`abcdef`, `123456`). */
export function isSequential(value: string): boolean {
  const lower = value.toLowerCase();
  for (const seq of SEQUENCES) {
    for (let i = 0; i + 6 <= seq.length; i++) {
      if (lower.includes(seq.slice(i, i + 6))) return true;
    }
  }
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value.trim());
}

/** Password hashes in crypt, LDAP, Django and MySQL formats: `$2b$12$...`, `{SSHA}...`, `pbkdf2_sha256$...`. */
export function isPasswordHash(value: string): boolean {
  const v = value.trim();
  return (
    /^\$(?:1|2[abxy]?|3|5|6|7|y|gy|md5|sha1|apr1|argon2(?:i|d|id)|pbkdf2(?:-[\w]+)?|p5k2|scrypt|bcrypt(?:-sha256)?)\$/.test(v) ||
    /^\{(?:S?SHA\d*|CRYPT|S?MD5|PBKDF2[-\w]*|ARGON2|BCRYPT)\}/i.test(v) ||
    /^(?:pbkdf2_sha(?:1|256)|argon2|bcrypt(?:_sha256)?|sha1|md5|unsalted_md5|unsalted_sha1|crypt|scrypt)\$[^$\s]+\$/.test(v) ||
    /^\*[0-9A-F]{40}$/.test(v)
  );
}

/** SRI / lock-file integrity (`sha512-...`), Go sums (`h1:...`), algorithm-tagged digests. */
export function isTaggedHash(value: string): boolean {
  return /^(?:sha1|sha224|sha256|sha384|sha512|md5|blake2b?|h1)[-:][A-Za-z0-9+/=_-]{16,}$/i.test(value.trim());
}

/** Public keys and certificates: never secrets, whatever they are assigned to. */
export function isPublicKeyMaterial(value: string): boolean {
  const v = value.trim();
  if (/^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) AAAA/.test(v))
    return true;
  if (
    /-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST|TRUSTED CERTIFICATE|OPENSSH PUBLIC KEY|SSH2 PUBLIC KEY)/.test(
      v,
    )
  )
    return true;
  if (/^AAAA[BC]3NzaC1/.test(v)) return true; // bare OpenSSH public key blob
  return false;
}

/** A path or a URL: `/etc/app/key.pem`, `./secrets.json`, `https://host/x`. */
export function isPathOrPlainUrl(value: string): boolean {
  const v = value.trim();
  // URLs, with or without credentials: a URL that embeds a password is the connection-string rules' case.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return true;
  // `db.internal:5432/app`, `cache.example.com:6379`: a host and port, with or without a path.
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+:\d{2,5}(?:\/[\w./-]*)?$/i.test(v)) return true;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|\\\\)/.test(v)) {
    // `/etc/app/key.pem`, `./certs`, `C:\keys\app.pfx` — but not base64 that happens to start with `/`.
    if (/\.[a-z][a-z0-9]{0,4}$/i.test(v)) return true;
    const segments = v.split(/[\\/]/).filter((s) => s !== '' && s !== '.' && s !== '..' && s !== '~');
    const pathLike = (s: string) => s.length <= 40 && (/^[a-z0-9_.@-]+$/.test(s) || /^[A-Z]?[a-z]+(?:[ _-]?[A-Z]?[a-z0-9]+)*$/.test(s));
    return segments.length > 0 && segments.filter(pathLike).length * 2 > segments.length;
  }
  if (/^[\w.-]+(?:\/[\w.-]+)+\/?$/.test(v) && /\/[\w-]*\.[a-z]{1,5}$/i.test(v)) return true;
  // `kadmin/server`, `secrets/prod/db`, `3306/db`: every segment a word or a number.
  if (/^[\w.-]+(?:\/[\w.-]+)+\/?$/.test(v) && v.split('/').every((s) => s === '' || /^[a-z][a-z0-9_.-]*$/.test(s) || /^\d{1,5}$/.test(s)))
    return true;
  if (/^[\w-]+\.(?:json|ya?ml|pem|key|crt|cer|p12|pfx|txt|env|toml|ini|cfg|conf|properties|xml|js|ts|py)$/i.test(v)) return true;
  return false;
}

/** printf / .NET / Python format strings: `%s`, `%(name)s`, `{0}`, `{}`. */
export function isFormatString(value: string): boolean {
  // Only the plain verbs (`%0f` in a random password is not a format), and only when what is left
  // around them is plain text: `Bearer %s`, `%s:%s`, `user={0}` — not a random key that holds `%s`.
  const verbs = /%[sdv](?![A-Za-z0-9])|%\([\w]+\)[sd]|\{\d*\}|\{:[^}]*\}/g;
  if (!verbs.test(value)) return false;
  const rest = value.replace(verbs, ' ').trim();
  return (
    rest.length <= 8 || rest.split(/[\s:=,;/@-]+/).every((part) => part === '' || (/^[A-Za-z_.][\w.]*$/.test(part) && isWordLike(part)))
  );
}

/** A run of letters that reads like a word or an identifier part, not like random letters. */
function isWordySegment(segment: string): boolean {
  if (/^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)$/.test(segment)) return true;
  // camelCase / PascalCase / acronyms (`passwordResetToken`, `NSURLCredentialStorage`): a few long
  // pieces. Random letters switch case every two characters or so.
  const pieces = segment.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? [];
  const acronyms = pieces.filter((p) => /^[A-Z]{2,}$/.test(p)).length;
  return (
    pieces.length > 0 &&
    segment.length / pieces.length >= 3.5 &&
    pieces.every((p) => p.length >= 2 || pieces.length <= 2) &&
    acronyms <= 1 + Math.floor((pieces.length - acronyms) / 3)
  );
}

/**
 * Strict test for camelCase / PascalCase made of real words: every piece a word of 3+ letters or a
 * short acronym, and vowels as often as in English. Random letters fail on both counts.
 */
function isIdentifierWords(word: string): boolean {
  const pieces = word.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? [];
  if (pieces.length === 0 || pieces.join('') !== word) return false;
  if (!pieces.every((p) => /^[A-Z]?[a-z]+$/.test(p) || /^[A-Z]{1,5}$/.test(p))) return false;
  // Two-letter words (`Be`, `At`) happen; a run of them is random text, and so are pieces that are
  // short on average (`sXercXSIza`: random letters change case every three characters or so).
  if (pieces.filter((p) => p.length <= 2).length * 3 > pieces.length) return false;
  if (pieces.length >= 4 && word.length / pieces.length < 3.5) return false;
  const acronyms = pieces.filter((p) => /^[A-Z]{2,}$/.test(p)).length;
  if (acronyms > 1 + Math.floor((pieces.length - acronyms) / 3)) return false;
  const letters = pieces.filter((p) => !/^[A-Z]{2,}$/.test(p)).join('');
  // Short words (`Chars`, `Id`) carry too few letters for the vowel test: they must be plain words.
  if (letters.length < 8) return pieces.every((p) => /^[A-Z]?[a-z]{2,}$/.test(p)) && /[aeiouy]/i.test(letters);
  return letters.replace(/[^aeiouyAEIOUY]/g, '').length / letters.length >= 0.28;
}

/** Letters only, with `_`, `-`, `.` or spaces between words: identifiers, labels, sentences. */
export function isWordLike(value: string): boolean {
  if (/\s/.test(value.trim())) return true;
  // Punctuation around an identifier does not make it random: `__proxy__`, `?InTemplate`, `:name`.
  const v = value.trim().replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return isWordShaped(v) && hasWordEvidence(v);
}

/**
 * The letters of an identifier-shaped value read as words, not as random letters of the same shape (a
 * generated lower-case password, `ulfwcbsz`). Among its pieces of four letters or more: a lone piece of
 * five or more must read as a word; of two pieces, one; of more, a third (brand names and abbreviations
 * such as `watsonx_ai_apikey` or `gotrue_smtp_pass` read badly one by one). UPPER_SNAKE names are names.
 */
function hasWordEvidence(v: string): boolean {
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true;
  const pieces = (v.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []).filter((p) => p.length >= 4);
  if (pieces.length === 0) return true;
  if (pieces.length === 1) return (pieces[0] as string).length < 5 || readsAsWords(pieces[0] as string);
  const words = pieces.filter((p) => readsAsWords(p)).length;
  return pieces.length === 2 ? words >= 1 : words * 3 >= pieces.length;
}

function isWordShaped(value: string): boolean {
  // A list of names: `bamf,bamf_id,bamf_secret`.
  if (value.includes(',')) return value.split(/,[ \t]*/).every((part) => /^[A-Za-z_][\w.-]*$/.test(part) && isWordShaped(part));
  // Numeronyms are words: `k8s`, `i18n`, `a11y`.
  const v = value.replace(/(?<![A-Za-z0-9])([a-z])\d{1,2}([a-z])(?![A-Za-z0-9])/gi, '$1x$2');
  // PascalCase with numbered words: `Ipv6CidrAssociations`, `S3AccessPointAttachments`, `PassWordMustBeAtLeast6Chars`.
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(v) && /\d/.test(v) && v.length <= 64 && v.replace(/[^0-9]/g, '').length <= 3) {
    const words = v.split(/\d+/).filter((w) => w !== '');
    // A short all-caps word only in front (`S3Access...`, `V2Platform...`).
    if (words.length > 0 && words.every((w, i) => (i === 0 && /^[A-Z]{1,3}$/.test(w)) || isIdentifierWords(w))) return true;
  }
  // snake_case / kebab-case identifiers with numbered words: `base64_encoded_64_byte_salt`, `aes256-key-v2`.
  const segments = v.split(/[_-]/);
  if (
    segments.length >= 3 &&
    segments.every(
      (seg) => /^\d{1,4}$/.test(seg) || (/^(?:[A-Za-z]{2,}\d{0,3}|[A-Za-z]\d{1,3})$/.test(seg) && isWordySegment(seg.replace(/\d+$/, ''))),
    )
  )
    return true;
  // Words joined by any symbols: `*all*tokens*updated*`, `geheim$parole`, `key+value`.
  const runs = v.split(/[^A-Za-z]+/);
  if (!/\d/.test(v) && runs.length >= 2 && runs.every((run) => run.length >= 3 && isWordySegment(run))) return true;
  if (!/^[A-Za-z][A-Za-z_.-]*$/.test(v)) return false;
  // Random letters (base64 without digits) switch case all the time; words and identifiers do not.
  return v.split(/[_.-]+/).every((segment) => segment === '' || isWordySegment(segment)) || (v.length >= 24 && shannonEntropy(v) < 3.5);
}

/** Character classes present: lower, upper, digit, symbol. */
export function charClasses(value: string): number {
  let n = 0;
  if (/[a-z]/.test(value)) n++;
  if (/[A-Z]/.test(value)) n++;
  if (/[0-9]/.test(value)) n++;
  if (/[^A-Za-z0-9]/.test(value)) n++;
  return n;
}

/**
 * Identifiers, public keys and test-mode keys that carry a provider's prefix: not secrets whatever name
 * holds them. (Secret formats are for the provider rules to claim: rules/providerClaims.ts.)
 */
const PUBLIC_FORMAT = new RegExp(
  '^(?:' +
    [
      'pk_(?:live|test)_\\w+', // Stripe publishable keys
      '[sr]k_test_\\w+', // Stripe test mode: reaches only test data, and Stripe asks scanners for live keys only
      'sb_publishable_[\\w-]+', // Supabase publishable key
      'org-[A-Za-z0-9]{20,32}', // OpenAI organization id
      'proj_[A-Za-z0-9]{20,32}', // OpenAI project id
      '(?:AIDA|AROA|AGPA|ANPA|AIPA|ANVA|ASCA|APKA|ABIA|ACCA)[A-Z0-9]{12,124}', // AWS unique ids of users, roles, groups...
      '(?:AC|SK|PN|MG)[0-9a-f]{32}', // Twilio account, API key, phone number and service SIDs
    ].join('|') +
    ')$',
);

/** A provider's identifier or public key (or a Stripe test-mode key): never a secret. */
export function isPublicFormat(value: string): boolean {
  return PUBLIC_FORMAT.test(value.trim());
}

/** Decodes base64 or base64url; undefined when the text is not valid base64 of UTF-8. */
export function decodeBase64Text(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value) || value.length % 4 === 1) return undefined;
  const text = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  if (text.includes('\uFFFD') || /[\x00-\x08\x0e-\x1f]/.test(text)) return undefined;
  return text;
}

export interface JwtParts {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Parses a JWT's header and payload; undefined when it is not a JWT. */
export function parseJwt(value: string): JwtParts | undefined {
  const parts = value.trim().split('.');
  if (parts.length !== 3 || !parts[0]?.startsWith('eyJ')) return undefined;
  try {
    const header = JSON.parse(decodeBase64Text(parts[0]) ?? '') as unknown;
    const payload = JSON.parse(decodeBase64Text(parts[1] ?? '') ?? '') as unknown;
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') return undefined;
    return { header: header as Record<string, unknown>, payload: payload as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/**
 * JWTs that are public by design or published: Supabase-style `anon` keys, jwt.io's sample token,
 * tokens signed with `none`.
 */
export function isPublicJwt(value: string): boolean {
  const jwt = parseJwt(value);
  if (!jwt) return false;
  const { header, payload } = jwt;
  if (String(header.alg).toLowerCase() === 'none') return true;
  if (payload.role === 'anon' || payload.role === 'public') return true;
  if (payload.sub === '1234567890' && payload.name === 'John Doe') return true;
  // The keys of Supabase's local development stack, signed with a secret every install shares.
  if (payload.iss === 'supabase-demo') return true;
  // Issued by a documentation domain (RFC 2606): no real service accepts it.
  if (
    typeof payload.iss === 'string' &&
    /^(?:https?:\/\/)?(?:[\w-]+\.)*(?:example\.(?:com|org|net)|localhost|[\w-]+\.(?:test|invalid|example))(?:[:/]|$)/i.test(payload.iss)
  )
    return true;
  // A signature over content (`{"hash": ..., "version": 1}`, as in model-card evaluation results): it
  // proves where a value came from and grants no access.
  const claims = Object.keys(payload);
  if (claims.length > 0 && claims.every((claim) => CONTENT_SIGNATURE_CLAIMS.has(claim))) return true;
  // A library's test vector: `{"a": 1, "b": 2}`, `{"test": "test"}` (no claim a service would read).
  const trivialClaim = (claim: string) => /^[a-z]$/i.test(claim) || isPlaceholder(claim);
  const trivialValue = (v: unknown) => (typeof v === 'number' && Math.abs(v) < 100) || (typeof v === 'string' && isPlaceholder(v));
  if (claims.length > 0 && claims.every(trivialClaim) && Object.values(payload).every(trivialValue)) return true;
  return false;
}

const CONTENT_SIGNATURE_CLAIMS = new Set(['hash', 'sha', 'sha256', 'digest', 'checksum', 'version']);

export function isJwt(value: string): boolean {
  return parseJwt(value) !== undefined;
}

/** HTTP Basic credentials: base64 of `user:password` with a non-trivial password. */
export function isBasicCredential(value: string): boolean {
  if (isDocumentationExample(value)) return false;
  const text = decodeBase64Text(value.trim());
  if (!text) return false;
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return false;
  const password = text.slice(colon + 1);
  return password !== text.slice(0, colon) && nonSecretReason(password, PASSWORD_CHECK) === undefined;
}

/**
 * Base64 of readable text that is no credential: `not my real password`, `user:changeme`, a sentence.
 * (Random bytes almost never decode to text; a `user:password` pair with a real password is kept.)
 */
export function isEncodedPlainText(value: string): boolean {
  if (value.length < 8) return false;
  const text = decodeBase64Text(value);
  if (text === undefined || !/^[\x20-\x7e]+$/.test(text)) return false;
  // Eight base64 characters hold six bytes: only a whole word or a placeholder is read as text there.
  if (value.length < 12) return /^[A-Za-z]+$/.test(text) && (isPlaceholder(text) || isWordLike(text));
  const colon = text.indexOf(':');
  if (colon > 0 && !/\s/.test(text.slice(0, colon))) return !isBasicCredential(value);
  return /\s/.test(text) || isPlaceholder(text) || isWordLike(text);
}

export interface ValueCheck {
  /** Minimum length of the value. */
  minLength: number;
  /** Minimum Shannon entropy (bits per character). */
  minEntropy: number;
  /** Minimum number of character classes (lower, upper, digit, symbol). */
  minClasses: number;
  /** A password: typed by a person, so neither a provider's prefix nor digits alone make it something else. */
  password?: boolean;
}

/**
 * What a value assigned to a password-like name must look like. Short and single-class passwords count
 * (`xkqwpzrt` is as hard-coded as `Xk9#qwPz`); words, defaults and placeholders do not (docs/detection.md).
 */
export const PASSWORD_CHECK: ValueCheck = { minLength: 5, minEntropy: 2.8, minClasses: 1, password: true };
/** The stricter check of the short-password decision's other side: 8 characters, two classes. */
export const STRONG_PASSWORD_CHECK: ValueCheck = { minLength: 8, minEntropy: 2.8, minClasses: 2, password: true };
/** What a value assigned to a token / key / secret name must look like. */
export const TOKEN_CHECK: ValueCheck = { minLength: 8, minEntropy: 3.2, minClasses: 1 };

/** The reason a candidate value is not a secret, or undefined when it looks like one. */
export function nonSecretReason(value: string, check: ValueCheck): string | undefined {
  const v = value.trim();
  if (v.length < check.minLength) return 'too short';
  // `sk-proj-0k1W`, `whsec_eA==`: a prefix and a stub (truncated, redacted or a test value).
  // A password made of parts (`kfp-xcmp`, `jtofabzujf_az`) has no provider prefix: judged whole.
  if (!check.password && v.replace(/^[A-Za-z]{2,10}[_-](?:[A-Za-z]{2,10}[_-])?/, '').length < check.minLength) return 'too short';
  if (v.length > 1024) return 'too long';
  if (isTemplateOrEnvReference(v)) return 'template or environment reference';
  // Generated secrets are ASCII; `sëcret-✓-🔑` was typed (a test of encodings).
  if (/[^\x00-\x7f]/.test(v)) return 'not ASCII';
  // The scope of an AWS SigV4 signature: `<access key id>/<date>/<region>/<service>/aws4_request`.
  if (/^[A-Z0-9]{16,128}\/\d{8}\/[\w-]+\/[\w-]+\/aws4_request$/.test(v)) return 'SigV4 credential scope';
  if (isPublicKeyMaterial(v)) return 'public key or certificate';
  if (isPublicJwt(v)) return 'public JWT';
  if (isJwt(v)) return undefined;
  if (isPlaceholder(v)) return 'placeholder';
  if (isDocumentationExample(v)) return 'published example';
  if (isPublicFormat(v)) return 'public identifier';
  if (isEncodedPlainText(v)) return 'base64 of plain text';
  // A UUID under a secret name is a secret (npm, Heroku and Pinecone keys are UUIDs); the names of ids are
  // no secret names (detect/secretNames), and the nil UUID and counting ones are caught below.
  if (isTaggedHash(v)) return 'hash';
  if (isPasswordHash(v)) return 'password hash';
  // Member and index chains (JMESPath, JSONPath, object paths): `Stream.Shards[-1].ShardId`.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[-?\d+\]|\[\*\])+$/.test(v) && !isJwt(v)) return 'expression';
  if (isPathOrPlainUrl(v)) return 'path or URL';
  if (isFormatString(v)) return 'format string';
  if (/^--?[A-Za-z][\w.-]*(?:=[\w.,:/-]*)?$/.test(v) && isWordLike(v.replace(/[^A-Za-z]+/g, '-'))) return 'command-line flag';
  // A PIN-like password of six digits or more is a password; a number elsewhere is a count, an id or a date.
  if (/^[\d.,:_ -]+$/.test(v) && !(check.password && /^\d{6,}$/.test(v))) return 'number';
  // `^3.0.0`, `>=1.2`, `v2.1.0-beta`, and the `artifact:version` end of a package coordinate.
  if (/^(?:[A-Za-z][\w.-]*:)?[~^<>=v]{0,2}\d+(?:\.\d+){1,3}(?:[-+:][\w.-]+)?$/.test(v)) return 'version';
  if (isWordLike(v)) return 'word or identifier';
  if (isWordsWithShortTail(v)) return 'words with a short tail';
  if (isRepetitive(v)) return 'repetitive';
  if (isSequential(v)) return 'sequential';
  if (charClasses(v) < check.minClasses) return 'too few character classes';
  // Hex has 16 symbols (4 bits at most): its threshold is lower, as in detect-secrets.
  // Random hex of 32+ characters uses most of the 16 symbols even when its entropy dips.
  const hex = /^[0-9a-f]+$/i.test(v);
  if (hex && v.length >= 32 && new Set(v.toLowerCase()).size >= 8) return undefined;
  // A short value cannot reach the entropy of a long one: n distinct characters give log2(n) bits at most.
  const minEntropy = Math.min(hex ? Math.min(check.minEntropy, 3) : check.minEntropy, Math.log2(v.length) - 0.6);
  if (shannonEntropy(v) < minEntropy) return 'low entropy';
  return undefined;
}

export function looksLikeSecret(value: string, check: ValueCheck): boolean {
  return nonSecretReason(value, check) === undefined;
}
