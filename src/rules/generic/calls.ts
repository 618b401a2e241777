// A secret passed to a setter or a constructor whose name says what it is: `ks.setPassword("...")`,
// `client.SetAuthToken("...")`, `withApiKey("...")`, `new OAuth2AccessToken("...")`,
// `new SecretKeySpec("...".getBytes(), "AES")`, `setCipherKey(Base64.decode("..."))`. Getters and
// checks (`getToken("github")`, `verifyPassword(input)`) take a name or an input, not a secret: only
// setters and constructors count.
import type { MatchContext, Rule } from '../../types.js';
import { PASSWORD_CHECK, TOKEN_CHECK, isPlaceholder } from '../filters.js';
import { isDocumentationExample } from '../../detect/published.js';
import { secretNameKind } from '../../detect/secretNames.js';
import { looksLikeUnclaimedSecret } from '../providerClaims.js';
import { randomString } from '../fake.js';

const DECODER = `(?:Base64\\.(?:getDecoder\\(\\)\\.)?decode|base64Decode|base64\\.b64decode|b64decode|hex\\.DecodeString|unhexlify|Hex\\.decodeHex|Convert\\.FromBase64String)\\([ \\t]*`;
// The method or class, then `(`, an optional decoder call, and a string literal as the first argument.
// The look-ahead holds the first letters either can start with: V8 then rejects most positions on
// one character instead of trying both look-behinds there.
const callRegex = new RegExp(
  `(?=[A-Zswup])(?:(?<=\\bnew[ \\t]{1,4})(?<type>[A-Z][\\w.]{0,60})|(?<![\\w$])(?<method>(?:[Ss]et|[Ww]ith|[Uu]se|[Pp]ut|[Uu]pdate|[Ss]tore|[Ss]ave)_?[A-Z]\\w{0,60}))` +
    `[ \\t]*\\([ \\t]*(?:${DECODER})?(?<q>["'\`])(?<secret>[^"'\`\\\\\\s]{1,1024})\\k<q>`,
);

function validateCall(secret: string, context: MatchContext): boolean {
  const groups = context.groups ?? {};
  const name = groups.method ? groups.method.replace(/^(?:set|with|use|put|update|store|save)_?/i, '') : (groups.type ?? '');
  // `SecretKeySpec`, `KeySpec`: a key made from the bytes that follow.
  const kind = /KeySpec$/.test(name) ? 'token' : secretNameKind(name);
  if (!kind) return false;
  return looksLikeUnclaimedSecret(secret, kind === 'password' ? PASSWORD_CHECK : TOKEN_CHECK);
}

export const setterCallRule: Rule = {
  id: 'generic-secret-call',
  description: 'Hard-coded secret passed to a setter or constructor',
  category: 'generic',
  provider: 'generic',
  regex: callRegex,
  keywords: ['pass', 'pw', 'secret', 'token', 'key', 'auth', 'cred'],
  envVar: 'SECRET',
  validate: validateCall,
  examples: {
    positive: () => {
      const key = randomString(31, 'b62') + '7';
      return [
        `ksFactory.setPassword("${key}");`,
        `client.SetAuthToken("${key}")`,
        `cookieRememberMeManager.setCipherKey(Base64.decode("${key}"));`,
        `final OAuth2AccessToken accessToken = new OAuth2AccessToken("${key}");`,
        `SecretKeySpec spec = new SecretKeySpec("${key}".getBytes(), "AES");`,
        `builder.withApiKey('${key}')`,
      ];
    },
    negative: [
      'String token = config.getToken("github");',
      'if (verifyPassword("hunter2-and-more")) {}',
      'ks.setPassword(System.getenv("KEYSTORE_PASSWORD"));',
      'client.setApiKey("YOUR_API_KEY");',
      'form.setPasswordLabel("Your password here");',
      'new TokenizerConfig("bert-base-uncased")',
    ],
  },
};

// A TOTP/HOTP seed given to a one-time-password generator: `ROTP::TOTP.new('...')`, `pyotp.TOTP('...')`,
// `new Totp("...")`. The seed is base32 (RFC 4648) of 10 bytes or more; whoever holds it makes the codes.
const otpRegex = /(?<![\w$])(?:ROTP::)?(?:[TH]OTP|[TH]otp)(?:\.new)?[ \t]*\(?[ \t]*(?<q>["'])(?<secret>[A-Za-z2-7]{16,128}={0,6})\k<q>/;

function validateOtpSeed(secret: string): boolean {
  const body = secret.replace(/=+$/, '');
  return /^(?:[A-Z2-7]+|[a-z2-7]+)$/.test(body) && new Set(body).size >= 8 && !isDocumentationExample(body) && !isPlaceholder(body);
}

export const otpSeedRule: Rule = {
  id: 'generic-otp-seed',
  description: 'Hard-coded one-time-password (TOTP/HOTP) seed',
  category: 'generic',
  provider: 'generic',
  regex: otpRegex,
  keywords: ['totp', 'hotp'],
  envVar: 'OTP_SECRET',
  validate: validateOtpSeed,
  examples: {
    positive: () => {
      const seed = randomString(32, 'B32');
      return [`otp = ROTP::TOTP.new('${seed}', issuer: 'Acme')`, `totp = pyotp.TOTP("${seed}")`, `let(:hotp) { ROTP::HOTP.new '${seed}' }`];
    },
    negative: [
      'totp = pyotp.TOTP(os.environ["OTP_SECRET"])',
      "otp = ROTP::TOTP.new('JBSWY3DPEHPK3PXP')",
      "totp = pyotp.TOTP('AAAAAAAAAAAAAAAA')",
      "ROTP::TOTP.new('YOUR_BASE32_SECRET')",
    ],
  },
};
