// What kind of file a finding is in, from its path (and, for a few cases, its content): this decides
// how an environment variable is read there and whether `keyfence fix` can rewrite it.
import { isMcpConfigFile } from '../detect/mcpConfigs.js';
import { CLIENT_PREFIXES, clientPrefixOf } from '../detect/clientPrefixes.js';
import { LANGUAGE_OF_EXTENSION, type Language } from '../languages/table.js';
import { isDotenvName, isDotenvTemplateName } from '../languages/dotenvFiles.js';

/** Files that are a credential in themselves: they belong outside git altogether. */
const SECRET_FILE =
  /^(id_(rsa|dsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx|jks|keystore|ppk|tfstate|tfstate\.backup)|\.git-credentials|\.netrc|_netrc|\.pgpass|\.pypirc|\.htpasswd|credentials\.json|service[-_]?account.*\.json|.*-service-account.*\.json|client_secret.*\.json|serviceaccountkey\.json)$/;

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

/** The language of a file from its path. */
export function languageOf(file: string): Language {
  const path = file.replace(/\\/g, '/');
  const name = baseName(path);
  const lower = name.toLowerCase();
  if (isDotenvName(lower)) return isDotenvTemplateName(lower) ? 'dotenv-example' : 'dotenv';
  if (isMcpConfigFile(path)) return 'mcp-config';
  if (SECRET_FILE.test(lower) || /(^|\/)\.docker\/config\.json$/.test(path)) return 'secret-file';
  if (lower === '.npmrc' || lower === '.yarnrc' || lower === '.yarnrc.yml') return 'npmrc';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile')
    return 'dockerfile';
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower)) return 'compose';
  if (/(^|\/)\.github\/(workflows|actions)\/.+\.ya?ml$/.test(path) || /(^|\/)action\.ya?ml$/.test(path)) return 'github-actions';
  if (/^application([-.][\w-]+)?\.ya?ml$/.test(lower) || /^bootstrap([-.][\w-]+)?\.ya?ml$/.test(lower)) return 'spring-yaml';
  if (/^application([-.][\w-]+)?\.properties$/.test(lower)) return 'spring-properties';
  if (/^appsettings([.-][\w-]+)?\.json$/.test(lower)) return 'dotnet-appsettings';
  if (lower === 'gradle.properties') return 'gradle-properties';
  if (['.bashrc', '.zshrc', '.profile', '.bash_profile', '.envrc'].includes(lower)) return 'shell';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) return 'unknown';
  return LANGUAGE_OF_EXTENSION.get(lower.slice(dot + 1)) ?? 'unknown';
}

/** The prefix a framework inlines into browser bundles that `name` starts with (detect/clientPrefixes.ts). */
export function publicPrefixOf(name: string): string | undefined {
  return clientPrefixOf(name)?.prefix;
}

/** Files in these folders run on a server even when they are .tsx. */
const SERVER_PATH =
  /(^|\/)(api|server|servers|backend|functions|netlify\/functions|supabase\/functions|scripts|bin|cli|lambda|workers?)\//i;
// Reading a variable without a client prefix through process.env is server code (a bare PUBLIC_ is
// not a prefix there: SvelteKit and Astro read theirs another way).
const PROCESS_ENV_PREFIXES = CLIENT_PREFIXES.map((entry) => entry.prefix).filter((prefix) => prefix !== 'PUBLIC_');
const SERVER_MARKERS = new RegExp(
  String.raw`['"]use server['"]|\bgetServerSideProps\b|\bgetStaticProps\b|\bexport\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|loader|action)\b|\bfrom\s+['"](node:|fs|express|fastify|koa|@nestjs)|\brequire\(['"](fs|express|koa)['"]\)|\bprocess\.env\.(?!` +
    PROCESS_ENV_PREFIXES.join('|') +
    String.raw`)\w`,
);
const NEXT_SERVER_FILE =
  /(^|\/)(src\/)?app\/(.*\/)?(page|layout|route|template|default|not-found|opengraph-image|sitemap)\.(t|j)sx?$|(^|\/)middleware\.(t|j)s$/;
const CLIENT_MARKERS = /^\s*['"]use client['"]|\bwindow\.|\bdocument\.|\buseState\b|\buseEffect\b|\blocalStorage\b/m;

export interface ClientSideVerdict {
  clientSide: boolean;
  /** Why, for the report: the public prefix, or "browser code". */
  reason?: string;
}

/**
 * Whether code in this file ends up in a browser bundle, where no environment variable can hide a
 * key. `envName` is the variable the value is (or would be) read from.
 */
interface TextTraits {
  useClient: boolean;
  viteClient: boolean;
  serverMarkers: boolean;
  clientMarkers: boolean;
  /** Reads variables through import.meta.env and never through process.env. */
  importMetaEnv: boolean;
  deno: boolean;
}

/** What a file's text says about where it runs; remembered for the last few texts (one per file). */
const traitsCache = new Map<string, TextTraits>();

export function readsImportMetaEnv(text: string): boolean {
  return traitsOf(text).importMetaEnv;
}

export function isDenoCode(text: string): boolean {
  return traitsOf(text).deno;
}

function traitsOf(text: string): TextTraits {
  let traits = traitsCache.get(text);
  if (!traits) {
    traits = {
      useClient: /^\s*['"]use client['"]/m.test(text),
      viteClient: /\bimport\.meta\.env\.(VITE_|PUBLIC_)/.test(text),
      serverMarkers: SERVER_MARKERS.test(text),
      clientMarkers: CLIENT_MARKERS.test(text),
      importMetaEnv: /\bimport\.meta\.env\b/.test(text) && !/\bprocess\.env\b/.test(text),
      deno: /\bDeno\.(env|serve|args|readTextFile|openKv)\b/.test(text) && !/\bprocess\.env\b/.test(text),
    };
    if (traitsCache.size >= 8) traitsCache.delete(traitsCache.keys().next().value as string);
    traitsCache.set(text, traits);
  }
  return traits;
}

export function clientSideVerdict(
  file: string,
  language: Language,
  text: string | undefined,
  envName: string | undefined,
): ClientSideVerdict {
  const path = file.replace(/\\/g, '/');
  const prefix = envName ? publicPrefixOf(envName) : undefined;
  if (prefix && prefix !== 'PUBLIC_') return { clientSide: true, reason: `${prefix} variables are inlined into the client bundle` };
  if (language === 'html') return { clientSide: true, reason: 'this page runs in the browser' };
  if (language !== 'javascript' && language !== 'typescript') return { clientSide: false };
  if (SERVER_PATH.test(path)) return { clientSide: false };
  const lower = path.toLowerCase();
  const componentFile = /\.(jsx|tsx|vue|svelte)$/.test(lower);
  const traits = traitsOf(text ?? '');
  if (traits.useClient) return { clientSide: true, reason: 'this is a client component ("use client")' };
  if (traits.viteClient) return { clientSide: true, reason: 'this is Vite client code' };
  // Next.js App Router: pages, layouts and routes are server components unless they say "use client".
  if (NEXT_SERVER_FILE.test(lower)) return { clientSide: false };
  if (componentFile && !traits.serverMarkers) return { clientSide: true, reason: 'this component runs in the browser' };
  if (!componentFile && /(^|\/)(public|static|www|assets)\//.test(lower) && traits.clientMarkers) {
    return { clientSide: true, reason: 'this script runs in the browser' };
  }
  return { clientSide: false };
}
