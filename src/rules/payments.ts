// Payments and commerce: Stripe, Square, PayPal/Braintree, Shopify and friends. Publishable keys
// (`pk_live_…`, Braintree tokenization keys) are public by design and are not reported. Stripe test-mode
// keys (`sk_test_…`) reach only test data and fill tutorials and docs; Stripe itself asks scanners for
// live keys only, so test-mode keys are not reported either.
import type { Rule } from '../types.js';
import { context, mixesCases, mixesDigitsAndLetters, token } from './build.js';
import { join, randomString, randomUnit } from './fake.js';

const payments = { category: 'payments' as const };
const STRIPE_REVOKE = 'https://dashboard.stripe.com/apikeys';

/** Modern Stripe keys: `5` + account-id tail + 72 + `00` + 8; legacy ones have a 24-char body. */
const fakeStripeBody = (modern: boolean) =>
  modern ? join('51', randomString(15), randomString(72), '00', randomString(8)) : randomString(24);

const stripeRules: Rule[] = [
  ...(
    [
      ['sk', 'live', 'stripe-secret-key', 'Stripe live secret key', 'STRIPE_SECRET_KEY'],
      ['rk', 'live', 'stripe-restricted-key', 'Stripe live restricted key', 'STRIPE_RESTRICTED_KEY'],
    ] as const
  ).map(([kind, mode, id, description, envVar]) =>
    token({
      ...payments,
      id,
      description,
      provider: 'stripe',
      envVar,
      revokeUrl: STRIPE_REVOKE,
      pattern: `${kind}_${mode}_[A-Za-z0-9]{20,247}`,
      keywords: [`${kind}_${mode}_`],
      minEntropy: 3.5,
      check: (key) => mixesCases(key.slice(8)),
      fake: () => join(kind, `_${mode}_`, fakeStripeBody(kind === 'rk' || randomUnit() < 0.5)),
      contexts: (key) => [`${envVar}=${key}`, `stripe.api_key = "${key}"`, `const stripe = require('stripe')('${key}');`],
      negative: [
        `${envVar}=${kind}_${mode}_...`,
        `${envVar}=${kind}_${mode}_xxxxxxxxxxxxxxxxxxxxxxxx`,
        `${envVar}=${kind}_${mode}_YOUR_STRIPE_SECRET_KEY`,
        'STRIPE_PUBLISHABLE_KEY=pk_live_51AbCdEfGhIjKlMnOpQrStUvWx',
        `${envVar}=${kind}_test_51AbCdEfGhIjKlMnOpQrStUvWx`,
      ],
    }),
  ),
  token({
    ...payments,
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret',
    provider: 'stripe',
    envVar: 'STRIPE_WEBHOOK_SECRET',
    revokeUrl: 'https://dashboard.stripe.com/webhooks',
    // Stripe's own forms: 32 alphanumerics (Dashboard) or 64 hex (Stripe CLI). Base64 bodies are the
    // Standard Webhooks form below.
    pattern: 'whsec_(?:[A-Za-z0-9]{32}|[a-f0-9]{64})',
    after: '(?![A-Za-z0-9_+/=-])',
    keywords: ['whsec_'],
    minEntropy: 3.5,
    check: (s) => mixesCases(s.slice(6)) || /^[a-f0-9]{64}$/.test(s.slice(6)),
    fake: () => join('whsec_', randomString(32)),
    negative: ['STRIPE_WEBHOOK_SECRET=whsec_...'],
  }),
  token({
    category: 'saas',
    id: 'standard-webhooks-secret',
    description: 'Standard Webhooks signing secret (OpenAI, Svix, Supabase, Resend...)',
    provider: 'standardwebhooks',
    envVar: 'WEBHOOK_SECRET',
    // No single console: the secret is rotated where the webhook endpoint was created (the spec says how).
    revokeUrl: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md',
    // `whsec_` and the base64 of a 24- to 64-byte key.
    pattern: 'whsec_[A-Za-z0-9+/]{32,86}={0,2}',
    after: '(?![A-Za-z0-9_+/=-])',
    keywords: ['whsec_'],
    minEntropy: 3.5,
    check: (s) => {
      const body = s.slice(6);
      const bytes = Buffer.from(body, 'base64').length;
      return body.length % 4 === 0 && bytes >= 24 && bytes <= 64 && mixesCases(body);
    },
    fake: () => join('whsec_', randomString(43, 'b64'), '='),
    contexts: (key) => [`OPENAI_WEBHOOK_SECRET=${key}`, `const wh = new Webhook("${key}");`, `  webhookSecret: '${key}',`],
    negative: ['OPENAI_WEBHOOK_SECRET=whsec_...', 'WEBHOOK_SECRET=whsec_<your-signing-secret>'],
  }),
];

const squareRules: Rule[] = [
  token({
    ...payments,
    id: 'square-access-token',
    description: 'Square access token',
    provider: 'square',
    envVar: 'SQUARE_ACCESS_TOKEN',
    revokeUrl: 'https://developer.squareup.com/apps',
    pattern: '(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})',
    keywords: ['eaaa', 'sq0atp-'],
    minEntropy: 3.5,
    check: mixesCases,
    fake: () => join('EAAA', 'E', randomString(59, 'b64u')),
    negative: ['SQUARE_ACCESS_TOKEN=EAAA...'],
  }),
  token({
    ...payments,
    id: 'square-application-secret',
    description: 'Square application secret',
    provider: 'square',
    envVar: 'SQUARE_APPLICATION_SECRET',
    revokeUrl: 'https://developer.squareup.com/apps',
    pattern: 'sq0csp-[A-Za-z0-9_-]{43}',
    keywords: ['sq0csp-'],
    fake: () => join('sq0csp-', randomString(43, 'b64u')),
    negative: ['SQUARE_APPLICATION_SECRET=sq0csp-...'],
  }),
];

const paypalRules: Rule[] = [
  token({
    ...payments,
    id: 'braintree-access-token',
    description: 'PayPal / Braintree access token',
    provider: 'braintree',
    envVar: 'BRAINTREE_ACCESS_TOKEN',
    revokeUrl: 'https://www.braintreegateway.com/login',
    pattern: 'access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}',
    keywords: ['access_token$'],
    allowPlaceholderLike: true,
    fake: () => join('access_token$', 'production$', randomString(16, 'an'), '$', randomString(32, 'hex')),
    negative: ['BRAINTREE_ACCESS_TOKEN=access_token$production$...'],
  }),
  context({
    ...payments,
    id: 'braintree-private-key',
    description: 'Braintree private key',
    provider: 'braintree',
    envVar: 'BRAINTREE_PRIVATE_KEY',
    revokeUrl: 'https://www.braintreegateway.com/login',
    context: 'braintree',
    value: '[a-f0-9]{32}',
    keywords: ['braintree'],
    check: mixesDigitsAndLetters,
    fake: () => randomString(32, 'hex'),
    negative: ['BRAINTREE_PUBLIC_KEY=abcd1234'],
  }),
  context({
    ...payments,
    id: 'paypal-client-secret',
    description: 'PayPal REST client secret',
    provider: 'paypal',
    envVar: 'PAYPAL_CLIENT_SECRET',
    revokeUrl: 'https://developer.paypal.com/dashboard/applications',
    context: 'paypal',
    value: 'E[A-Za-z0-9_-]{60,90}',
    keywords: ['paypal'],
    minEntropy: 4,
    check: mixesCases,
    fake: () => join('E', randomString(79, 'b64u')),
    negative: ['PAYPAL_CLIENT_SECRET=your-paypal-client-secret'],
  }),
];

const shopifyRules: Rule[] = (
  [
    ['shpat_', 'shopify-access-token', 'Shopify Admin API access token', 'SHOPIFY_ACCESS_TOKEN'],
    ['shpca_', 'shopify-custom-app-token', 'Shopify custom app access token', 'SHOPIFY_ACCESS_TOKEN'],
    ['shppa_', 'shopify-private-app-token', 'Shopify private app password', 'SHOPIFY_ACCESS_TOKEN'],
    ['shpss_', 'shopify-shared-secret', 'Shopify app shared secret', 'SHOPIFY_API_SECRET'],
  ] as const
).map(([prefix, id, description, envVar]) =>
  token({
    ...payments,
    id,
    description,
    provider: 'shopify',
    envVar,
    revokeUrl: 'https://admin.shopify.com/settings/apps/development',
    pattern: `${prefix}[a-fA-F0-9]{32}`,
    keywords: [prefix],
    check: mixesDigitsAndLetters,
    fake: () => join(prefix, randomString(32, 'hex')),
    negative: [`${envVar}=${prefix}...`, `${envVar}=${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`],
  }),
);

const otherRules: Rule[] = [
  token({
    ...payments,
    id: 'plaid-access-token',
    description: 'Plaid access token',
    provider: 'plaid',
    envVar: 'PLAID_ACCESS_TOKEN',
    revokeUrl: 'https://dashboard.plaid.com/developers/keys',
    pattern: 'access-(?:sandbox|development|production)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}',
    keywords: ['access-sandbox-', 'access-development-', 'access-production-'],
    fake: () =>
      join(
        'access-',
        'production-',
        randomString(8, 'hex'),
        '-',
        randomString(4, 'hex'),
        '-',
        randomString(4, 'hex'),
        '-',
        randomString(4, 'hex'),
        '-',
        randomString(12, 'hex'),
      ),
    negative: ['PLAID_ACCESS_TOKEN=access-sandbox-...'],
  }),
  context({
    ...payments,
    id: 'plaid-secret',
    description: 'Plaid API secret',
    provider: 'plaid',
    envVar: 'PLAID_SECRET',
    revokeUrl: 'https://dashboard.plaid.com/developers/keys',
    context: 'plaid',
    value: '[a-f0-9]{30}',
    keywords: ['plaid'],
    check: mixesDigitsAndLetters,
    fake: () => randomString(30, 'hex'),
    negative: ['PLAID_SECRET=your-plaid-secret'],
  }),
  token({
    ...payments,
    id: 'flutterwave-secret-key',
    description: 'Flutterwave secret key',
    provider: 'flutterwave',
    envVar: 'FLW_SECRET_KEY',
    revokeUrl: 'https://app.flutterwave.com/dashboard/settings/apis',
    pattern: 'FLWSECK(?:_TEST)?-[a-fA-F0-9]{32}-X',
    keywords: ['flwseck'],
    fake: () => join('FLWSECK', '-', randomString(32, 'hex'), '-X'),
    negative: ['FLW_SECRET_KEY=FLWSECK-...'],
  }),
  token({
    ...payments,
    id: 'razorpay-key-secret',
    description: 'Razorpay key secret',
    provider: 'razorpay',
    envVar: 'RAZORPAY_KEY_SECRET',
    revokeUrl: 'https://dashboard.razorpay.com/app/website-app-settings/api-keys',
    pattern: '[A-Za-z0-9]{24}',
    before: 'razorpay[\\w.-]{0,10}?(?:key_?)?secret["\'`\\]]{0,2}[ \\t]{0,4}[=:][ \\t]{0,4}["\'`]?',
    flags: 'i',
    keywords: ['razorpay'],
    minEntropy: 3.5,
    check: mixesCases,
    fake: () => randomString(24),
    negative: ['RAZORPAY_KEY_ID=rzp_live_abcdefghijklmn'],
  }),
];

export const paymentRules: Rule[] = [...stripeRules, ...squareRules, ...paypalRules, ...shopifyRules, ...otherRules];
