// JSON requests for the commands that act on a provider's API (revoke, audit): redirects not followed,
// a time limit, and every error message masked against the secrets the caller names.
import { maskAll } from '../report/mask.js';

export interface JsonRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Secrets to mask in any error or log line (the admin key, the leaked keys). */
  secrets: string[];
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface JsonAnswer {
  status: number;
  json: unknown;
  headers: Headers;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
}

export async function requestJson(url: string, request: JsonRequest): Promise<JsonAnswer> {
  const method = request.method ?? 'GET';
  const masked = (text: string) => maskAll(text, request.secrets);
  const timeoutMs = request.timeoutMs ?? (Number(process.env.KEYFENCE_VERIFY_TIMEOUT_MS) || 10_000);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string } };
    const why =
      e.name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `network error: ${e.cause?.code ?? 'unknown'}`;
    request.log?.(masked(`${method} ${url} -> ${why}`));
    throw new ProviderError(masked(`${method} ${new URL(url).host}${new URL(url).pathname}: ${why}`));
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  request.log?.(masked(`${method} ${url} -> ${response.status}`));
  return { status: response.status, json, headers: response.headers };
}
