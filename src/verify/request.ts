// One check, sent: the request built from the provider's entry, the answer read into a verdict. The only
// module of keyfence that opens a network connection (`keyfence verify`, `revoke`, `audit --provider`).
import { maskAll } from '../report/mask.js';
import { endpointVariable } from './providers.js';
import { maskFound } from './maskFound.js';
import { amzDate, signV4 } from './sigv4.js';
import type { Credential, ProviderAnswer, ProviderCheck, Verdict } from './types.js';

export interface RequestOptions {
  env?: NodeJS.ProcessEnv;
  /** Milliseconds before a request is abandoned (default 10 s, or KEYFENCE_VERIFY_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Called with each request and its outcome, masked (`--verbose`). */
  log?: (line: string) => void;
  now?: () => Date;
}

/** Where a check's requests go: its default origin, or the override from the environment. */
export function originOf(check: ProviderCheck, env: NodeJS.ProcessEnv = process.env): string {
  return endpointOrigin(endpointVariable(check), check.origin, env);
}

/** The origin in `variable` (KEYFENCE_ENDPOINT_<X>) when set, else `fallback`. */
export function endpointOrigin(variable: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[variable];
  if (override === undefined || override === '') return fallback;
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new Error(`${variable} is not a URL origin (http(s)://host[:port])`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${variable} must be an http or https origin`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function hostOf(check: ProviderCheck, env: NodeJS.ProcessEnv = process.env): string {
  return new URL(originOf(check, env)).host;
}

const fill = (template: string, credential: Credential): string =>
  template.replace(/\{key\}|\{id\}/g, (token) => (token === '{key}' ? credential.secret : (credential.id ?? '')));

export interface BuiltRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** The request a check sends for a credential. Refuses any request whose URL would hold the secret. */
export function buildRequest(check: ProviderCheck, credential: Credential, options: RequestOptions = {}): BuiltRequest {
  const origin = originOf(check, options.env);
  const path = check.path.replace(/\{id\}/g, encodeURIComponent(credential.id ?? ''));
  const url = origin + path;
  if (credential.secret && url.includes(credential.secret)) throw new Error(`${check.name}: the key would go into the URL; not sent`);
  let headers: Record<string, string> = Object.fromEntries(Object.entries(check.headers).map(([k, v]) => [k, fill(v, credential)]));
  if (check.basic) {
    const [user, password] = check.basic.map((part) => fill(part, credential));
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  if (check.sigv4) {
    const parsed = new URL(url);
    headers = signV4({
      method: check.method,
      host: parsed.host,
      path: parsed.pathname,
      query: parsed.search.slice(1),
      headers,
      body: check.body ?? '',
      region: check.sigv4.region,
      service: check.sigv4.service,
      accessKeyId: credential.id ?? '',
      secretAccessKey: credential.secret,
      amzDate: amzDate((options.now ?? (() => new Date()))()),
    });
  }
  return { url, method: check.method, headers, ...(check.body !== undefined ? { body: check.body } : {}) };
}

const MAX_BODY = 256 * 1024;

/** Sends the check and reads the verdict. Never throws for a network problem: that is `unknown`. */
export async function runCheck(check: ProviderCheck, credential: Credential, options: RequestOptions = {}): Promise<Verdict> {
  const secrets = [credential.secret];
  const masked = (text: string): string => maskAll(text, secrets);
  let request: BuiltRequest;
  try {
    request = buildRequest(check, credential, options);
  } catch (error) {
    return { status: 'unknown', detail: masked((error as Error).message) };
  }
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv(options.env ?? process.env);
  const started = `${request.method} ${request.url}`;
  let answer: ProviderAnswer;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // A redirect could carry the key's header to another host: not followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, MAX_BODY);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = check.sigv4 ? awsXml(text) : undefined;
    }
    answer = { status: response.status, headers: response.headers, json, text };
  } catch (error) {
    const detail = networkError(error, timeoutMs);
    options.log?.(masked(`${started} -> ${detail}`));
    return { status: 'unknown', detail: masked(detail) };
  }
  const verdict = readVerdict(check, answer);
  options.log?.(masked(`${started} (${headerNames(request.headers)}) -> ${answer.status} ${verdict.status}`));
  return {
    status: verdict.status,
    ...(verdict.account ? { account: await cleanAccount(verdict.account, secrets) } : {}),
    ...(verdict.detail ? { detail: masked(oneLine(verdict.detail)) } : {}),
  };
}

export function readVerdict(check: ProviderCheck, answer: ProviderAnswer): Verdict {
  const special = check.read?.(answer);
  if (special) return special;
  const { status } = answer;
  if (status >= 200 && status < 300) {
    const account = check.account?.(answer.json);
    return { status: 'live', ...(account !== undefined && account !== null && account !== '' ? { account: String(account) } : {}) };
  }
  if (status === 401 || check.invalidStatuses?.includes(status)) return { status: 'invalid', detail: `HTTP ${status}` };
  if (status === 403) return { status: check.forbidden, detail: 'HTTP 403' };
  if (status === 429) {
    return { status: 'unknown', detail: `rate limited${retryAfter(answer.headers.get('retry-after'))}` };
  }
  if (status >= 300 && status < 400) return { status: 'unknown', detail: `HTTP ${status} redirect, not followed` };
  return { status: 'unknown', detail: `HTTP ${status}` };
}

/** A Retry-After of seconds or an HTTP date; anything else the provider sent is not repeated. */
function retryAfter(value: string | null): string {
  if (value === null) return '';
  const text = value.trim();
  if (/^\d{1,7}$/.test(text)) return ` (retry after ${text} s)`;
  return /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text) ? ` (retry after ${text})` : '';
}

/** The few fields of an STS answer a check reads, from its XML. */
function awsXml(text: string): unknown {
  const tag = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
  const arn = tag('Arn');
  const code = tag('Code');
  return arn || code ? { arn, account: tag('Account'), code } : undefined;
}

function networkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const code = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'unknown error';
  return `network error: ${oneLine(String(code)).slice(0, 120)}`;
}

function timeoutFromEnv(env: NodeJS.ProcessEnv): number {
  const value = Number(env.KEYFENCE_VERIFY_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 10_000;
}

const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** A provider's name for the account, made safe to print: one line, any secret masked, then cut short. */
async function cleanAccount(account: string, secrets: string[]): Promise<string> {
  return (await maskFound(oneLine(account), secrets)).slice(0, 100);
}

const headerNames = (headers: Record<string, string>): string => `headers: ${Object.keys(headers).join(', ')}`;
