// `whsec_` opens both Stripe's webhook secrets and those of the Standard Webhooks spec (OpenAI, Svix,
// Supabase...): each is labelled with its own provider, env var and revoke page.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { builtinRules } from '../../src/rules/index.js';
import { join, randomString } from '../../src/rules/fake.js';

const ruleOf = (text: string) => detect(text, builtinRules).map((m) => m.ruleId);

describe('webhook signing secrets', () => {
  it('Stripe forms (32 alphanumerics, 64 hex) are Stripe', () => {
    expect(ruleOf(`STRIPE_WEBHOOK_SECRET=${join('whsec_', randomString(31), 'Q')}`)).toEqual(['stripe-webhook-secret']);
    expect(ruleOf(`STRIPE_WEBHOOK_SECRET=${join('whsec_', randomString(63, 'hex'), 'a')}`)).toEqual(['stripe-webhook-secret']);
  });

  // A 24-byte key written without `+` or `/` has Stripe's shape: it stays labelled Stripe.
  it('base64 keys of 32 and 64 bytes are Standard Webhooks secrets, not Stripe', () => {
    for (const bytes of [32, 48, 64]) {
      const body = Buffer.from(randomString(bytes * 2, 'hex'), 'hex').toString('base64');
      expect(ruleOf(`const secret = '${join('whsec_', body)}';`), body).toEqual(['standard-webhooks-secret']);
    }
  });
});
