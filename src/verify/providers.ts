// The providers `keyfence verify` can ask, one entry each: which rules, which request, how to read the
// answer. Each request is a read of the key's own account or of a public list, documented by the
// provider, free and without side effect (docs/verify.md gives the reason for each). The key goes in a
// header or the body, never in the URL. AI providers first.
import type { ProviderAnswer, ProviderCheck, Verdict } from './types.js';

const BEARER = { Authorization: 'Bearer {key}' };
const JSON_ACCEPT = { Accept: 'application/json' };

const field = (value: unknown, ...path: string[]): unknown => {
  let at = value;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
};

/** Slack answers 200 to every call and says in the body whether the token was accepted. */
function readSlack(answer: ProviderAnswer): Verdict | undefined {
  if (answer.status !== 200) return undefined;
  if (field(answer.json, 'ok') === true) return undefined;
  const error = String(field(answer.json, 'error') ?? 'unknown error');
  const refused = ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission'];
  return refused.includes(error) ? { status: 'invalid', detail: error } : { status: 'unknown', detail: `Slack: ${error}` };
}

/** Google answers 400 with reason API_KEY_INVALID for a key it does not know. */
function readGoogle(answer: ProviderAnswer): Verdict | undefined {
  if (answer.status === 400) {
    const text = answer.text;
    return /API_KEY_INVALID|API key not valid/i.test(text)
      ? { status: 'invalid', detail: 'API key not valid' }
      : { status: 'unknown', detail: 'HTTP 400' };
  }
  if (answer.status === 403)
    return { status: 'live', detail: 'the key exists; the Generative Language API is not enabled or not allowed for it' };
  return undefined;
}

/** GitHub says "rate limited" with a 403 whose x-ratelimit-remaining is 0. */
function readGithub(answer: ProviderAnswer): Verdict | undefined {
  if ((answer.status === 403 || answer.status === 429) && answer.headers.get('x-ratelimit-remaining') === '0') {
    return { status: 'unknown', detail: 'rate limited' };
  }
  return undefined;
}

const GITHUB_HEADERS = {
  ...BEARER,
  Accept: 'application/vnd.github+json',
  'X-GitHub-Api-Version': '2022-11-28',
  'User-Agent': 'keyfence-verify',
};
const ANTHROPIC_HEADERS = { 'x-api-key': '{key}', 'anthropic-version': '2023-06-01' };

export const providerChecks: ProviderCheck[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    rules: ['openai-project-key', 'openai-user-key', 'openai-service-account-key', 'openai-legacy-key', 'openai-unknown-kind-key'],
    endpoint: 'openai',
    origin: 'https://api.openai.com',
    method: 'GET',
    path: '/v1/models',
    headers: BEARER,
    forbidden: 'live',
    docs: 'https://platform.openai.com/docs/api-reference/models/list',
    why: 'lists the models the key may use; no model runs, nothing is billed',
  },
  {
    id: 'openai-admin',
    name: 'OpenAI (admin key)',
    rules: ['openai-admin-key'],
    endpoint: 'openai',
    origin: 'https://api.openai.com',
    method: 'GET',
    path: '/v1/organization/projects?limit=1',
    headers: BEARER,
    forbidden: 'live',
    docs: 'https://platform.openai.com/docs/api-reference/projects/list',
    why: "reads one entry of the organization's project list",
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    rules: ['anthropic-api-key'],
    endpoint: 'anthropic',
    origin: 'https://api.anthropic.com',
    method: 'GET',
    path: '/v1/models',
    headers: ANTHROPIC_HEADERS,
    forbidden: 'live',
    docs: 'https://docs.anthropic.com/en/api/models-list',
    why: 'lists the available models; no model runs, nothing is billed',
  },
  {
    id: 'anthropic-admin',
    name: 'Anthropic (admin key)',
    rules: ['anthropic-admin-key'],
    endpoint: 'anthropic',
    origin: 'https://api.anthropic.com',
    method: 'GET',
    path: '/v1/organizations/me',
    headers: ANTHROPIC_HEADERS,
    forbidden: 'live',
    account: (json) => field(json, 'name'),
    docs: 'https://docs.anthropic.com/en/api/admin-api/organization/get-me',
    why: 'reads the name of the organization the key belongs to',
  },
  {
    id: 'google',
    name: 'Google AI Studio (Gemini)',
    rules: ['gemini-auth-key', 'google-api-key'],
    endpoint: 'google',
    origin: 'https://generativelanguage.googleapis.com',
    method: 'GET',
    path: '/v1beta/models?pageSize=1',
    headers: { 'x-goog-api-key': '{key}' },
    forbidden: 'live',
    read: readGoogle,
    docs: 'https://ai.google.dev/api/models#method:-models.list',
    why: 'lists one available model; no model runs, nothing is billed',
  },
  {
    id: 'huggingface',
    name: 'Hugging Face',
    rules: ['huggingface-access-token', 'huggingface-org-token'],
    endpoint: 'huggingface',
    origin: 'https://huggingface.co',
    method: 'GET',
    path: '/api/whoami-v2',
    headers: BEARER,
    forbidden: 'unknown',
    account: (json) => field(json, 'name'),
    docs: 'https://huggingface.co/docs/hub/api#get-apiwhoami-v2',
    why: 'reads the name of the account the token belongs to',
  },
  {
    id: 'groq',
    name: 'Groq',
    rules: ['groq-api-key'],
    endpoint: 'groq',
    origin: 'https://api.groq.com',
    method: 'GET',
    path: '/openai/v1/models',
    headers: BEARER,
    forbidden: 'live',
    docs: 'https://console.groq.com/docs/api-reference#models-list',
    why: 'lists the available models; no model runs',
  },
  {
    id: 'mistral',
    name: 'Mistral AI',
    rules: ['mistral-api-key', 'mistral-api-key-header'],
    endpoint: 'mistral',
    origin: 'https://api.mistral.ai',
    method: 'GET',
    path: '/v1/models',
    headers: BEARER,
    forbidden: 'live',
    docs: 'https://docs.mistral.ai/api/#tag/models/operation/list_models_v1_models_get',
    why: 'lists the available models; no model runs',
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    rules: ['deepseek-api-key'],
    endpoint: 'deepseek',
    origin: 'https://api.deepseek.com',
    method: 'GET',
    path: '/models',
    headers: { ...BEARER, ...JSON_ACCEPT },
    forbidden: 'live',
    docs: 'https://api-docs.deepseek.com/api/list-models',
    why: 'lists the available models; no model runs',
  },
  {
    id: 'xai',
    name: 'xAI',
    rules: ['xai-api-key'],
    endpoint: 'xai',
    origin: 'https://api.x.ai',
    method: 'GET',
    path: '/v1/api-key',
    headers: BEARER,
    forbidden: 'invalid',
    invalidStatuses: [400],
    read: (answer) => {
      if (answer.status !== 200) return undefined;
      const blocked = ['api_key_blocked', 'api_key_disabled', 'team_blocked'].filter((k) => field(answer.json, k) === true);
      return blocked.length > 0
        ? { status: 'invalid', account: String(field(answer.json, 'name') ?? ''), detail: blocked.join(', ') }
        : undefined;
    },
    account: (json) => field(json, 'name'),
    docs: 'https://docs.x.ai/docs/api-reference#api-key',
    why: "reads the key's own name and status",
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    rules: ['openrouter-api-key'],
    endpoint: 'openrouter',
    origin: 'https://openrouter.ai',
    method: 'GET',
    path: '/api/v1/key',
    headers: BEARER,
    forbidden: 'unknown',
    // The key's `label` holds characters of the key itself: not shown.
    account: (json) => (field(json, 'data', 'is_free_tier') === true ? 'free tier' : undefined),
    docs: 'https://openrouter.ai/docs/api-reference/api-keys/get-current-key',
    why: "reads the key's own limits and usage",
  },
  {
    id: 'together',
    name: 'Together AI',
    rules: ['together-api-key', 'together-api-key-header', 'together-legacy-api-key'],
    endpoint: 'together',
    origin: 'https://api.together.xyz',
    method: 'GET',
    path: '/v1/models',
    headers: BEARER,
    forbidden: 'live',
    docs: 'https://docs.together.ai/reference/models-1',
    why: 'lists the available models; no model runs',
  },
  {
    id: 'cohere',
    name: 'Cohere',
    rules: ['cohere-api-key', 'cohere-api-key-header'],
    endpoint: 'cohere',
    origin: 'https://api.cohere.com',
    method: 'POST',
    path: '/v1/check-api-key',
    headers: { ...BEARER, ...JSON_ACCEPT },
    forbidden: 'invalid',
    read: (answer) =>
      answer.status === 200 && field(answer.json, 'valid') === false ? { status: 'invalid', detail: 'valid: false' } : undefined,
    docs: 'https://docs.cohere.com/reference/check-api-key',
    why: 'the documented key check: it only says whether the key is valid',
  },
  {
    id: 'replicate',
    name: 'Replicate',
    rules: ['replicate-api-token'],
    endpoint: 'replicate',
    origin: 'https://api.replicate.com',
    method: 'GET',
    path: '/v1/account',
    headers: BEARER,
    forbidden: 'unknown',
    account: (json) => field(json, 'username'),
    docs: 'https://replicate.com/docs/reference/http#accounts.get',
    why: 'reads the account the token belongs to',
  },
  {
    id: 'github',
    name: 'GitHub',
    rules: ['github-pat', 'github-fine-grained-pat', 'github-oauth-token', 'github-user-to-server-token'],
    endpoint: 'github',
    origin: 'https://api.github.com',
    method: 'GET',
    path: '/user',
    headers: GITHUB_HEADERS,
    forbidden: 'live',
    read: readGithub,
    account: (json) => field(json, 'login'),
    docs: 'https://docs.github.com/en/rest/users/users#get-the-authenticated-user',
    why: "reads the token's own user",
  },
  {
    id: 'github-app',
    name: 'GitHub (app installation token)',
    rules: ['github-app-installation-token'],
    endpoint: 'github',
    origin: 'https://api.github.com',
    method: 'GET',
    path: '/installation/repositories?per_page=1',
    headers: GITHUB_HEADERS,
    forbidden: 'live',
    read: readGithub,
    docs: 'https://docs.github.com/en/rest/apps/installations#list-repositories-accessible-to-the-app-installation',
    why: 'lists one repository the installation can read',
  },
  {
    id: 'gitlab',
    name: 'GitLab',
    rules: ['gitlab-pat', 'gitlab-pat-routable'],
    endpoint: 'gitlab',
    origin: 'https://gitlab.com',
    method: 'GET',
    path: '/api/v4/personal_access_tokens/self',
    headers: { 'PRIVATE-TOKEN': '{key}' },
    forbidden: 'unknown',
    read: (answer) =>
      answer.status === 200 && (field(answer.json, 'revoked') === true || field(answer.json, 'active') === false)
        ? { status: 'invalid', account: String(field(answer.json, 'name') ?? ''), detail: 'revoked or expired' }
        : undefined,
    account: (json) => field(json, 'name'),
    docs: 'https://docs.gitlab.com/api/personal_access_tokens/#get-single-personal-access-token',
    why: "reads the token's own name, scopes and expiry",
  },
  {
    id: 'npm',
    name: 'npm',
    rules: ['npm-access-token'],
    endpoint: 'npm',
    origin: 'https://registry.npmjs.org',
    method: 'GET',
    path: '/-/whoami',
    headers: { ...BEARER, ...JSON_ACCEPT },
    forbidden: 'unknown',
    account: (json) => field(json, 'username'),
    docs: 'https://docs.npmjs.com/cli/commands/npm-whoami',
    why: 'reads the user name the token belongs to (what `npm whoami` asks)',
  },
  {
    id: 'aws',
    name: 'AWS',
    rules: ['aws-secret-access-key', 'aws-secret-access-key-paired', 'aws-access-key-id'],
    endpoint: 'aws',
    origin: 'https://sts.amazonaws.com',
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    sigv4: { region: 'us-east-1', service: 'sts' },
    pair: 'aws-access-key-id',
    forbidden: 'invalid',
    account: (json) => field(json, 'arn'),
    docs: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
    why: 'GetCallerIdentity needs no permission and cannot be denied; it returns the account and ARN',
  },
  {
    id: 'stripe',
    name: 'Stripe',
    rules: ['stripe-secret-key', 'stripe-restricted-key'],
    endpoint: 'stripe',
    origin: 'https://api.stripe.com',
    method: 'GET',
    path: '/v1/account',
    headers: BEARER,
    forbidden: 'live',
    account: (json) => field(json, 'id'),
    docs: 'https://docs.stripe.com/api/accounts/retrieve',
    why: 'reads the account the key belongs to (a restricted key without that permission gets 403: live)',
  },
  {
    id: 'slack',
    name: 'Slack',
    rules: ['slack-bot-token', 'slack-user-token', 'slack-legacy-token'],
    endpoint: 'slack',
    origin: 'https://slack.com',
    method: 'POST',
    path: '/api/auth.test',
    headers: { ...BEARER, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '',
    forbidden: 'unknown',
    read: readSlack,
    account: (json) => [field(json, 'team'), field(json, 'user')].filter(Boolean).join(' / ') || undefined,
    docs: 'https://api.slack.com/methods/auth.test',
    why: 'auth.test only reports who the token belongs to',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    rules: ['sendgrid-api-key'],
    endpoint: 'sendgrid',
    origin: 'https://api.sendgrid.com',
    method: 'GET',
    path: '/v3/scopes',
    headers: BEARER,
    forbidden: 'live',
    account: (json) => {
      const scopes = field(json, 'scopes');
      return Array.isArray(scopes) ? `${scopes.length} scopes` : undefined;
    },
    docs: 'https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access',
    why: "lists the key's own permissions; sends no mail",
  },
  {
    id: 'twilio',
    name: 'Twilio',
    rules: ['twilio-auth-token'],
    endpoint: 'twilio',
    origin: 'https://api.twilio.com',
    method: 'GET',
    path: '/2010-04-01/Accounts/{id}.json',
    headers: JSON_ACCEPT,
    basic: ['{id}', '{key}'],
    pair: 'twilio-account-sid',
    forbidden: 'unknown',
    account: (json) => field(json, 'friendly_name'),
    docs: 'https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource',
    why: 'reads the account resource; sends no message, places no call',
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    rules: ['mailgun-api-key'],
    endpoint: 'mailgun',
    origin: 'https://api.mailgun.net',
    method: 'GET',
    path: '/v3/domains?limit=1',
    headers: JSON_ACCEPT,
    basic: ['api', '{key}'],
    forbidden: 'unknown',
    docs: 'https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Domains/',
    why: 'lists one sending domain; sends no mail',
  },
  {
    id: 'digitalocean',
    name: 'DigitalOcean',
    rules: ['digitalocean-personal-token', 'digitalocean-oauth-token'],
    endpoint: 'digitalocean',
    origin: 'https://api.digitalocean.com',
    method: 'GET',
    path: '/v2/account',
    headers: BEARER,
    forbidden: 'live',
    account: (json) => field(json, 'account', 'team', 'name') ?? field(json, 'account', 'uuid'),
    docs: 'https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account/operation/account_get',
    why: 'reads the account the token belongs to',
  },
  {
    id: 'heroku',
    name: 'Heroku',
    rules: ['heroku-api-key', 'heroku-api-key-legacy'],
    endpoint: 'heroku',
    origin: 'https://api.heroku.com',
    method: 'GET',
    path: '/account',
    headers: { ...BEARER, Accept: 'application/vnd.heroku+json; version=3' },
    forbidden: 'unknown',
    account: (json) => field(json, 'email'),
    docs: 'https://devcenter.heroku.com/articles/platform-api-reference#account-info',
    why: 'reads the account the key belongs to',
  },
  {
    id: 'linear',
    name: 'Linear',
    rules: ['linear-api-key'],
    endpoint: 'linear',
    origin: 'https://api.linear.app',
    method: 'POST',
    path: '/graphql',
    // A personal API key goes in Authorization as it is (OAuth tokens take "Bearer").
    headers: { Authorization: '{key}', 'Content-Type': 'application/json' },
    body: '{"query":"query { viewer { id name } }"}',
    forbidden: 'unknown',
    invalidStatuses: [400],
    read: (answer) => {
      const errors = field(answer.json, 'errors');
      if (!Array.isArray(errors) || errors.length === 0) return undefined;
      const auth = errors.some((e) =>
        /authenticat/i.test(`${field(e, 'extensions', 'type') ?? ''} ${field(e, 'extensions', 'code') ?? ''} ${field(e, 'message') ?? ''}`),
      );
      return auth ? { status: 'invalid', detail: 'authentication error' } : undefined;
    },
    account: (json) => field(json, 'data', 'viewer', 'name'),
    docs: 'https://linear.app/developers/graphql#authentication',
    why: 'a GraphQL query (not a mutation) of the viewer: reads who the key belongs to',
  },
  {
    id: 'notion',
    name: 'Notion',
    rules: ['notion-integration-token', 'notion-integration-token-legacy'],
    endpoint: 'notion',
    origin: 'https://api.notion.com',
    method: 'GET',
    path: '/v1/users/me',
    headers: { ...BEARER, 'Notion-Version': '2022-06-28' },
    forbidden: 'unknown',
    account: (json) => field(json, 'name'),
    docs: 'https://developers.notion.com/reference/get-self',
    why: "reads the integration's own bot user",
  },
  {
    id: 'postman',
    name: 'Postman',
    rules: ['postman-api-key'],
    endpoint: 'postman',
    origin: 'https://api.getpostman.com',
    method: 'GET',
    path: '/me',
    headers: { 'X-Api-Key': '{key}' },
    forbidden: 'unknown',
    account: (json) => field(json, 'user', 'username'),
    docs: 'https://learning.postman.com/docs/developer/postman-api/authentication/',
    why: 'reads the user the key belongs to',
  },
  {
    id: 'datadog',
    name: 'Datadog',
    rules: ['datadog-api-key'],
    endpoint: 'datadog',
    origin: 'https://api.datadoghq.com',
    method: 'GET',
    path: '/api/v1/validate',
    headers: { 'DD-API-KEY': '{key}', ...JSON_ACCEPT },
    forbidden: 'invalid',
    read: (answer) =>
      answer.status === 200 && field(answer.json, 'valid') === false ? { status: 'invalid', detail: 'valid: false' } : undefined,
    docs: 'https://docs.datadoghq.com/api/latest/authentication/#validate-api-key',
    why: 'the documented key check: it only says whether the key is valid',
  },
  {
    id: 'sentry',
    name: 'Sentry',
    rules: ['sentry-user-token', 'sentry-org-token'],
    endpoint: 'sentry',
    origin: 'https://sentry.io',
    method: 'GET',
    path: '/api/0/',
    headers: BEARER,
    forbidden: 'unknown',
    // `auth` is null when the request was not authenticated: the token was not taken.
    read: (answer) =>
      answer.status === 200 && field(answer.json, 'auth') == null ? { status: 'invalid', detail: 'not authenticated' } : undefined,
    account: (json) => field(json, 'user', 'username'),
    docs: 'https://docs.sentry.io/api/users/retrieve-the-current-credentials/',
    why: "reads the token's own scopes and user",
  },
];

/** The check for a rule id, if keyfence can verify that rule's findings. */
export function checkForRule(ruleId: string): ProviderCheck | undefined {
  return byRule().get(ruleId);
}

let ruleIndex: Map<string, ProviderCheck> | undefined;
function byRule(): Map<string, ProviderCheck> {
  if (!ruleIndex) {
    ruleIndex = new Map();
    for (const check of providerChecks) for (const rule of check.rules) ruleIndex.set(rule, check);
  }
  return ruleIndex;
}

/** The environment variable that moves a check's origin: `KEYFENCE_ENDPOINT_OPENAI`. */
export function endpointVariable(check: ProviderCheck): string {
  return `KEYFENCE_ENDPOINT_${check.endpoint.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * Rules of providers deliberately not verified, and why (docs/verify.md repeats them). A rule in none
 * of the two lists is simply not covered yet.
 */
export const notVerified: ReadonlyArray<{ rules: string[]; why: string }> = [
  {
    rules: ['slack-webhook-url', 'google-chat-webhook-url', 'discord-webhook-url'],
    why: 'the key is the URL, and the only check is posting a message',
  },
  {
    rules: ['github-refresh-token', 'google-oauth-refresh-token'],
    why: 'the only check exchanges the token for a new one, which changes state',
  },
  { rules: ['google-oauth-client-secret'], why: 'the only check is a token exchange' },
  { rules: ['stripe-webhook-secret', 'slack-signing-secret'], why: 'a signing secret is never sent to the provider; nothing can check it' },
  {
    rules: ['twilio-api-key-sid', 'twilio-api-secret'],
    why: 'a standard API key cannot read the Accounts resource, and other reads need the account SID',
  },
  { rules: ['fireworks-api-key'], why: 'its documented reads need the account id in the path, which the key does not carry' },
  { rules: ['perplexity-api-key'], why: 'no documented read that requires a key was found' },
  { rules: ['anthropic-session-key', 'anthropic-oauth-token'], why: 'no documented API accepts them' },
  { rules: ['datadog-app-key'], why: 'it is checked only together with an API key' },
  { rules: ['telegram-bot-token'], why: 'its API takes the token in the URL path' },
];
