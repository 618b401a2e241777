// Keys without a prefix count only next to a name that says whose they are. These are the code and
// config shapes such a name-and-value pair takes across languages; each context rule must find its
// key in every one of them, and must not fire on a bare value with no name.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';

const CONTEXT_RULES = [
  'mistral-api-key',
  'cohere-api-key',
  'azure-openai-key',
  'together-legacy-api-key',
  'assemblyai-api-key',
  'deepgram-api-key',
  'wandb-api-key',
  'aws-secret-access-key',
  'twilio-api-secret',
  'twilio-auth-token',
  'datadog-api-key',
  'datadog-app-key',
  'slack-signing-secret',
  'mailgun-api-key',
  'heroku-api-key-legacy',
  'cloudflare-api-token',
  'okta-api-token',
  'plaid-secret',
  'braintree-private-key',
  'paypal-client-secret',
  'algolia-admin-key',
  'vercel-token-legacy',
  'netlify-token-legacy',
  'elevenlabs-api-key-legacy',
  'nvidia-ngc-api-key',
  'pinecone-api-key-legacy',
  'cursor-api-key',
  'zai-api-key',
  'ollama-api-key',
  'stability-api-key',
  'moonshot-api-key',
  'braintrust-api-key',
  'exa-api-key',
  'retell-api-key',
  'coze-personal-access-token',
  'kagi-api-key',
  'kling-secret-key',
  'vastai-api-key',
  'baseten-api-key',
  'clarifai-pat',
  'ai21-api-key',
  'upstage-api-key',
  'greptile-api-key',
  'composio-api-key',
  'scale-api-key',
  'private-ai-api-key',
  'lighton-api-key',
  'openvpn-cloud-client-secret',
  'metabase-session-token',
  'travis-ci-token',
  'drone-ci-token',
  'bitrise-access-token',
  'codemagic-api-token',
  'semaphore-api-token',
  'jenkins-api-token',
  'circleci-project-token',
  'codecov-token',
  'coveralls-repo-token',
  'codacy-token',
  'cypress-record-key',
  'percy-token',
  'browserstack-access-key',
  'sauce-labs-access-key',
  'cloudsmith-api-key-legacy',
  'packagecloud-token',
  'gitea-access-token',
  'wakatime-api-key-legacy',
  'appcenter-api-token',
  'apollo-graphos-api-key',
  'youtrack-permanent-token',
  'expo-access-token',
  'sidekiq-enterprise-credentials',
  'scaleway-secret-key',
  'vultr-api-key',
  'hetzner-cloud-api-token',
  'ovh-application-secret',
  'exoscale-api-secret',
  'civo-api-key',
  'ibm-cloud-api-key',
  'yandex-cloud-static-key-secret',
  'alibaba-access-key-secret',
  'railway-api-token',
  'fastly-api-token',
  'zerotier-api-token',
  'portainer-access-token',
  'scalr-api-token',
  'cisco-meraki-api-key',
  'infomaniak-api-token',
  'truenas-api-key',
  'hashicorp-consul-nomad-token',
  'couchbase-capella-api-secret',
  'influxdb-token',
  'aiven-api-token',
  'confluent-cloud-api-secret-legacy',
  'hasura-admin-secret',
  'upstash-redis-rest-token',
  'airbyte-client-secret',
  'fauna-secret',
  'turso-auth-token',
  'convex-deploy-key',
  'trigger-dev-secret-key',
  'motherduck-token',
  'looker-client-secret',
  'tableau-personal-access-token',
  'mongodb-atlas-api-private-key',
  'auth0-client-secret',
  'stytch-secret',
  'onelogin-client-secret',
  'jumpcloud-api-key',
  'duo-secret-key',
  'loginradius-api-secret',
  'kong-konnect-token',
  'launchdarkly-access-token',
  'configcat-sdk-key-legacy',
  'flagsmith-organisation-api-key',
  'optimizely-access-token',
  'statsig-server-secret',
  'infisical-service-token',
  'bitwarden-secrets-manager-token',
  'dotenvx-private-key',
  'serpapi-api-key',
  'serper-api-key',
  'deepinfra-api-token',
  'sambanova-api-key',
  'fal-api-key',
  'pipedream-api-key',
  'knapsack-pro-token',
  'budibase-api-key',
  'wireguard-private-key',
  'huaweicloud-secret-key',
  'wasabi-secret-key',
  'neo4j-aura-password',
  'fivetran-api-secret',
  'keycloak-client-secret',
  'growthbook-secret-key',
  'keeper-secrets-manager-token',
  'promptlayer-api-key',
  'chroma-cloud-api-key',
  'roboflow-api-key',
  'leonardo-api-key',
  'bfl-api-key',
  'gladia-api-key',
  'vapi-api-key',
  'linode-api-token',
  'baidu-cloud-secret-key',
  'surge-token',
  'coolify-api-token',
  'quay-robot-token',
  'hexpm-api-key',
  'cocoapods-trunk-token',
  'gradle-plugin-portal-key',
  'openvsx-access-token',
  'mozilla-amo-api-secret',
  'frontegg-api-key',
  'kinde-client-secret',
  'dify-api-key',
  'speechmatics-api-key',
  'cpanel-api-token-named',
  'namecheap-api-key',
  'godaddy-api-secret',
  'ns1-api-key',
  'home-assistant-token',
  'better-auth-secret',
  'authjs-secret',
];

const camel = (env: string) => env.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascal = (env: string) => camel(env).replace(/^./, (c) => c.toUpperCase());

/** One-line assignments of `name` to `value` in the languages and formats keyfence scans. */
function sameLine(env: string, value: string): string[] {
  const c = camel(env);
  return [
    `${env}=${value}`,
    `export ${env}="${value}"`,
    `${env}: ${value}`,
    `  ${env.toLowerCase().replace(/_/g, '-')}: "${value}"`,
    `{ "${c}": "${value}" }`,
    `os.environ["${env}"] = "${value}"`,
    `${c} := "${value}"`,
    `private static final String ${env} = "${value}";`,
    `val ${c}: String = "${value}"`,
    `const ${env}: &str = "${value}";`,
    `export const ${c}: string = '${value}';`,
    `public const string ${pascal(env)} = "${value}";`,
    `define('${env}', '${value}');`,
    `$config['${env.toLowerCase()}'] => '${value}',`,
    `<${c}>${value}</${c}>`,
    `  "${pascal(env.split('_')[0] as string)}:${pascal(env.split('_').slice(1).join('_'))}": "${value}",`,
    `${env.toLowerCase()} = "${value}"`,
    `ENV ${env} ${value}`,
    `heroku config:set ${env}=${value} --app acme`,
    `${env} ?= ${value}`,
    `${env.toLowerCase()} <- "${value}"`,
    `NSString *${c} = @"${value}";`,
    `${env} = r"${value}"`,
    `@Value("\${${env.toLowerCase().replace(/_/g, '.')}:${value}}")`,
    `config :app, ${env.toLowerCase()}: "${value}"`,
    `    "os.environ[\\"${env}\\"] = \\"${value}\\"\\n",`,
    `"{\\"${c}\\": \\"${value}\\"}"`,
  ];
}

/** The same pair split over lines: Kubernetes env entries. */
function kubernetesEnv(env: string, value: string): string[] {
  return [`        - name: ${env}\n          value: "${value}"`];
}

function secretOf(ruleId: string): string {
  const rule = builtinRules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const text = rule.examples.positive()[0] as string;
  const match = detect(text, builtinRules).find((m) => m.ruleId === ruleId);
  if (!match) throw new Error(`rule ${ruleId} does not find its own example`);
  return match.secret;
}

describe.each(CONTEXT_RULES)('context rule %s', (ruleId) => {
  const rule = builtinRules.find((r) => r.id === ruleId);
  const env = rule?.envVar as string;

  it('finds the key in every one-line assignment form', () => {
    const value = secretOf(ruleId);
    for (const text of [...sameLine(env, value), ...kubernetesEnv(env, value)]) {
      const found = detect(`// settings\n${text}\n`, builtinRules).filter((m) => m.secret === value);
      expect(
        found.map((m) => m.ruleId),
        text,
      ).toContain(ruleId);
    }
  });

  it('does not report a bare value without a name', () => {
    const value = secretOf(ruleId);
    for (const text of [`const value = "${value}";`, `${value}`, `hash: ${value}`]) {
      expect(
        detect(text, builtinRules).map((m) => m.ruleId),
        text,
      ).not.toContain(ruleId);
    }
  });
});

describe('names that hold identifiers, digests or settings', () => {
  it.each([
    ['together-legacy-api-key', (v: string) => `TOGETHER_MODEL_SHA256=${v}`],
    ['together-legacy-api-key', (v: string) => `togetherCommitHash: "${v}"`],
    ['mistral-api-key', (v: string) => `MISTRAL_PROJECT_ID=${v}`],
    ['mistral-api-key', (v: string) => `const mistralModelVersion = "${v}";`],
    ['datadog-api-key', (v: string) => `DATADOG_ORG_ID=${v}`],
    ['wandb-api-key', (v: string) => `wandb_run_id: ${v}`],
    ['deepgram-api-key', (v: string) => `deepgramRequestId = "${v}"`],
    ['azure-openai-key', (v: string) => `AZURE_OPENAI_DEPLOYMENT_KEY_ID=${v}`],
    ['twilio-auth-token', (v: string) => `TWILIO_ACCOUNT_SID=${v}`],
    ['cloudflare-api-token', (v: string) => `CLOUDFLARE_ZONE_ID=${v}`],
    ['plaid-secret', (v: string) => `PLAID_CLIENT_ID=${v}`],
  ])('%s does not fire on %s', (ruleId, form) => {
    const text = form(secretOf(ruleId));
    expect(
      detect(text, builtinRules).map((m) => m.ruleId),
      text,
    ).not.toContain(ruleId);
  });
});

describe('client constructors', () => {
  it.each([
    ['mistral-api-key', 'Mistral'],
    ['cohere-api-key', 'Cohere'],
    ['together-legacy-api-key', 'Together'],
    ['deepgram-api-key', 'Deepgram'],
    ['wandb-api-key', 'Wandb'],
  ])('%s is found in %s client constructors', (ruleId, name) => {
    const value = secretOf(ruleId);
    for (const text of [
      `client = ${name}(api_key="${value}")`,
      `client = ${name}Client(api_key="${value}")`,
      `const client = new ${name}Client({ apiKey: "${value}" });`,
      `llm = Chat${name}(${name.toLowerCase()}_api_key="${value}")`,
    ]) {
      expect(
        detect(text, builtinRules).map((m) => m.ruleId),
        text,
      ).toContain(ruleId);
    }
  });
});

describe('provider groups', () => {
  const nested = (provider: string, value: string) => [
    `${provider}:\n  model: large\n  apiKey: "${value}"\n`,
    `[${provider}]\ntimeout = 30\napi_key = "${value}"\n`,
    `{\n  "${provider}": {\n    "apiKey": "${value}"\n  }\n}`,
  ];

  it.each([
    ['mistral-api-key', 'mistral'],
    ['cohere-api-key', 'cohere'],
    ['datadog-api-key', 'datadog'],
    ['deepgram-api-key', 'deepgram'],
    ['twilio-api-secret', 'twilio'],
    ['twilio-auth-token', 'twilio'],
    ['vercel-token-legacy', 'vercel'],
    ['okta-api-token', 'okta'],
    ['plaid-secret', 'plaid'],
    ['braintree-private-key', 'braintree'],
    ['paypal-client-secret', 'paypal'],
    ['cloudflare-api-token', 'cloudflare'],
  ])('%s is found under a %s group', (ruleId, provider) => {
    const value = secretOf(ruleId);
    for (const text of nested(provider, value)) {
      expect(
        detect(text, builtinRules).map((m) => m.ruleId),
        text,
      ).toContain(ruleId);
    }
  });

  it('does not reach into the next section', () => {
    const value = secretOf('mistral-api-key');
    expect(detect(`[mistral]\nmodel = "large"\n[cache]\nkey = "${value}"\n`, builtinRules)).toEqual([]);
  });
});
