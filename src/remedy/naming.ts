// Names the environment variable for a secret: the identifier the value is assigned to, turned into
// UPPER_SNAKE_CASE (`dbPassword` -> DB_PASSWORD, `settings.openai_key` -> OPENAI_KEY, YAML
// `openai: { api_key }` -> OPENAI_API_KEY).
import type { Language } from '../languages/table.js';

/** Rule variable names too vague to beat the identifier the value is assigned to. */
export const VAGUE_RULE_VARS: ReadonlySet<string> = new Set([
  '',
  'SECRET',
  'API_KEY',
  'TOKEN',
  'PASSWORD',
  'SECRET_KEY',
  'ACCESS_TOKEN',
  'AUTH_TOKEN',
  'PRIVATE_KEY',
  'CREDENTIALS',
  'KEY',
]);

/** Leaf names that say nothing on their own: the parent key or object is added in front. */
const VAGUE_LEAVES = new Set([
  'key',
  'apikey',
  'api_key',
  'token',
  'secret',
  'password',
  'pass',
  'pwd',
  'passwd',
  'auth',
  'value',
  'access_token',
  'accesstoken',
  'secret_key',
  'secretkey',
  'credential',
  'credentials',
  'private_key',
  'client_secret',
  'clientsecret',
]);

/** Containers whose name adds nothing to a variable name. */
const VAGUE_PARENTS = new Set([
  'self',
  'this',
  'cls',
  'config',
  'conf',
  'cfg',
  'settings',
  'options',
  'opts',
  'env',
  'environment',
  'params',
  'args',
  'kwargs',
  'props',
  'data',
  'secrets',
  'credentials',
  'creds',
  'app',
  'default',
  'defaults',
  'values',
  'vars',
  'variables',
  'headers',
  'module',
  'exports',
  'os',
  'environ',
  'process',
  'window',
  'global',
  'globalthis',
  'spring',
  'production',
  'development',
  'staging',
  'test',
  'local',
  'common',
  'shared',
  'prod',
  'dev',
  'static',
  'private',
  'public',
  'final',
  'const',
  'let',
  'var',
  'val',
  'main',
  'this',
  'primary',
  'example',
  'readonly',
  'export',
  'def',
  'new',
  'return',
  'string',
  'str',
]);

/** Type names that can stand between a declared name and its `=`. */
const TYPE_WORDS = /^(string|String|str|&str|char|byte|bytes|\[\]byte|const|final|static|readonly|var|let|val|auto)$/;

/** Splits `dbPassword`, `db_password`, `db-password`, `DB.Password` into lowercase words. */
export function words(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isEnvName(name: string): boolean {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) && /[A-Z]/.test(name);
}

/** UPPER_SNAKE_CASE name from a path of identifiers (outermost first), or undefined when empty. */
export function envNameFromPath(path: readonly string[]): string | undefined {
  const cleaned = path.map((p) => p.replace(/^[$@_]+/, '')).filter((p) => p && !/^\d+$/.test(p));
  const leaf = cleaned[cleaned.length - 1];
  if (!leaf) return undefined;
  const parts = [leaf];
  const leafKey = words(leaf).join('_');
  if (VAGUE_LEAVES.has(leafKey) || VAGUE_LEAVES.has(leaf.toLowerCase())) {
    for (let i = cleaned.length - 2; i >= 0; i--) {
      const parent = cleaned[i] as string;
      if (VAGUE_PARENTS.has(parent.toLowerCase())) continue;
      parts.unshift(parent);
      break;
    }
  }
  const name = parts.flatMap(words).join('_').toUpperCase();
  // One- and two-letter names (`k`, `pw`) say nothing about the value.
  if (name.replace(/_/g, '').length < 3) return undefined;
  return /^\d/.test(name) ? `_${name}` : name.slice(0, 64);
}

const IDENT = String.raw`[A-Za-z_$@][\w$]*`;
const QUOTED_KEY = String.raw`["'\`]([^"'\`\s]{1,80})["'\`]`;

/**
 * The identifier path a value is assigned to, from the text left of it on its line: `a.b.c =`,
 * `"key":`, `['key'] =`, `key=` (keyword argument), `export KEY=`, `name: Type =`, `.put("key", `.
 */
export function assignedPath(left: string): string[] | undefined {
  const text = left.replace(/\s+$/, '');
  // An earlier string argument names the value: `.put("api_key", "...")`, `headers.set("X-Api-Key", `.
  const argument = text.match(new RegExp(`${QUOTED_KEY}\\s*,$`));
  if (argument?.[1] && /[A-Za-z]/.test(argument[1])) return [argument[1]];
  const op = text.match(/(?:\?\?=|\|\|=|:=|=>|<-|\+=|=|:)$/);
  if (!op) return undefined;
  let target = text.slice(0, text.length - op[0].length).replace(/\s+$/, '');
  // `ENV["X"] =`, `config['db']['password'] =`, `[:token] =>`.
  const subscripts = [...target.matchAll(/\[\s*(?:["'`:]?)([\w.-]+)["'`]?\s*\]/g)];
  if (subscripts.length && /\]$/.test(target)) {
    const head = target.slice(0, subscripts[0]?.index).match(new RegExp(`(${IDENT}(?:\\.${IDENT})*)$`));
    return [...(head?.[1]?.split('.') ?? []), ...subscripts.map((m) => m[1] as string)];
  }
  const quoted = target.match(new RegExp(`${QUOTED_KEY}$`));
  if (quoted?.[1]) return quoted[1].split('.');
  // `name: string =` (TypeScript, Python, Kotlin annotations).
  if (op[0] === '=') {
    const annotated = target.match(new RegExp(`(${IDENT}(?:\\.${IDENT})*)\\??\\s*:\\s*[\\w.<>\\[\\]|? ]+$`));
    if (annotated?.[1]) return annotated[1].split('.');
  }
  // `:name =>` (Ruby symbols).
  target = target.replace(/^.*:(?=\w+$)/, '');
  const tokens = target.split(/[\s,(){}]+/).filter(Boolean);
  while (tokens.length > 1 && TYPE_WORDS.test(tokens[tokens.length - 1] as string)) tokens.pop();
  const last = tokens[tokens.length - 1];
  if (!last) return undefined;
  const chain = last.match(new RegExp(`(${IDENT}(?:(?:\\.|->|::)${IDENT})*)$`));
  if (!chain?.[1]) return undefined;
  return chain[1].split(/\.|->|::/);
}

const SECTION = /^\s*\[+\s*([^\]]+?)\s*\]+\s*$/;
const TERRAFORM_BLOCK = /^\s*(?:resource|provider|module|data)\s+"([\w-]+)"(?:\s+"([\w-]+)")?\s*\{/;

/**
 * The parent keys of every line, in one pass: YAML and pretty-printed JSON by indentation, TOML and
 * INI by `[section]`, Terraform by the enclosing block. Lines with the same parents share one array.
 */
export function keyPathIndex(lines: readonly string[], language: Language): Array<readonly string[]> {
  const out: Array<readonly string[]> = new Array(lines.length);
  if (language === 'toml' || language === 'ini' || language === 'terraform' || language === 'tfvars') {
    let current: readonly string[] = [];
    lines.forEach((line, i) => {
      out[i] = current;
      const section = line.match(SECTION);
      if (section?.[1]) current = section[1].split('.').map((s) => s.replace(/^["']|["']$/g, ''));
      const block = line.match(TERRAFORM_BLOCK);
      if (block) current = [block[1] ?? '', ...(block[2] ? [block[2]] : [])];
    });
    return out;
  }
  const keyLine =
    language === 'json' || language === 'dotnet-appsettings'
      ? /^(\s*)"([^"]+)"\s*:\s*[{[]\s*$/
      : /^(\s*)(?:-\s+)?["']?([\w.-]+)["']?\s*:\s*(?:#.*)?$/;
  const stack: Array<{ indent: number; key: string }> = [];
  let current: readonly string[] = [];
  lines.forEach((line, i) => {
    if (!line.trim() || /^\s*#/.test(line)) {
      out[i] = current;
      return;
    }
    const indent = line.match(/^\s*/)?.[0].length ?? 0;
    let popped = false;
    while (stack.length && (stack[stack.length - 1] as { indent: number }).indent >= indent) {
      stack.pop();
      popped = true;
    }
    if (popped) current = stack.map((e) => e.key);
    out[i] = current;
    const m = line.match(keyLine);
    if (m) {
      stack.push({ indent, key: m[2] as string });
      current = stack.map((e) => e.key);
    }
  });
  return out;
}

/** Parent keys of one line (YAML, pretty-printed JSON, TOML/INI sections, Terraform blocks). */
export function parentKeys(text: string | readonly string[], lineNumber: number, language: Language): string[] {
  const lines = typeof text === 'string' ? text.split('\n') : text;
  return [...(keyPathIndex(lines.slice(0, lineNumber), language)[lineNumber - 1] ?? [])];
}
