// The shapes of `keyfence verify`: a provider's check as data, the credential it sends, the verdict.

/** What a check sends: the secret, and for providers that need one, the identifier paired with it. */
export interface Credential {
  secret: string;
  /** A non-secret identifier that goes with the secret (an AWS access key ID, a Twilio account SID). */
  id?: string;
}

export type VerifyStatus = 'live' | 'invalid' | 'unknown';

export interface Verdict {
  status: VerifyStatus;
  /** The account, user or key name the provider answered with (never a secret: masked and trimmed). */
  account?: string;
  /** Why the verdict is what it is, when that is not plain: `HTTP 503`, `rate limited (retry after 30 s)`. */
  detail?: string;
}

/** The parts of a provider's answer a check reads. */
export interface ProviderAnswer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  text: string;
}

/**
 * How one provider is asked whether a key is live, as data. Every check is a read that changes nothing
 * and costs nothing; docs/verify.md says why for each.
 */
export interface ProviderCheck {
  /** Slug, also the suffix of its override variable: `KEYFENCE_ENDPOINT_<ENDPOINT>`. */
  id: string;
  name: string;
  /** The rule ids whose findings this check verifies. */
  rules: string[];
  /** Which `KEYFENCE_ENDPOINT_<X>` moves this check (checks of one provider share it). */
  endpoint: string;
  /** Default origin: https only. */
  origin: string;
  method: 'GET' | 'POST';
  /** Path and query. `{id}` is replaced by the credential's identifier (never by the secret). */
  path: string;
  /** Header templates: `{key}` is the secret, `{id}` the paired identifier. */
  headers: Record<string, string>;
  /** HTTP Basic credentials as [user, password] templates (same placeholders). */
  basic?: [string, string];
  body?: string;
  /** AWS Signature Version 4 (region, service) instead of header templates. */
  sigv4?: { region: string; service: string };
  /** The identifier this check needs next to the secret; without it the finding is not checked. */
  pair?: 'aws-access-key-id' | 'twilio-account-sid';
  /** What a 403 means for this provider: a key it knows that lacks a permission, or a key it refuses. */
  forbidden: 'live' | 'invalid' | 'unknown';
  /** Other statuses that mean the key is refused (401 always does). */
  invalidStatuses?: number[];
  /** Reads a verdict the status alone cannot give (an error inside a 200, a `valid: false`). */
  read?: (answer: ProviderAnswer) => Verdict | undefined;
  /** The account or key name in a successful answer. */
  account?: (json: unknown) => unknown;
  /** The provider's documentation of this request. */
  docs: string;
  /** Why the request has no side effect and no cost (docs/verify.md). */
  why: string;
}
