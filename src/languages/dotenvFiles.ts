// Which file names are .env files, and which of those are templates (names and placeholders, no
// values): the one list the never-commit check (detect/sensitiveFiles.ts), the generic .env rule, the
// comment reader and the remedy's file kinds (remedy/language.ts) take them from.

/** `.env`, `.env.local`, `prod.env`: a name that is a dotenv file's, template or not. */
export function isDotenvName(lowerName: string): boolean {
  return lowerName === '.env' || lowerName.startsWith('.env.') || lowerName.endsWith('.env');
}

/** Endings that make a .env file a template: `.env.example`, `.env.sample`, `.env.defaults`... */
const TEMPLATE_WORDS = ['example', 'sample', 'template', 'dist', 'defaults?'];
/**
 * Endings the never-commit check also takes for a template, though the remedy still treats such a file
 * as one with values. The two differ here, and on `-` and `_` before the word (`.env.local-example` is
 * a template to the remedy only): kept as they are, since changing either changes reports.
 */
const NOT_SECRET_ENDINGS = ['tpl', 'schema', 'ci', 'test'];

const REMEDY_TEMPLATE = new RegExp(`(?:^|[._-])(${TEMPLATE_WORDS.join('|')})$`, 'i');
const NEVER_COMMIT_EXEMPT = new RegExp(`\\.(?:${[...TEMPLATE_WORDS, ...NOT_SECRET_ENDINGS].join('|')})$`, 'i');

/** A .env-named file the remedy advises on as a template (`KEY=` lines only), by its lowercase name. */
export function isDotenvTemplateName(lowerName: string): boolean {
  return REMEDY_TEMPLATE.test(lowerName);
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** `.env`, `.env.local`, `.env.production`, `db.env` — but not `.env.example` and its kin. */
export function isDotenvFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (NEVER_COMMIT_EXEMPT.test(name)) return false;
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}
