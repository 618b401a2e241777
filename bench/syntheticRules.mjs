// A stand-in for a full rule set (~110 provider token rules and a few generic assignment rules), with
// keywords and regex shapes like those of real scanners, to measure the engine at scale independently
// of which rules have landed. Prefixes are split so that no token prefix sits whole in this file.

const PROVIDER_PREFIXES = [
  'gh' + 'p_', 'gh' + 'o_', 'gh' + 'u_', 'gh' + 's_', 'gh' + 'r_', 'github' + '_pat_', 'gl' + 'pat-', 'gl' + 'dt-', 'gl' + 'rt-', 'gl' + 'ptt-',
  'xo' + 'xb-', 'xo' + 'xp-', 'xo' + 'xa-', 'xo' + 'xr-', 'xo' + 'xe.', 'sk' + '_live_', 'rk' + '_live_', 'sk' + '_test_', 'wh' + 'sec_', 'sq0' + 'atp-',
  'sq0' + 'csp-', 'EA' + 'AA', 'sh' + 'pat_', 'sh' + 'pss_', 'sh' + 'pca_', 'sh' + 'ppa_', 'np' + 'm_', 'py' + 'pi-', 'SG' + '.', 'key' + '-',
  'do' + 'p_v1_', 'do' + 'o_v1_', 'do' + 'r_v1_', 'hv' + 's.', 'hv' + 'b.', 'atlas' + 'v1', 'pu' + 'l-', 'gl' + 'c_', 'gl' + 'sa_', 'dt0' + 'c01.',
  'sntr' + 'ys_', 'sntr' + 'yu_', 'lin' + '_api_', 'nt' + 'n_', 'fi' + 'gd_', 'da' + 'pi', 'op' + 's_', 'AK' + 'IA', 'AS' + 'IA', 'AB' + 'IA',
  'AC' + 'CA', 'AI' + 'za', 'GOC' + 'SPX-', 'ya' + '29.', 'gs' + 'k_', 'r8' + '_', 'hf' + '_', 'api' + '_org_', 'pp' + 'lx-', 'xa' + 'i-',
  'nv' + 'api-', 'sk-' + 'ant-api03-', 'sk-' + 'ant-admin01-', 'NR' + 'AK-', 'pk' + '_live_', 'rz' + 'p_live_', 'FLW' + 'SECK-', 'shippo' + '_live_',
  'xke' + 'ysib-', 'ml' + 'sn.', 're' + '_', 'ph' + 'c_', 'ph' + 'x_', 'fl' + 'y_', 'sb' + 'p_', 'psc' + 'ale_', 'AGE-SECRET' + '-KEY-1', 'dckr' + '_pat_',
  'CF' + 'PAT-', 'oc' + 'id', 'pat' + 'Yn', 'ATB' + 'B', 'ATA' + 'TT', 'ya' + 'ndex', 'AQ' + 'VN', 'ey' + 'J', 'tf' + 'p_', 'ctf' + 'p_', 'airtable', 'bu' + 'ildkite',
  'cir' + 'cleci', 'twilio', 'sendgrid', 'mailgun', 'mailchimp', 'telegram', 'discord', 'heroku', 'datadog', 'algolia', 'contentful', 'netlify', 'vercel',
  'supabase', 'cloudflare', 'okta', 'sentry', 'postman', 'PMAK' + '-', 'dsa' + 'pi', 'sl' + '.', 'fr' + 'eshdesk', 'zen' + 'desk', 'asana', 'notion',
];

export function syntheticRules() {
  const rules = PROVIDER_PREFIXES.map((prefix, i) => {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    const word = /^[a-z]+$/.test(prefix);
    // Word keywords (provider names) go with a key assignment near them, as real "keyword context" rules do.
    const regex = word
      ? new RegExp(`${escaped}[\\w.-]{0,20}[\\s'"]{0,3}(?:=|:|=>|:=)[\\s'"]{0,5}([a-z0-9]{32,45})\\b`, 'i')
      : new RegExp(`(?<![A-Za-z0-9_-])(${escaped}[A-Za-z0-9_-]{${16 + (i % 20)},${40 + (i % 60)}})(?![A-Za-z0-9_-])`);
    return rule(`synthetic-${i}`, regex, [prefix.toLowerCase()], { minEntropy: word ? 3.5 : undefined });
  });
  const generic = [
    rule('generic-password', /(?:password|passwd|pwd)["']?\s*[:=]\s*["']([^"'\s]{8,64})["']/i, ['password', 'passwd', 'pwd'], { minEntropy: 3 }),
    rule('generic-secret', /secret[\w.-]{0,20}["']?\s*[:=]\s*["']([^"'\s]{12,128})["']/i, ['secret'], { minEntropy: 3.5 }),
    rule('generic-token', /token[\w.-]{0,20}["']?\s*[:=]\s*["']([^"'\s]{16,256})["']/i, ['token'], { minEntropy: 3.5 }),
    rule('generic-api-key', /api[_-]?key[\w.-]{0,20}["']?\s*[:=]\s*["']([^"'\s]{16,128})["']/i, ['api_key', 'apikey', 'api-key'], { minEntropy: 3.5 }),
    rule('private-key', /-----BEGIN[ A-Z]*PRIVATE KEY-----[\s\S]{64,8192}?-----END[ A-Z]*PRIVATE KEY-----/, ['-----begin'], { multiline: true }),
    rule('connection-string', /\b(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|amqp):\/\/[^:\s/]+:([^@\s]{6,})@/, ['postgres', 'mysql', 'mongodb', 'redis', 'amqp']),
  ];
  return [...rules, ...generic];
}

function rule(id, regex, keywords, extra = {}) {
  return {
    id,
    description: id,
    category: 'generic',
    provider: 'synthetic',
    regex,
    keywords,
    envVar: 'SYNTHETIC_KEY',
    examples: { positive: () => [], negative: [] },
    ...extra,
  };
}
