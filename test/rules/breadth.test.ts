// The long tail of providers (payments, crypto, commerce, messaging, work tools, observability,
// security, maps, social, media, CMS, search): each key is found where it is pasted, and the public
// identifiers, publishable keys, sandbox keys and near misses next to it are not reported.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { isContextRule } from '../../src/rules/build.js';
import { atlassianChecksum } from '../../src/rules/checksum.js';
import { commerceRules } from '../../src/rules/commerce.js';
import { dataApiRules } from '../../src/rules/dataApis.js';
import { join, randomString } from '../../src/rules/fake.js';
import { fintechRules } from '../../src/rules/fintech.js';
import { marketingRules } from '../../src/rules/marketing.js';
import { builtinRules } from '../../src/rules/index.js';
import { mediaRules } from '../../src/rules/media.js';
import { messagingRules } from '../../src/rules/messaging.js';
import { observabilityRules } from '../../src/rules/observability.js';
import { productivityRules } from '../../src/rules/productivity.js';
import { AN, an, hex } from '../../src/rules/shapes.js';
import { securityRules } from '../../src/rules/security.js';
import type { Rule } from '../../src/types.js';

const longTail: Rule[] = [
  ...fintechRules,
  ...commerceRules,
  ...messagingRules,
  ...productivityRules,
  ...observabilityRules,
  ...mediaRules,
  ...marketingRules,
  ...securityRules,
  ...dataApiRules,
];
const named = longTail.filter(isContextRule);
const ids = (text: string) => detect(text, builtinRules).map((m) => m.ruleId);
const camel = (env: string) => env.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The secret a rule finds in its own first positive example. */
function secretOf(rule: Rule): string {
  const text = rule.examples.positive()[0] as string;
  const match = detect(text, builtinRules).find((m) => m.ruleId === rule.id);
  if (!match) throw new Error(`rule ${rule.id} does not find its own example`);
  return match.secret;
}

describe('provider catalogue', () => {
  it('covers at least 400 providers', () => {
    expect(new Set(builtinRules.map((r) => r.provider)).size).toBeGreaterThanOrEqual(400);
  });
});

describe.each(named.map((r) => [r.id, r] as const))('named key %s', (_id, rule) => {
  it('is found in the usual places a key is pasted', () => {
    const value = secretOf(rule);
    const env = rule.envVar;
    for (const text of [
      `${env}=${value}`,
      `export ${env}="${value}"`,
      `  ${env.toLowerCase().replace(/_/g, '-')}: "${value}"`,
      `{ "${camel(env)}": "${value}" }`,
      `${camel(env)} := "${value}"`,
      `private static final String ${env} = "${value}";`,
      `os.environ["${env}"] = "${value}"`,
      `        - name: ${env}\n          value: "${value}"`,
    ]) {
      expect(ids(`// settings\n${text}\n`), text).toContain(rule.id);
    }
  });

  it('is not reported without a name, under an identifier name, or under the provider name alone', () => {
    const value = secretOf(rule);
    const env = rule.envVar;
    const provider = rule.provider.toUpperCase().replace(/-/g, '_');
    for (const text of [
      `const value = "${value}";`,
      value,
      `hash: ${value}`,
      `${env.replace(/_[A-Z]+$/, '')}_PROJECT_ID=${value}`,
      // The provider's name without a word that says credential: builds, releases, digests.
      `${provider}_BUILD=${value}`,
      `${rule.provider}_release: "${value}"`,
      `${rule.provider}:\n  revision: ${value}`,
      `${provider}_AUTHOR=${value}`,
    ]) {
      expect(ids(text), text).not.toContain(rule.id);
    }
  });
});

describe('public identifiers, publishable and sandbox keys', () => {
  const hex = (n: number) => randomString(n - 1, 'hex') + 'a';
  const uuid = () => [hex(8), hex(4), '4' + hex(3), '8' + hex(3), hex(12)].join('-');
  it.each([
    ['Radar publishable key', () => `RADAR_PUBLISHABLE_KEY=prj_live_pk_${hex(40)}`],
    ['Radar test secret key', () => `RADAR_SECRET_KEY=prj_test_sk_${hex(40)}`],
    ['PostHog project key', () => `POSTHOG_KEY=phc_${randomString(43)}`],
    ['Paystack public key', () => `PAYSTACK_PUBLIC_KEY=pk_live_${randomString(40, 'an')}`],
    ['Paystack test key', () => `PAYSTACK_SECRET_KEY=sk_test_${randomString(40, 'an')}`],
    ['Paddle sandbox key', () => `PADDLE_API_KEY=pdl_sdbx_apikey_${randomString(26, 'an')}_${randomString(22)}_${randomString(3)}`],
    ['Xendit development key', () => `XENDIT_SECRET_KEY=xnd_development_${randomString(62)}`],
    ['Xendit public key', () => `XENDIT_PUBLIC_KEY=xnd_public_production_${randomString(62)}`],
    ['Mollie test key', () => `MOLLIE_API_KEY=test_${randomString(30)}`],
    ['Midtrans sandbox key', () => `MIDTRANS_SERVER_KEY=SB-Mid-server-${randomString(24)}`],
    ['Persona sandbox key', () => `PERSONA_API_KEY=persona_sandbox_${randomString(40, 'an')}`],
    ['Courier test token', () => `COURIER_AUTH_TOKEN=pk_test_${randomString(28)}`],
    ['Lob publishable key', () => `LOB_PUBLISHABLE_KEY=live_pub_${hex(31)}`],
    ['Ramp client id', () => `RAMP_CLIENT_ID=ramp_id_${randomString(40)}`],
    ['Amazon LWA client id', () => `LWA_CLIENT_ID=amzn1.application-oa2-client.${hex(32)}`],
    ['Trello API key', () => `TRELLO_API_KEY=${hex(32)}`],
    ['DocuSign integration key', () => `DOCUSIGN_INTEGRATION_KEY=${uuid()}`],
    ['Amplitude API key', () => `AMPLITUDE_API_KEY=${hex(32)}`],
    ['Mixpanel project token', () => `MIXPANEL_TOKEN=${hex(32)}`],
    ['Rollbar client token', () => `ROLLBAR_CLIENT_TOKEN=${hex(32)}`],
    ['Pusher app key', () => `PUSHER_APP_KEY=${hex(20)}`],
    ['Storyblok public token', () => `STORYBLOK_PUBLIC_TOKEN=${randomString(22)}tt`],
    ['ImageKit public key', () => `IMAGEKIT_PUBLIC_KEY=public_${randomString(27, 'b64')}=`],
    ['Ghost content key', () => `GHOST_CONTENT_API_KEY=${hex(26)}`],
    ['Twilio-style account id under a provider name', () => `SIGNALWIRE_PROJECT_ID=${uuid()}`],
    ['Proof test keys', () => `PROOF_API_KEY=prf_test_${randomString(36)}\nPROOF_API_KEY=prf_cli_test_${randomString(36)}`],
    ['Rainforest sandbox key', () => `RAINFOREST_API_KEY=sbx_apikey_${hex(64)}`],
    ['hCaptcha test secret', () => `HCAPTCHA_SECRET_KEY=0x${'0'.repeat(40)}`],
    ['Disqus public API key', () => `DISQUS_PUBLIC_KEY=${randomString(64)}`],
    ['PolygonScan key', () => `POLYGONSCAN_API_KEY=${randomString(32)}`],
    ['Aikido client id', () => `AIKIDO_CLIENT_ID=AIK_CLIENT_${randomString(24)}`],
    ['Keen read key', () => `KEEN_READ_KEY=${randomString(64, 'HEX')}`],
    ['Looker client id', () => `LOOKERSDK_CLIENT_ID=${randomString(20)}`],
    [
      'a word that holds a provider name (meta, here, lob)',
      () => `METADATA_SECRET=${hex(32)}\nWHERE_API_KEY=${randomString(43, 'b64u')}\nBLOB_API_KEY=live_${hex(35)}`,
    ],
  ])('%s is not reported', (_name, make) => {
    const text = make();
    const found = detect(text, builtinRules).filter((m) => longTail.some((r) => r.id === m.ruleId));
    expect(found, text).toEqual([]);
  });
});

describe('near misses', () => {
  it('a Trello token with a wrong CRC is not a Trello token', () => {
    const head = join('ATTA', randomString(64, 'hex'));
    const valid = head + atlassianChecksum(head);
    expect(ids(`TRELLO_TOKEN=${valid}`)).toContain('trello-api-token');
    const broken = valid.slice(0, -1) + (valid.endsWith('A') ? 'B' : 'A');
    expect(ids(`TRELLO_TOKEN=${broken}`)).not.toContain('trello-api-token');
  });

  it.each([
    ['radar-secret-key', (n: number) => join('prj_live_sk_', randomString(n, 'hex'))],
    ['amazon-lwa-client-secret', (n: number) => join('amzn1.oa2-cs.v1.', randomString(n, 'hex'))],
    ['woocommerce-consumer-secret', (n: number) => join('cs_', randomString(n, 'hex'))],
    ['checkly-api-key', (n: number) => join('cu_', randomString(n, 'hex'))],
    ['nightfall-api-key', (n: number) => join('NF-', randomString(n))],
  ] as const)('%s one character too short or too long is not reported', (ruleId, make) => {
    const length = {
      'radar-secret-key': 40,
      'amazon-lwa-client-secret': 64,
      'woocommerce-consumer-secret': 40,
      'checkly-api-key': 32,
      'nightfall-api-key': 32,
    }[ruleId];
    expect(ids(`KEY=${make(length)}\n`)).toContain(ruleId);
    for (const n of [length - 1, length + 1]) expect(ids(`KEY=${make(n)}\n`)).not.toContain(ruleId);
  });

  it('a hex digest or a lower-case word behind a prefix is not a key', () => {
    for (const text of [
      `cs_${'deadbeef'.repeat(5)}`,
      `sl.${randomString(140, 'lower')}`,
      `pina_${randomString(40, 'lower')}`,
      `hcaik_${randomString(58, 'lower')}`,
    ]) {
      expect(ids(`${text}\n`), text).toEqual([]);
    }
  });
});

describe('examples drawn from a body', () => {
  it('always have the trait the body asks for, even when short (16 upper-case letters and digits)', () => {
    for (const body of [AN(16), an(14), hex(14)]) {
      for (let i = 0; i < 2000; i++) {
        const value = body.fake();
        expect(body.check(value), value).toBe(true);
      }
    }
  });
});
