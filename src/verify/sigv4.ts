// AWS Signature Version 4, enough for one request with a body and no query parameters to sort beyond
// what the caller passes in canonical order. Written from AWS's description of the algorithm:
// canonical request -> string to sign -> HMAC chain of date, region, service -> signature.
import { createHmac } from 'node:crypto';
import { sha256Hex } from '../sha256.js';

export interface SigV4Request {
  method: string;
  host: string;
  /** Absolute path, already URI-encoded. */
  path: string;
  /** Canonical query string (keys sorted, encoded), or ''. */
  query: string;
  /** Headers to sign besides host and x-amz-date (lower-case names). */
  headers: Record<string, string>;
  body: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
}

const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The headers to send: the signed ones, x-amz-date and Authorization. */
export function signV4(request: SigV4Request): Record<string, string> {
  const date = request.amzDate.slice(0, 8);
  const all: Record<string, string> = { ...lowerCase(request.headers), host: request.host, 'x-amz-date': request.amzDate };
  const names = Object.keys(all).sort();
  const canonicalHeaders = names.map((name) => `${name}:${String(all[name]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [request.method, request.path, request.query, canonicalHeaders, signedHeaders, sha256Hex(request.body)].join(
    '\n',
  );
  const scope = `${date}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', request.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${request.secretAccessKey}`, date), request.region), request.service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  const { host: _host, ...rest } = all;
  return {
    ...rest,
    Authorization: `AWS4-HMAC-SHA256 Credential=${request.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
