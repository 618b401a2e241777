// Key-shaped values published in provider documentation, RFCs and well-known tools, or shipped as
// local-development defaults: everywhere in READMEs and tests, and not credentials. The one list of
// them, kept as SHA-256 hashes so that this repository never contains the literal strings.
import { sha256Hex } from '../sha256.js';

const PUBLISHED_SHA256 = new Set([
  '1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3', // AWS docs access key id
  '78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598', // AWS docs secret key
  'c6ea27c534f993d31f0aef882e3d200e7b87470c379ae79c8f9b19d3bd363dc9', // AWS CLI docs key id (2nd profile)
  'e21b597ba6b9cafa59d9ebc4d65c0385f5eb3fa56abab2607fa76589ad849a33', // AWS CLI docs secret (2nd profile)
  'f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397', // Stripe API reference test key
  '2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326', // older Stripe docs test secret key
  'b1471f544ceeea31333bde7e1ecbaad6eac0d4a749412ad29bd66ef895b81c6b', // older Stripe docs publishable key
  '3543c50b0cb9cea8e55eb1f529b79f043cb250d485fde7b66cabbb5183add7da', // GitHub docs ghp_ placeholder
  'bc3ae723f57c6b9e3fd80b699fcc420f6074b0b1718039669d22631d508ac0a7', // GitHub docs gho_ example
  '82e74299544e00738f9c0acb69b1eb348b3e20ffcfabcb34779bd37590fead6c', // GitHub docs ghu_ example
  '797c0ce414586cc8eb6929afe947c720e3e4d351dd070a6fe39f630beaab3054', // GitHub docs ghs_ example
  '6d7fa4e64d4b1f3ea31962e258b684de1f244434ebb11089b9d9817e44c43303', // GitHub docs ghr_ example
  '0b5dd075ccdd03c42f4edda8e299e6838e2a75d3486a2a8d86940ed1541e9178', // Telegram BotFather docs token
  '731fa294d036e54f19df879bfcd4fe72d967dc6327800c5f74a48414a3f258c9', // Telegram Bot API docs token
  'f5c388734d28087b33b453e43c4383711da5a9948dcbb607b7bdbebc176ab7d8', // Slack docs webhook URL
  '0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059', // Azurite / storage emulator key
  'bf1725a8f98bea37e88618702e725ba84bd8acdb2647c5e0ed638bfd685791cf', // published JWT sample (1/3)
  '70541e07fd4f900b66e289f5be55c85f9bef1def4924a5b0c518c45ea1688c12', // published JWT sample (2/3)
  '7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606', // published JWT sample (3/3)
  'c85debb55f2f204d868cc1552c42faa143b4c675f61363ab040dd50b5b5304cd', // supabase start: sb_secret_
  '9705102db0d5f99ee08daa19a73e510d9877a2a9add9369da247cbbe6c2a0140', // supabase start: sb_publishable_
  'f56e323494a6ffc2064e7a955908957d84f0755e5f975dabd64328d0359a8f7c', // Google API key placeholder
  '511c2249afed266eed3c303f0573cbd26532dc1b9d13fd577952bc0599daea68', // Telegram Bot API docs token, secret part only
  '6c96130f130ab0d6d158397e24d2bcc1c9a5e73ae081f6e983f1c7b545d24a4c', // RFC 6749 example access token
  '00cf4c781dc37003f7c7dd7d4c9a6ef1e0f4c62d9a291aa8bc398774e3fefd32', // RFC 6749 example refresh token
  'ca7459e2b26776de081b9a07e40227fd6cff232a1e3233ff6b6aa6d036ca9981', // RFC 6749 example client credentials (Basic)
  'a35b81a7d7927b70ec99270dd2362b88580a28574af812f2c02f56469579186f', // RFC 6749 example authorization code
  '53f5da0aaa93d64cd5772c554cbf940f0539e689dddbeb8f923eec3f72c02ea9', // RFC 6749 example client secret
  '8d567eb88afff34f31ab97fbb2731e582703bdeaf3c92b989cf568e0b23cef31', // RFC 5849 example token secret
  '9d03b692e941d5ace207a9f8048834439f6de98e5c6c1590c22c4f4577c88a42', // RFC 5849 example token
  'd0720d84879472284611dc023d47fc39cf655d377117a9fb879c7da7ec807e6b', // OpenSSL FIPS module integrity key (public by design, in every OpenSSL tree)
  'a3a9e1ed9732cab28868127be00f1ce921acaefdd5c3b23a6e9e0072bd9c1a34', // the example UUID of Wikipedia and countless docs
  '8be5d113c0871ce1a122d68a7dff940ab7b09ad8dfcfd9a85aa5c1acc026279e', // Google Authenticator's example TOTP seed (base32 of "Hello!")
]);

/** True when `value` is, exactly, a published example or a well-known local default. */
export function isPublishedValue(value: string): boolean {
  return PUBLISHED_SHA256.has(sha256Hex(value));
}

/**
 * True when `value` (trimmed) is marked as a documentation example (`EXAMPLE` in it, as in AWS's
 * documentation keys) or is a published example value.
 */
export function isDocumentationExample(value: string): boolean {
  const v = value.trim();
  if (/EXAMPLE/.test(v)) return true;
  return isPublishedValue(v);
}
