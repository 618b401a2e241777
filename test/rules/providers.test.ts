// Provider breadth: the catalogue covers many providers, and keys that share a prefix or a shape are
// told apart by what makes each one its provider's (a name nearby, a decoded payload, a checksum).
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { fakeJwt, join, randomBase64, randomString } from '../../src/rules/fake.js';
import { builtinRules, providerRules } from '../../src/rules/index.js';
import { fakeNkeySeed, isValidNkeySeed } from '../../src/rules/nkeys.js';

const ids = (text: string) => detect(text, builtinRules).map((m) => m.ruleId);
const providerIds = (text: string) => detect(text, providerRules).map((m) => m.ruleId);
const uuid = () =>
  [
    randomString(8, 'hex'),
    randomString(4, 'hex'),
    '4' + randomString(3, 'hex'),
    '9' + randomString(3, 'hex'),
    randomString(12, 'hex'),
  ].join('-');

describe('catalogue breadth', () => {
  it('names at least 300 providers', () => {
    expect(new Set(builtinRules.map((r) => r.provider)).size).toBeGreaterThanOrEqual(300);
  });
});

describe('Anthropic key versions', () => {
  it('finds API and admin keys of any two-digit version, and claude.ai session keys', () => {
    const body = () => randomString(93, 'b64u') + 'AA';
    expect(ids(`ANTHROPIC_API_KEY=${join('sk-ant-', 'api04-', body())}`)).toEqual(['anthropic-api-key']);
    expect(ids(`ANTHROPIC_ADMIN_KEY=${join('sk-ant-', 'admin02-', body())}`)).toEqual(['anthropic-admin-key']);
    expect(ids(`CLAUDE_SESSION_KEY=${join('sk-ant-', 'sid01-', body())}`)).toEqual(['anthropic-session-key']);
  });
});

describe('keys that share a prefix', () => {
  it('a Vercel AI Gateway key is not a Vercel account token and names its own env var', () => {
    const found = detect(`AI_GATEWAY_API_KEY=${join('vck_', randomString(56, 'b64u'))}`, builtinRules);
    expect(found.map((m) => m.ruleId)).toEqual(['vercel-ai-gateway-key']);
    expect(builtinRules.find((r) => r.id === 'vercel-ai-gateway-key')?.envVar).toBe('AI_GATEWAY_API_KEY');
  });

  it('an sk_live_ key next to Clerk is Clerk’s; alone it stays Stripe’s', () => {
    const key = join('sk_', 'live_', randomString(42));
    expect(ids(`CLERK_SECRET_KEY=${key}`)).toEqual(['clerk-secret-key']);
    expect(ids(`STRIPE_SECRET_KEY=${key}`)).toEqual(['stripe-secret-key']);
  });

  it('a WorkOS key is recognised by its wrapped key id and WorkOS’s name', () => {
    const key = join(
      'sk_',
      'live_',
      Buffer.from(`key_01${randomString(24, 'AN')},${randomString(30)}`)
        .toString('base64')
        .replace(/=+$/, ''),
    );
    expect(ids(`WORKOS_API_KEY=${key}`)).toEqual(['workos-api-key']);
  });

  it('sk- keys of Stability, Moonshot and Braintrust are told apart by their names', () => {
    const key = join('sk-', randomString(48));
    expect(ids(`STABILITY_API_KEY=${key}`)).toEqual(['stability-api-key']);
    expect(ids(`MOONSHOT_API_KEY=${key}`)).toEqual(['moonshot-api-key']);
    expect(ids(`BRAINTRUST_API_KEY=${key}`)).toEqual(['braintrust-api-key']);
    expect(providerIds(`const value = "${key}";`)).toEqual([]);
  });

  it('key_ + 64 hex is Cursor’s only next to Cursor’s name; key_ + 128 hex is Runway’s', () => {
    const cursor = join('key_', randomString(64, 'hex'));
    expect(ids(`CURSOR_API_KEY=${cursor}`)).toEqual(['cursor-api-key']);
    expect(providerIds(`cache_id = "${cursor}"`)).toEqual([]);
    expect(ids(`RUNWAYML_API_SECRET=${join('key_', randomString(128, 'hex'))}`)).toEqual(['runway-api-secret']);
  });

  it('a Redirect.Pizza rpa_ token is not a RunPod key', () => {
    expect(providerIds(`TOKEN=${join('rpa_', randomString(30))}`)).toEqual([]);
    expect(ids(`RUNPOD_API_KEY=${join('rpa_', randomString(40, 'AN'), randomString(6))}`)).toEqual(['runpod-api-key']);
  });
});

describe('keys with a structure that is checked', () => {
  it('Devin apk_ keys must wrap an org (and user) id', () => {
    const service = join('apk_', Buffer.from(`org-${randomString(32, 'hex')}:${randomString(32, 'hex')}`).toString('base64'));
    expect(ids(`DEVIN_API_KEY=${service}`)).toEqual(['devin-service-api-key']);
    expect(providerIds(`DEVIN_API_KEY=${join('apk_', randomBase64(66))}`)).toEqual([]);
  });

  it('a Cloudflare tunnel token must decode to an account tag, tunnel id and secret', () => {
    const token = Buffer.from(JSON.stringify({ a: randomString(32, 'hex'), t: uuid(), s: randomBase64(32) })).toString('base64');
    expect(ids(`TUNNEL_TOKEN=${token}`)).toEqual(['cloudflare-tunnel-token']);
    const other = Buffer.from(JSON.stringify({ a: 'public', t: uuid(), s: randomBase64(32) })).toString('base64');
    expect(providerIds(`TUNNEL_TOKEN=${other}`)).toEqual([]);
  });

  it('a Temporal Cloud key is a JWT issued by temporal.io; another JWT is not', () => {
    const key = fakeJwt(
      { account_id: 'a1b2c', aud: ['temporal.io'], iss: 'temporal.io', key_id: randomString(32, 'an'), sub: randomString(32, 'hex') },
      { alg: 'ES256', kid: 'Ab12Cd' },
    );
    expect(ids(`TEMPORAL_API_KEY=${key}`)).toContain('temporal-cloud-api-key');
    expect(providerIds(`TEMPORAL_API_KEY=${fakeJwt({ iss: 'acme', sub: 'x' })}`)).not.toContain('temporal-cloud-api-key');
  });

  it('NATS nkey seeds carry a CRC-16: a flipped character or a wrong type is not a seed', () => {
    for (const type of ['U', 'A', 'O', 'N'] as const) {
      const seed = fakeNkeySeed(type);
      expect(isValidNkeySeed(seed)).toBe(true);
      expect(ids(`NATS_NKEY_SEED=${seed}`)).toEqual(['nats-nkey-seed']);
    }
    const seed = fakeNkeySeed('U');
    const flipped = seed.slice(0, 20) + (seed[20] === 'A' ? 'B' : 'A') + seed.slice(21);
    expect(providerIds(`NATS_NKEY_SEED=${flipped}`)).toEqual([]);
  });

  it('a JWK private member counts only inside a key of the right type', () => {
    const d = randomString(43, 'b64u');
    expect(ids(`{"kty":"EC","crv":"P-256","x":"${randomString(43, 'b64u')}","y":"${randomString(43, 'b64u')}","d":"${d}"}`)).toContain(
      'jwk-private-key',
    );
    expect(ids(`{"kty":"oct","k":"${d}"}`)).toContain('jwk-private-key');
    expect(providerIds(`{"kty":"EC","k":"${d}"}`)).not.toContain('jwk-private-key');
    expect(providerIds(`{"d":"${d}","name":"not a key"}`)).not.toContain('jwk-private-key');
  });

  it('an Elasticsearch API key must decode to id:key', () => {
    const key = Buffer.from(`${randomString(20, 'b64u')}:${randomString(22, 'b64u')}`).toString('base64');
    expect(ids(`curl -H "Authorization: ApiKey ${key}" https://es.acme.internal:9200`)).toContain('elasticsearch-api-key');
    expect(providerIds(`curl -H "Authorization: ApiKey ${randomBase64(43)}" https://es.acme.internal:9200`)).not.toContain(
      'elasticsearch-api-key',
    );
  });
});

describe('keys whose shape alone is not enough', () => {
  it('a WireGuard key counts in a WireGuard configuration, a shared key name included', () => {
    const key = randomBase64(32);
    expect(providerIds(`[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = ${key}`)).toEqual(['wireguard-private-key']);
    expect(providerIds(`[Peer]\nPresharedKey = ${key}\nAllowedIPs = 10.8.0.0/24`)).toEqual(['wireguard-private-key']);
    expect(providerIds(`WG_PRESHARED_KEY=${key}`)).toEqual(['wireguard-private-key']);
    expect(providerIds(`const privateKey = "${key}";`)).not.toContain('wireguard-private-key');
    // 32 bytes end in one of 16 base64 digits before the padding; other 44-character values are not keys.
    expect(providerIds(`[Interface]\nPrivateKey = ${key.slice(0, 42)}B=`)).toEqual([]);
  });

  it('a RapidAPI key carries its markers; 50 hex digits do not', () => {
    const key = join(randomString(10, 'hex'), 'msh', randomString(15, 'hex'), 'p1', randomString(5, 'hex'), 'jsn', randomString(12, 'hex'));
    expect(providerIds(`headers: { 'X-RapidAPI-Key': '${key}' }`)).toEqual(['rapidapi-key']);
    expect(providerIds(`RAPIDAPI_KEY=${randomString(50, 'hex')}`)).not.toContain('rapidapi-key');
  });

  it('a Proxmox token reports its UUID, not the user and token name before it', () => {
    const secret = uuid();
    const found = detect(`Authorization: PVEAPIToken=ci@pve!deploy=${secret}`, providerRules);
    expect(found.map((m) => [m.ruleId, m.secret])).toEqual([['proxmox-api-token', secret]]);
  });

  it('a Home Assistant token is a JWT issued by a refresh-token id; other JWTs under its name are not', () => {
    expect(providerIds(`HASS_TOKEN=${fakeJwt({ iss: randomString(32, 'hex'), iat: 1735689600, exp: 2051049600 })}`)).toEqual([
      'home-assistant-token',
    ]);
    expect(providerIds(`HASS_TOKEN=${fakeJwt({ iss: 'https://auth.acme.example', sub: 'svc' })}`)).not.toContain('home-assistant-token');
  });

  it('a cPanel token is found in its Authorization scheme, the user name left out', () => {
    const token = randomString(32, 'AN');
    const found = detect(`curl -H "Authorization: cpanel acme:${token}" https://host.acme.com:2083/execute/Email/list_pops`, providerRules);
    expect(found.map((m) => [m.ruleId, m.secret])).toEqual([['cpanel-api-token', token]]);
  });

  it('a lower-case digest under a Quay name is not a robot token', () => {
    expect(providerIds(`QUAY_ROBOT_TOKEN=${randomString(64, 'AN')}`)).toEqual(['quay-robot-token']);
    expect(providerIds(`quay_image_token = "${randomString(64, 'hex')}"`)).toEqual([]);
  });
});

describe('identifiers and public keys stay quiet', () => {
  it.each([
    () => `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_${Buffer.from('clerk.acme.example$').toString('base64').replace(/=+$/, '')}`,
    () => `LAUNCHDARKLY_MOBILE_KEY=mob-${uuid()}`,
    () => `DEVCYCLE_CLIENT_SDK_KEY=dvc_client_${randomString(32)}`,
    () => `NEXT_PUBLIC_STATSIG_CLIENT_KEY=client-${randomString(43)}`,
    () => `PERSONA_API_KEY=persona_sandbox_${randomString(36, 'b64u')}`,
    () => `STYTCH_SECRET=secret-test-${randomString(35, 'b64u')}=`,
    () => `MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_${randomString(24, 'hex')}`,
    () => `RAILWAY_PROJECT_ID=${uuid()}`,
    () => `CYPRESS_PROJECT_ID=${uuid()}`,
    () => `PINECONE_PROJECT_ID=${uuid()}`,
  ])('%s', (make) => {
    const text = make();
    expect(providerIds(text), text).toEqual([]);
  });
});
