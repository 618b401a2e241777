// Work tools: project management, docs and storage, CRM, customer support, forms, e-signature and
// calendars. Client ids, public API keys that only name an app (Trello's key, DocuSign's integration
// key) and content-delivery keys are not reported; tokens and secrets are.
import type { Rule } from '../types.js';
import { token } from './build.js';
import { hasValidAtlassianChecksum, atlassianChecksum } from './checksum.js';
import { join, randomString } from './fake.js';
import { AN, an, b62, b64u, either, hex, lit, named, prefixed, seq, uuid } from './shapes.js';

const saas = 'saas' as const;

/** A JWT body for name-anchored rules (Monday, Calendly, Wrike): header and payload start `eyJ`. */
const jwt = (payload: object, signature = 43) => ({
  pattern: 'eyJ[A-Za-z0-9_-]{10,300}\\.eyJ[A-Za-z0-9_-]{20,1200}\\.[A-Za-z0-9_-]{20,700}',
  fake: () =>
    join(
      Buffer.from('{"alg":"HS256"}').toString('base64url'),
      '.',
      Buffer.from(JSON.stringify({ ...payload, jti: randomString(16, 'hex'), iat: 1700000000 })).toString('base64url'),
      '.',
      randomString(signature, 'b64u'),
    ),
  check: () => true,
});

const projects: Rule[] = [
  token({
    category: saas,
    id: 'trello-api-token',
    description: 'Trello API token',
    provider: 'trello',
    envVar: 'TRELLO_TOKEN',
    revokeUrl: 'https://trello.com/my/account',
    // `ATTA` + 64 hex + 8 upper-case hex: the CRC32 of what precedes it, as in Atlassian API tokens.
    pattern: 'ATTA[a-f0-9]{64}[A-F0-9]{8}',
    keywords: ['atta'],
    anchor: 'keyword',
    check: hasValidAtlassianChecksum,
    fake: () => {
      const head = join('ATTA', randomString(64, 'hex'));
      return head + atlassianChecksum(head);
    },
    negative: ['TRELLO_TOKEN=ATTA...', 'TRELLO_API_KEY=0123456789abcdef0123456789abcdef'],
  }),
  prefixed(saas, {
    id: 'clickup-api-token',
    provider: 'clickup',
    description: 'ClickUp personal API token',
    envVar: 'CLICKUP_API_TOKEN',
    revokeUrl: 'https://app.clickup.com/settings/apps',
    prefix: 'pk_',
    body: seq({ pattern: '[0-9]{7,9}', fake: () => randomString(8, 'dec'), check: () => true }, lit('_'), AN(32)),
  }),
  named(saas, {
    id: 'asana-personal-access-token',
    provider: 'asana',
    description: 'Asana personal access token',
    envVar: 'ASANA_ACCESS_TOKEN',
    revokeUrl: 'https://app.asana.com/0/my-apps',
    // `1/` or `2/`, the user (and app) ids, `:`, then the secret.
    body: seq(
      {
        pattern: '[12]/[0-9]{13,19}(?:/[0-9]{13,19})?:',
        fake: () => join('2/', randomString(16, 'dec'), '/', randomString(16, 'dec'), ':'),
        check: () => true,
      },
      b62(32),
    ),
  }),
  named(saas, {
    id: 'monday-api-token',
    provider: 'monday',
    description: 'monday.com API token',
    envVar: 'MONDAY_API_TOKEN',
    revokeUrl: 'https://developer.monday.com/api-reference/docs/authentication',
    name: 'monday(?:[_.-]?com)?[_.-]?(?:api|token|key)',
    keywords: ['monday'],
    body: jwt({ tid: 123456789, aai: 11, uid: 1234567, iad: '2024-01-01T00:00:00.000Z', per: 'me:write', actid: 1234567, rgn: 'use1' }),
  }),
  named(saas, {
    id: 'wrike-access-token',
    provider: 'wrike',
    description: 'Wrike permanent access token',
    envVar: 'WRIKE_ACCESS_TOKEN',
    revokeUrl: 'https://www.wrike.com/frontend/apps/index.html#/api',
    body: {
      pattern: 'ey[A-Za-z0-9._-]{333}',
      fake: () => join('eyJ', randomString(332, 'b64u')),
      check: (v) => /[A-Z]/.test(v) && /[0-9]/.test(v),
    },
  }),
  named(saas, {
    id: 'smartsheet-access-token',
    provider: 'smartsheet',
    description: 'Smartsheet API access token',
    envVar: 'SMARTSHEET_ACCESS_TOKEN',
    revokeUrl: 'https://app.smartsheet.com/b/home?lx=personalSettings',
    body: either(b62(37), b62(26)),
  }),
  named(saas, {
    id: 'todoist-api-token',
    provider: 'todoist',
    description: 'Todoist API token',
    envVar: 'TODOIST_API_TOKEN',
    revokeUrl: 'https://app.todoist.com/app/settings/integrations/developer',
    body: hex(40),
  }),
  named(saas, {
    id: 'shortcut-api-token',
    provider: 'shortcut',
    description: 'Shortcut (Clubhouse) API token',
    envVar: 'SHORTCUT_API_TOKEN',
    revokeUrl: 'https://app.shortcut.com/settings/account/api-tokens',
    name: 'shortcut[_.-]?(?:api|token)|clubhouse[_.-]?(?:api|token)',
    keywords: ['shortcut', 'clubhouse'],
    body: uuid,
  }),
  named(saas, {
    id: 'coda-api-token',
    provider: 'coda',
    description: 'Coda API token',
    envVar: 'CODA_API_TOKEN',
    revokeUrl: 'https://coda.io/account',
    name: '(?<![a-z])coda',
    keywords: ['coda'],
    body: uuid,
  }),
  named(saas, {
    id: 'toggl-api-token',
    provider: 'toggl',
    description: 'Toggl Track API token',
    envVar: 'TOGGL_API_TOKEN',
    revokeUrl: 'https://track.toggl.com/profile',
    body: hex(32),
  }),
  named(saas, {
    id: 'clockify-api-key',
    provider: 'clockify',
    description: 'Clockify API key',
    envVar: 'CLOCKIFY_API_KEY',
    revokeUrl: 'https://app.clockify.me/user/preferences#advanced',
    body: b62(48),
  }),
  named(saas, {
    id: 'calendly-api-token',
    provider: 'calendly',
    description: 'Calendly personal access token',
    envVar: 'CALENDLY_API_TOKEN',
    revokeUrl: 'https://calendly.com/integrations/api_webhooks',
    body: jwt(
      { iss: 'https://auth.calendly.com', user_uuid: '00000000-0000-4000-8000-000000000000', app_uid: 'a1b2c3d4', scope: 'default' },
      86,
    ),
  }),
  prefixed(saas, {
    id: 'teamwork-api-token',
    provider: 'teamwork',
    description: 'Teamwork API token',
    envVar: 'TEAMWORK_API_TOKEN',
    revokeUrl: 'https://www.teamwork.com/',
    prefix: 'tkn.v1_',
    body: b62(71),
    suffix: '=',
  }),
  prefixed(saas, {
    id: 'canva-client-secret',
    provider: 'canva',
    description: 'Canva Connect client secret',
    envVar: 'CANVA_CLIENT_SECRET',
    revokeUrl: 'https://www.canva.com/developers/integrations',
    prefix: 'cnvca',
    body: b64u(51),
  }),
  named(saas, {
    id: 'eventbrite-api-token',
    provider: 'eventbrite',
    description: 'Eventbrite private token',
    envVar: 'EVENTBRITE_API_TOKEN',
    revokeUrl: 'https://www.eventbrite.com/account-settings/apps',
    body: AN(20),
  }),
];

const storage: Rule[] = [
  prefixed(saas, {
    id: 'dropbox-access-token',
    provider: 'dropbox',
    description: 'Dropbox short-lived access token',
    envVar: 'DROPBOX_ACCESS_TOKEN',
    revokeUrl: 'https://www.dropbox.com/account/connected_apps',
    prefix: 'sl.',
    body: seq({ pattern: '(?:u\\.)?', fake: () => '', check: () => true }, b64u([130, 152])),
  }),
  named(saas, {
    id: 'dropbox-long-lived-token',
    provider: 'dropbox',
    description: 'Dropbox long-lived access token (legacy)',
    envVar: 'DROPBOX_ACCESS_TOKEN',
    revokeUrl: 'https://www.dropbox.com/account/connected_apps',
    body: seq(an(11), lit('AAAAAAAAAA'), b64u(43)),
    // Ten `A`s are part of the format.
    allowPlaceholderLike: true,
  }),
  named(saas, {
    id: 'box-client-secret',
    provider: 'box',
    description: 'Box client secret or developer token',
    envVar: 'BOX_CLIENT_SECRET',
    revokeUrl: 'https://app.box.com/developers/console',
    name: '(?<![a-z])box[_.-]?(?:client[_.-]?secret|developer[_.-]?token|access[_.-]?token)',
    keywords: ['box'],
    body: b62(32),
  }),
];

const crm: Rule[] = [
  token({
    category: saas,
    id: 'salesforce-access-token',
    description: 'Salesforce access token (session id)',
    provider: 'salesforce',
    envVar: 'SALESFORCE_ACCESS_TOKEN',
    revokeUrl: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_revoke_token.htm',
    // The org id (`00D` + 12 or 15 characters), `!`, then the session secret.
    pattern: '00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,260}',
    keywords: ['00d'],
    anchor: 'keyword',
    check: (t) => /[A-Z]/.test(t.slice(t.indexOf('!'))) && /[a-z]/.test(t.slice(t.indexOf('!'))),
    fake: () => join('00D', randomString(12), '!', randomString(96, 'b62')),
    negative: ['SALESFORCE_ACCESS_TOKEN=00Dxx0000000000!AQ...'],
  }),
  prefixed(saas, {
    id: 'salesforce-refresh-token',
    provider: 'salesforce',
    description: 'Salesforce refresh token',
    envVar: 'SALESFORCE_REFRESH_TOKEN',
    revokeUrl: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_revoke_token.htm',
    prefix: '5Aep861',
    keywords: ['5aep861'],
    body: { pattern: '[A-Za-z0-9._]{80,200}', fake: () => randomString(80), check: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v) },
  }),
  named(saas, {
    id: 'pipedrive-api-token',
    provider: 'pipedrive',
    description: 'Pipedrive API token',
    envVar: 'PIPEDRIVE_API_TOKEN',
    revokeUrl: 'https://app.pipedrive.com/settings/api',
    body: either(hex(40), b62(40)),
  }),
  prefixed(saas, {
    id: 'zoho-oauth-token',
    provider: 'zoho',
    description: 'Zoho OAuth access or refresh token',
    envVar: 'ZOHO_REFRESH_TOKEN',
    revokeUrl: 'https://accounts.zoho.com/home#sessions/userconnectedapps',
    prefix: '1000.',
    body: seq(hex(32), lit('.'), hex(32)),
    negative: ['ZOHO_CLIENT_ID=1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  }),
  named(saas, {
    id: 'close-api-key',
    provider: 'close',
    description: 'Close CRM API key',
    envVar: 'CLOSE_API_KEY',
    revokeUrl: 'https://app.close.com/settings/developer/api-keys/',
    name: '(?<![a-z])close(?:[_.-]?(?:crm|io))?[_.-]?api',
    keywords: ['close'],
    body: seq(lit('api_'), {
      pattern: '[A-Za-z0-9.]{45}',
      fake: () => join(randomString(22), '.', randomString(22)),
      check: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v),
    }),
  }),
  named(saas, {
    id: 'copper-api-key',
    provider: 'copper',
    description: 'Copper CRM API key',
    envVar: 'COPPER_API_KEY',
    revokeUrl: 'https://app.copper.com/companies/settings/integrations/api_keys',
    name: 'copper[_.-]?(?:crm[_.-]?)?api',
    keywords: ['copper'],
    body: an(32),
  }),
  named(saas, {
    id: 'insightly-api-key',
    provider: 'insightly',
    description: 'Insightly API key',
    envVar: 'INSIGHTLY_API_KEY',
    revokeUrl: 'https://support.insightly.com/hc/en-us/articles/204864594',
    body: uuid,
  }),
  named(saas, {
    id: 'capsule-api-token',
    provider: 'capsule',
    description: 'Capsule CRM API token',
    envVar: 'CAPSULE_API_TOKEN',
    revokeUrl: 'https://developer.capsulecrm.com/v2/overview/authentication',
    name: 'capsule[_.-]?crm|capsule[_.-]?(?:api|token)',
    keywords: ['capsule'],
    body: { pattern: '[A-Za-z0-9._+=/-]{64}', fake: () => randomString(64, 'b64'), check: (v) => /[A-Z]/.test(v) && /[a-z]/.test(v) },
  }),
];

const support: Rule[] = [
  named(saas, {
    id: 'zendesk-api-token',
    provider: 'zendesk',
    description: 'Zendesk API token',
    envVar: 'ZENDESK_API_TOKEN',
    revokeUrl: 'https://support.zendesk.com/hc/en-us/articles/4408889192858',
    body: b62(40),
  }),
  named(saas, {
    id: 'freshdesk-api-key',
    provider: 'freshdesk',
    description: 'Freshdesk API key',
    envVar: 'FRESHDESK_API_KEY',
    revokeUrl: 'https://support.freshdesk.com/support/solutions/articles/215517',
    body: b62(20),
  }),
  named(saas, {
    id: 'helpscout-api-key',
    provider: 'helpscout',
    description: 'Help Scout API key or app secret',
    envVar: 'HELPSCOUT_API_KEY',
    revokeUrl: 'https://secure.helpscout.net/users/authentication/',
    name: 'help[_.-]?scout',
    keywords: ['helpscout', 'help_scout', 'help-scout', 'help.scout'],
    body: an(40),
  }),
  named(saas, {
    id: 'jotform-api-key',
    provider: 'jotform',
    description: 'Jotform API key',
    envVar: 'JOTFORM_API_KEY',
    revokeUrl: 'https://www.jotform.com/myaccount/api',
    body: an(32),
  }),
];

const signatures: Rule[] = [
  named(saas, {
    id: 'docusign-client-secret',
    provider: 'docusign',
    description: 'DocuSign app secret key',
    envVar: 'DOCUSIGN_CLIENT_SECRET',
    revokeUrl: 'https://admindemo.docusign.com/apps-and-keys',
    name: 'docusign[\\w.:-]{0,20}?secret',
    keywords: ['docusign'],
    body: uuid,
    negative: ['DOCUSIGN_INTEGRATION_KEY=00000000-0000-0000-0000-000000000000'],
  }),
  named(saas, {
    id: 'dropbox-sign-api-key',
    provider: 'hellosign',
    description: 'Dropbox Sign (HelloSign) API key',
    envVar: 'HELLOSIGN_API_KEY',
    revokeUrl: 'https://app.hellosign.com/home/myAccount#api',
    name: 'hellosign|dropbox[_.-]?sign',
    keywords: ['hellosign', 'dropbox'],
    body: hex(64),
  }),
  named(saas, {
    id: 'pandadoc-api-key',
    provider: 'pandadoc',
    description: 'PandaDoc API key',
    envVar: 'PANDADOC_API_KEY',
    revokeUrl: 'https://app.pandadoc.com/a/#/settings/api-dashboard',
    body: hex(40),
  }),
  named(saas, {
    id: 'yousign-api-key',
    provider: 'yousign',
    description: 'Yousign API key',
    envVar: 'YOUSIGN_API_KEY',
    revokeUrl: 'https://yousign.app/auth/workspace/api-keys',
    body: b62(32),
  }),
];

export const productivityRules: Rule[] = [...projects, ...storage, ...crm, ...support, ...signatures];
