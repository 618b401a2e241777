// Messaging and e-mail: Slack, Discord, Telegram, Twilio, SendGrid, Mailgun and friends.
import { shannonEntropy } from '../detect/entropy.js';
import type { Rule } from '../types.js';
import { context, mixesCases, mixesDigitsAndLetters, token } from './build.js';
import { fakeDiscordToken, join, randomString, randomUnit } from './fake.js';

const comms = { category: 'comms' as const };
const SLACK_REVOKE = 'https://api.slack.com/apps';
const digits = (min: number, max: number) => randomString(min + Math.floor(randomUnit() * (max - min + 1)), '123456789');

const slackRules: Rule[] = [
  token({
    ...comms,
    id: 'slack-bot-token',
    description: 'Slack bot token',
    provider: 'slack',
    envVar: 'SLACK_BOT_TOKEN',
    revokeUrl: SLACK_REVOKE,
    pattern: 'xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}',
    keywords: ['xoxb-'],
    check: (t) => mixesCases(t.slice(t.lastIndexOf('-') + 1)),
    fake: () => join('xoxb-', digits(12, 12), '-', digits(13, 13), '-', randomString(24)),
    negative: ['SLACK_BOT_TOKEN=xoxb-...', 'SLACK_BOT_TOKEN=xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  token({
    ...comms,
    id: 'slack-legacy-bot-token',
    description: 'Slack legacy bot token',
    provider: 'slack',
    envVar: 'SLACK_BOT_TOKEN',
    revokeUrl: SLACK_REVOKE,
    // Bots of classic apps: one numeric id, then the secret.
    pattern: 'xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}',
    keywords: ['xoxb-'],
    anchor: 'keyword',
    check: (t) => mixesCases(t.slice(t.lastIndexOf('-') + 1)) && /[0-9]/.test(t.slice(t.lastIndexOf('-') + 1)),
    fake: () => join('xoxb-', digits(12, 12), '-', randomString(24)),
    negative: ['SLACK_BOT_TOKEN=xoxb-123456789012-xxxxxxxxxxxxxxxxxxxxxxxx', 'SLACK_BOT_TOKEN=xoxb-xoxb-my-bot-token'],
  }),
  token({
    ...comms,
    id: 'slack-user-token',
    description: 'Slack user token',
    provider: 'slack',
    envVar: 'SLACK_USER_TOKEN',
    revokeUrl: SLACK_REVOKE,
    pattern: 'xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}',
    keywords: ['xoxp-'],
    fake: () => join('xoxp-', digits(12, 12), '-', digits(12, 12), '-', digits(12, 12), '-', randomString(32, 'hex')),
    negative: ['SLACK_USER_TOKEN=xoxp-...'],
  }),
  token({
    ...comms,
    id: 'slack-app-token',
    description: 'Slack app-level token',
    provider: 'slack',
    envVar: 'SLACK_APP_TOKEN',
    revokeUrl: SLACK_REVOKE,
    pattern: 'xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64}',
    keywords: ['xapp-'],
    fake: () => join('xapp-', '1-A', randomString(10, 'AN'), '-', digits(13, 13), '-', randomString(64, 'hex')),
    negative: ['SLACK_APP_TOKEN=xapp-1-...'],
  }),
  token({
    ...comms,
    id: 'slack-config-token',
    description: 'Slack configuration or refresh token',
    provider: 'slack',
    envVar: 'SLACK_CONFIG_TOKEN',
    revokeUrl: SLACK_REVOKE,
    pattern: 'xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,180}',
    keywords: ['xoxe'],
    fake: () => join('xoxe.', 'xoxp-1-', randomString(164)),
    negative: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-...'],
  }),
  token({
    ...comms,
    id: 'slack-legacy-token',
    description: 'Slack legacy, workspace or session token',
    provider: 'slack',
    envVar: 'SLACK_TOKEN',
    revokeUrl: SLACK_REVOKE,
    // Workspace and session tokens (`xoxs-`, `xoxo-`) end in 10 to 64 hex digits after three numeric groups.
    pattern: 'xox[aorsc]-(?:(?:[0-9]{1,13}-){1,3}[A-Za-z0-9]{24,64}|(?:[0-9]{1,13}-){3}[a-f0-9]{10,23})',
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-', 'xoxc-'],
    minEntropy: 3.5,
    check: (t) => {
      const tail = t.slice(t.lastIndexOf('-') + 1);
      return /^[a-f0-9]+$/.test(tail) ? mixesDigitsAndLetters(tail) : mixesCases(tail);
    },
    fake: () =>
      randomUnit() < 0.5
        ? join('xoxc-', digits(12, 12), '-', digits(12, 12), '-', digits(13, 13), '-', randomString(64, 'hex'))
        : join('xoxs-', digits(12, 12), '-', digits(9, 9), '-', digits(10, 10), '-', randomString(10, 'hex')),
    negative: ['SLACK_TOKEN=xoxs-...', 'SLACK_TOKEN=xoxs-1234-1234-1234-xxxxxxxxxx'],
  }),
  token({
    ...comms,
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    provider: 'slack',
    envVar: 'SLACK_WEBHOOK_URL',
    revokeUrl: SLACK_REVOKE,
    // Incoming webhooks (`services/T…/B…/<24>`), workflow webhooks (`workflows/T…/A…/<digits>/<24>`) and
    // Workflow Builder triggers (`triggers/T…/<digits>/<32 hex>`).
    pattern:
      'https://hooks\\.slack\\.com/(?:(?:services|workflows)/T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/(?:[0-9]{10,20}/)?[A-Za-z0-9]{20,34}|triggers/T[A-Z0-9]{8,12}/[0-9]{10,16}/[a-f0-9]{32})',
    before: '',
    keywords: ['hooks.slack.com/'],
    check: (url) => {
      const tail = url.slice(url.lastIndexOf('/') + 1);
      // A 32-hex trigger secret has at most 4 bits per character; a random one often scores below 3.5.
      return /^[a-f0-9]{32}$/.test(tail) ? mixesDigitsAndLetters(tail) && shannonEntropy(tail) >= 3 : shannonEntropy(tail) >= 3.5;
    },
    fake: () => {
      const team = join('T', randomString(10, 'AN'));
      const kind = randomUnit();
      if (kind < 0.34) return join('https://hooks.slack.com/services/', team, '/B', randomString(10, 'AN'), '/', randomString(24));
      if (kind < 0.67) return join('https://hooks.slack.com/workflows/', team, '/A', randomString(10, 'AN'), '/', digits(18, 18), '/', randomString(24));
      return join('https://hooks.slack.com/triggers/', team, '/', digits(13, 13), '/', randomString(32, 'hex'));
    },
    negative: ['SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/...'],
  }),
  context({
    ...comms,
    id: 'slack-signing-secret',
    description: 'Slack signing secret',
    provider: 'slack',
    envVar: 'SLACK_SIGNING_SECRET',
    revokeUrl: SLACK_REVOKE,
    context: 'slack[\\w.:-]{0,10}?signing[\\w.:-]{0,3}?secret',
    value: '[a-f0-9]{32}',
    keywords: ['signing'],
    check: mixesDigitsAndLetters,
    fake: () => randomString(32, 'hex'),
    negative: ['SLACK_SIGNING_SECRET=your-signing-secret'],
  }),
];

/** The first segment of a Discord bot token is the base64 of the bot's numeric (snowflake) id. */
function isDiscordBotToken(t: string): boolean {
  const id = Buffer.from(t.slice(0, t.indexOf('.')), 'base64').toString('latin1');
  return /^[1-9][0-9]{16,19}$/.test(id) && mixesCases(t.slice(t.lastIndexOf('.') + 1));
}

const discordRules: Rule[] = [
  token({
    ...comms,
    id: 'discord-bot-token',
    description: 'Discord bot token',
    provider: 'discord',
    envVar: 'DISCORD_TOKEN',
    revokeUrl: 'https://discord.com/developers/applications',
    pattern: '[MNO][DTjz][A-Za-z0-9_-]{21,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
    before: '(?<![A-Za-z0-9_.-])',
    after: '(?![A-Za-z0-9_.-])',
    // No fixed literal: the structural check on the first segment keeps this precise.
    keywords: [],
    check: isDiscordBotToken,
    fake: fakeDiscordToken,
    negative: ['DISCORD_TOKEN=MTxxxxxxxxxxxxxxxxxxxxxx.xxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxx', 'version = "MTA.0.0"'],
  }),
  token({
    ...comms,
    id: 'discord-webhook-url',
    description: 'Discord webhook URL',
    provider: 'discord',
    envVar: 'DISCORD_WEBHOOK_URL',
    revokeUrl: 'https://support.discord.com/hc/en-us/articles/228383668',
    pattern: 'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}',
    before: '',
    keywords: ['discord'],
    check: (url) => shannonEntropy(url.slice(url.lastIndexOf('/') + 1)) >= 4,
    fake: () => join('https://discord.com/api/webhooks/', randomString(19, 'dec'), '/', randomString(68, 'b64u')),
    negative: ['DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/000/xxx'],
  }),
];

const otherRules: Rule[] = [
  token({
    ...comms,
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    provider: 'telegram',
    envVar: 'TELEGRAM_BOT_TOKEN',
    revokeUrl: 'https://t.me/BotFather',
    pattern: '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}',
    // Also inside Bot API URLs: https://api.telegram.org/bot<token>/sendMessage
    before: '(?:(?<=/bot)|(?<![A-Za-z0-9_:-]))',
    keywords: [':aa'],
    fake: () => join(randomString(1, '78'), randomString(9, 'dec'), ':AA', randomString(33, 'b64u')),
    contexts: (t) => [`TELEGRAM_BOT_TOKEN=${t}`, `url = f"https://api.telegram.org/bot${t}/sendMessage"`],
    negative: ['TELEGRAM_BOT_TOKEN=123456789:AA...'],
  }),
  token({
    ...comms,
    id: 'twilio-api-key-sid',
    description: 'Twilio API key SID (paired with its secret)',
    provider: 'twilio',
    envVar: 'TWILIO_API_KEY',
    revokeUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    pattern: 'SK[0-9a-f]{32}',
    // 'sk' occurs in countless words; a single pass for the literal prefix is cheaper than keyword windows.
    keywords: [],
    check: mixesDigitsAndLetters,
    fake: () => join('SK', randomString(32, 'hex')),
    negative: ['TWILIO_ACCOUNT_SID=AC00000000000000000000000000000000', 'TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  context({
    ...comms,
    id: 'twilio-auth-token',
    description: 'Twilio auth token',
    provider: 'twilio',
    envVar: 'TWILIO_AUTH_TOKEN',
    revokeUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    context: 'twilio',
    value: '[a-f0-9]{32}',
    keywords: ['twilio'],
    check: mixesDigitsAndLetters,
    fake: () => randomString(32, 'hex'),
    negative: ['TWILIO_AUTH_TOKEN=your_auth_token'],
  }),
  context({
    ...comms,
    id: 'twilio-api-secret',
    description: 'Twilio API key secret',
    provider: 'twilio',
    envVar: 'TWILIO_API_SECRET',
    revokeUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    context: 'twilio',
    value: '[A-Za-z0-9]{32}',
    keywords: ['twilio'],
    minEntropy: 3.5,
    // 32 hex after `twilio` is an auth token (the rule before this one).
    check: (s) => mixesCases(s) && !/^[a-f0-9]{32}$/i.test(s),
    fake: () => randomString(32),
    negative: ['TWILIO_API_SECRET=your_twilio_api_secret_here'],
  }),
  token({
    ...comms,
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    provider: 'sendgrid',
    envVar: 'SENDGRID_API_KEY',
    revokeUrl: 'https://app.sendgrid.com/settings/api_keys',
    pattern: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
    keywords: ['sg.'],
    fake: () => join('SG.', randomString(22, 'b64u'), '.', randomString(43, 'b64u')),
    contexts: (t) => [`SENDGRID_API_KEY=${t}`, `sgMail.setApiKey("${t}");`],
    negative: ['SENDGRID_API_KEY=SG.xxxxxxxx.xxxxxxxx'],
  }),
  context({
    ...comms,
    id: 'mailgun-api-key',
    description: 'Mailgun API key',
    provider: 'mailgun',
    envVar: 'MAILGUN_API_KEY',
    revokeUrl: 'https://app.mailgun.com/settings/api_security',
    context: 'mailgun|mg_api',
    value: '(?:key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})',
    keywords: ['mailgun', 'mg_api'],
    check: mixesDigitsAndLetters,
    fake: () => join('key-', randomString(32, 'hex')),
    negative: ['MAILGUN_API_KEY=key-...', 'MAILGUN_DOMAIN=mg.example.com'],
  }),
  token({
    ...comms,
    id: 'resend-api-key',
    description: 'Resend API key',
    provider: 'resend',
    envVar: 'RESEND_API_KEY',
    revokeUrl: 'https://resend.com/api-keys',
    pattern: 're_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}',
    keywords: ['re_'],
    check: (k) => mixesCases(k.slice(3)),
    fake: () => join('re_', randomString(8), '_', randomString(24)),
    negative: ['RESEND_API_KEY=re_...', 'const re_compile_pattern_for_emails = 1'],
  }),
  token({
    ...comms,
    id: 'brevo-api-key',
    description: 'Brevo (Sendinblue) API key',
    provider: 'brevo',
    envVar: 'BREVO_API_KEY',
    revokeUrl: 'https://app.brevo.com/settings/keys/api',
    pattern: 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}',
    keywords: ['xkeysib-'],
    fake: () => join('xkeysib-', randomString(64, 'hex'), '-', randomString(16)),
    negative: ['BREVO_API_KEY=xkeysib-...'],
  }),
  context({
    ...comms,
    id: 'postmark-server-token',
    description: 'Postmark server or account token',
    provider: 'postmark',
    envVar: 'POSTMARK_SERVER_TOKEN',
    revokeUrl: 'https://account.postmarkapp.com/servers',
    context: 'postmark',
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    keywords: ['postmark'],
    check: (uuid) => !/^0{8}-/.test(uuid),
    fake: () => [randomString(8, 'hex'), randomString(4, 'hex'), '4' + randomString(3, 'hex'), '8' + randomString(3, 'hex'), randomString(12, 'hex')].join('-'),
    contexts: (t) => [`POSTMARK_SERVER_TOKEN=${t}`, `client = postmark.ServerClient("${t}")`, `-H "X-Postmark-Server-Token: ${t}"`],
    negative: ['POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000', 'POSTMARK_MESSAGE_STREAM=outbound'],
  }),
  token({
    ...comms,
    id: 'mailchimp-api-key',
    description: 'Mailchimp API key',
    provider: 'mailchimp',
    envVar: 'MAILCHIMP_API_KEY',
    revokeUrl: 'https://us1.admin.mailchimp.com/account/api/',
    pattern: '[a-f0-9]{32}-us[0-9]{1,2}',
    keywords: ['-us'],
    check: mixesDigitsAndLetters,
    fake: () => join(randomString(32, 'hex'), '-us', '21'),
    negative: ['MAILCHIMP_API_KEY=<key>-us21'],
  }),
  token({
    ...comms,
    id: 'microsoft-teams-webhook-url',
    description: 'Microsoft Teams incoming webhook URL',
    provider: 'microsoft',
    envVar: 'TEAMS_WEBHOOK_URL',
    revokeUrl: 'https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    // Current connector URLs (`<tenant>.webhook.office.com/webhookb2/…`) and the retired form
    // (`outlook.office.com/webhook/…`) that old configurations still hold.
    pattern:
      'https://(?:[a-z0-9-]{1,60}\\.webhook\\.office\\.com/webhookb2|outlook\\.office\\.com/webhook)/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]{20,60})?',
    before: '',
    keywords: ['webhook.office.com', 'outlook.office.com/webhook'],
    check: (url) => shannonEntropy(url) >= 3.5,
    fake: () => {
      const uuid = () => [randomString(8, 'hex'), randomString(4, 'hex'), randomString(4, 'hex'), randomString(4, 'hex'), randomString(12, 'hex')].join('-');
      const host = randomUnit() < 0.5 ? 'https://acme.webhook.office.com/webhookb2/' : 'https://outlook.office.com/webhook/';
      return join(host, uuid(), '@', uuid(), '/IncomingWebhook/', randomString(32, 'hex'), '/', uuid());
    },
    negative: ['TEAMS_WEBHOOK_URL=https://acme.webhook.office.com/webhookb2/...'],
  }),
  token({
    ...comms,
    id: 'intercom-access-token',
    description: 'Intercom access token',
    provider: 'intercom',
    envVar: 'INTERCOM_ACCESS_TOKEN',
    revokeUrl: 'https://app.intercom.com/a/apps/_/developer-hub',
    pattern: 'dG9rO[A-Za-z0-9+/]{40,80}={0,2}',
    before: '(?<![A-Za-z0-9+/_-])',
    after: '(?![A-Za-z0-9+/=_-])',
    keywords: ['dg9ro'],
    fake: () => Buffer.from(`tok:${randomString(8, 'hex')}_${randomString(4, 'hex')}_${randomString(4, 'hex')}_${randomString(4, 'hex')}_${randomString(12, 'hex')}:1:0`).toString('base64'),
    negative: ['INTERCOM_ACCESS_TOKEN=dG9rOi...'],
  }),
];

export const commsRules: Rule[] = [...slackRules, ...discordRules, ...otherRules];
