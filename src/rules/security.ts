// Security platforms, threat intelligence, bot protection, network access and incident response beyond
// the providers in observability.ts. Formats from the providers' documentation and the peers' published
// rules (betterleaks, kingfisher). Site keys of CAPTCHA services are public and not reported.
import type { Rule } from '../types.js';
import { an, b62, hex, lit, named, prefixed, seq } from './shapes.js';

const saas = 'saas' as const;

const platforms: Rule[] = [
  prefixed(saas, {
    id: 'aikido-client-secret',
    provider: 'aikido',
    description: 'Aikido Security API client secret',
    envVar: 'AIKIDO_CLIENT_SECRET',
    revokeUrl: 'https://app.aikido.dev/settings/integrations/api',
    prefix: 'AIK_SECRET_',
    body: b62(64),
    negative: ['AIKIDO_CLIENT_ID=AIK_CLIENT_...'],
  }),
  named(saas, {
    id: 'crowdstrike-client-secret',
    provider: 'crowdstrike',
    description: 'CrowdStrike Falcon API client secret',
    envVar: 'FALCON_CLIENT_SECRET',
    revokeUrl: 'https://falcon.crowdstrike.com/api-clients-and-keys/clients',
    // The client id (32 hex) is paired with it; the secret is 40 letters and digits.
    name: '(?:crowdstrike|(?<![a-z])falcon)[\\w.:-]{0,20}?secret',
    keywords: ['crowdstrike', 'falcon'],
    body: b62(40),
  }),
  named(saas, {
    id: 'jupiterone-api-key',
    provider: 'jupiterone',
    description: 'JupiterOne API key',
    envVar: 'JUPITERONE_API_KEY',
    revokeUrl: 'https://docs.jupiterone.io/api/authentication',
    name: 'jupiter[_.-]?one',
    keywords: ['jupiterone', 'jupiter_one', 'jupiter-one', 'jupiter.one'],
    body: b62(76),
  }),
  named(saas, {
    id: 'sslmate-api-key',
    provider: 'sslmate',
    description: 'SSLMate API key',
    envVar: 'SSLMATE_API_KEY',
    revokeUrl: 'https://sslmate.com/account/api_credentials',
    body: b62(36),
  }),
];

const threatIntel: Rule[] = [
  named(saas, {
    id: 'ipqualityscore-api-key',
    provider: 'ipqualityscore',
    description: 'IPQualityScore API key',
    envVar: 'IPQS_API_KEY',
    revokeUrl: 'https://www.ipqualityscore.com/user/settings',
    name: 'ip[_.-]?quality(?:[_.-]?score)?|(?<![a-z])ipqs',
    keywords: ['ipquality', 'ip_quality', 'ip-quality', 'ip.quality', 'ipqs'],
    body: an(32),
  }),
  named(saas, {
    id: 'haveibeenpwned-api-key',
    provider: 'haveibeenpwned',
    description: 'Have I Been Pwned API key',
    envVar: 'HIBP_API_KEY',
    revokeUrl: 'https://haveibeenpwned.com/API/Key',
    name: '(?<![a-z])hibp|have[_.-]?i[_.-]?been[_.-]?pwned',
    keywords: ['hibp', 'haveibeenpwned', 'have_i_been_pwned', 'have-i-been-pwned', 'have.i.been.pwned'],
    body: hex(32),
  }),
  named(saas, {
    id: 'oopspam-api-key',
    provider: 'oopspam',
    description: 'OOPSpam anti-spam API key',
    envVar: 'OOPSPAM_API_KEY',
    revokeUrl: 'https://app.oopspam.com/Identity/Account/Manage',
    body: b62(40),
  }),
];

const accessAndResponse: Rule[] = [
  named(saas, {
    id: 'hcaptcha-secret-key',
    provider: 'hcaptcha',
    description: 'hCaptcha secret key',
    envVar: 'HCAPTCHA_SECRET_KEY',
    revokeUrl: 'https://dashboard.hcaptcha.com/settings/secrets',
    // `0x` and 40 hex digits; the documented test secret (all zeros) has no letters and is not reported.
    name: 'h[_.-]?captcha[\\w.:-]{0,20}?secret',
    keywords: ['hcaptcha', 'h_captcha', 'h-captcha', 'h.captcha'],
    body: seq(lit('0x'), hex(40)),
  }),
  prefixed(saas, {
    id: 'rootly-api-key',
    provider: 'rootly',
    description: 'Rootly API key',
    envVar: 'ROOTLY_API_KEY',
    revokeUrl: 'https://rootly.com/account/api_keys',
    prefix: 'rootly_',
    body: hex(64),
  }),
];

export const securityRules: Rule[] = [...platforms, ...threatIntel, ...accessAndResponse];
