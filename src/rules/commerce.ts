// Commerce platforms, marketplaces, tax and shipping APIs (Shopify, Shippo and EasyPost live in
// payments.ts and saas.ts). Consumer keys and client ids that only name an app are not reported.
import type { Rule } from '../types.js';
import { b62, b64u, either, hex, lit, named, prefixed, seq } from './shapes.js';

const pay = 'payments' as const;
const saas = 'saas' as const;

export const commerceRules: Rule[] = [
  // WooCommerce REST API keys: consumer key `ck_` + 40 hex (paired), consumer secret `cs_` + 40 hex.
  prefixed(pay, {
    id: 'woocommerce-consumer-secret',
    provider: 'woocommerce',
    description: 'WooCommerce REST API consumer secret',
    envVar: 'WOOCOMMERCE_CONSUMER_SECRET',
    revokeUrl: 'https://woocommerce.com/document/woocommerce-rest-api/',
    prefix: 'cs_',
    body: hex(40),
    negative: ['WOOCOMMERCE_CONSUMER_KEY=ck_...'],
  }),
  prefixed(pay, {
    id: 'amazon-lwa-client-secret',
    provider: 'amazon',
    description: 'Login with Amazon (Selling Partner / Ads API) client secret',
    envVar: 'LWA_CLIENT_SECRET',
    revokeUrl: 'https://developer.amazon.com/loginwithamazon/console/site/lwa/overview.html',
    prefix: 'amzn1.oa2-cs.v1.',
    body: hex(64),
    negative: ['LWA_CLIENT_ID=amzn1.application-oa2-client.0000'],
  }),
  named(pay, {
    id: 'etsy-api-key',
    provider: 'etsy',
    description: 'Etsy Open API keystring and shared secret',
    envVar: 'ETSY_API_KEY',
    revokeUrl: 'https://www.etsy.com/developers/your-apps',
    name: 'etsy',
    body: seq(b62(24), lit(':'), b62([10, 64])),
  }),
  named(pay, {
    id: 'ebay-client-secret',
    provider: 'ebay',
    description: 'eBay production client secret (Cert ID)',
    envVar: 'EBAY_CLIENT_SECRET',
    revokeUrl: 'https://developer.ebay.com/my/keys',
    body: seq(lit('PRD-'), hex(8), lit('-'), hex(4), lit('-'), hex(4), lit('-'), hex(4), lit('-'), {
      pattern: '[a-f0-9]{4,12}',
      fake: () => hex(4).fake(),
      check: () => true,
    }),
  }),
  named(pay, {
    id: 'gumroad-access-token',
    provider: 'gumroad',
    description: 'Gumroad access token',
    envVar: 'GUMROAD_ACCESS_TOKEN',
    revokeUrl: 'https://app.gumroad.com/settings/advanced',
    body: either(hex(64), b64u(43)),
  }),
  named(pay, {
    id: 'snipcart-secret-key',
    provider: 'snipcart',
    description: 'Snipcart secret API key',
    envVar: 'SNIPCART_SECRET_KEY',
    revokeUrl: 'https://app.snipcart.com/dashboard/account/credentials',
    name: 'snipcart[\\w.:-]{0,20}?secret',
    keywords: ['snipcart'],
    body: { pattern: '[A-Za-z0-9_]{75}', fake: () => b62(75).fake(), check: b62(75).check },
  }),
  named(pay, {
    id: 'taxjar-api-token',
    provider: 'taxjar',
    description: 'TaxJar API token',
    envVar: 'TAXJAR_API_KEY',
    revokeUrl: 'https://app.taxjar.com/account#api-access',
    body: hex(32),
  }),
  prefixed(saas, {
    id: 'flexport-api-token',
    provider: 'flexport',
    description: 'Flexport API token',
    envVar: 'FLEXPORT_API_KEY',
    revokeUrl: 'https://developers.flexport.com/',
    prefix: 'shltm_',
    body: b64u(40),
  }),
  named(saas, {
    id: 'lob-api-key',
    provider: 'lob',
    description: 'Lob live secret API key',
    envVar: 'LOB_API_KEY',
    revokeUrl: 'https://dashboard.lob.com/settings/api-keys',
    name: '(?<![a-z])lob',
    keywords: ['lob'],
    body: seq(lit('live_'), hex(35)),
    negative: ['LOB_PUBLISHABLE_KEY=live_pub_0000000000000000000000000000000'],
  }),
];
