// Marketing automation, customer messaging, surveys, sales intelligence and analytics beyond the
// providers in observability.ts and saas.ts. Formats from the peers' published rules (kingfisher,
// betterleaks, trufflehog) and the providers' API documentation. Keys that browsers carry by design
// (site ids, Looker client ids, Keen read keys shared in dashboards) are not reported.
import type { Rule } from '../types.js';
import { mixesCases, mixesDigitsAndLetters } from './build.js';
import { randomString } from './fake.js';
import { AN, an, b62, b64u, hex, lit, named, seq, uuid, type Body } from './shapes.js';

const saas = 'saas' as const;

/** A body with its own character class: `[A-Za-z0-9:-]{54}` and the like. */
const custom = (pattern: string, fake: () => string, check: (v: string) => boolean): Body => ({ pattern, fake, check });

const automation: Rule[] = [
  named(saas, {
    id: 'braze-rest-api-key',
    provider: 'braze',
    description: 'Braze REST API key',
    envVar: 'BRAZE_REST_API_KEY',
    revokeUrl: 'https://dashboard.braze.com/app_settings/developer_console',
    body: uuid,
  }),
  named(saas, {
    id: 'iterable-api-key',
    provider: 'iterable',
    description: 'Iterable API key',
    envVar: 'ITERABLE_API_KEY',
    revokeUrl: 'https://app.iterable.com/settings/apiKeys',
    body: hex(32),
  }),
  named(saas, {
    id: 'airship-bearer-token',
    provider: 'airship',
    description: 'Airship (Urban Airship) bearer token',
    envVar: 'AIRSHIP_BEARER_TOKEN',
    revokeUrl: 'https://docs.airship.com/guides/admin/security/token-auth/',
    name: 'airship|urban[_.-]?airship',
    keywords: ['airship'],
    body: b62(91),
  }),
  named(saas, {
    id: 'lemlist-api-key',
    provider: 'lemlist',
    description: 'lemlist API key',
    envVar: 'LEMLIST_API_KEY',
    revokeUrl: 'https://app.lemlist.com/settings/integrations',
    body: hex(32),
  }),
  named(saas, {
    id: 'beamer-api-key',
    provider: 'beamer',
    description: 'Beamer API key',
    envVar: 'BEAMER_API_KEY',
    revokeUrl: 'https://app.getbeamer.com/settings#api',
    body: seq(
      lit('b_'),
      custom('[A-Za-z0-9=_/+-]{44}', () => randomString(44, 'b64'), mixesCases),
    ),
  }),
  named(saas, {
    id: 'userflow-api-key',
    provider: 'userflow',
    description: 'Userflow API key',
    envVar: 'USERFLOW_API_KEY',
    revokeUrl: 'https://getuserflow.com/settings/api',
    body: seq(lit('ak_'), an(26)),
  }),
  named(saas, {
    id: 'canny-api-key',
    provider: 'canny',
    description: 'Canny API key',
    envVar: 'CANNY_API_KEY',
    revokeUrl: 'https://canny.io/admin/settings/api',
    name: '(?<![a-z])canny(?:[_.-]?io)?',
    keywords: ['canny'],
    body: uuid,
  }),
  named(saas, {
    id: 'mixmax-api-token',
    provider: 'mixmax',
    description: 'Mixmax API token',
    envVar: 'MIXMAX_API_TOKEN',
    revokeUrl: 'https://app.mixmax.com/dashboard/settings/integrations',
    body: custom('[A-Za-z0-9_-]{36}', uuid.fake, mixesDigitsAndLetters),
  }),
];

const surveys: Rule[] = [
  named(saas, {
    id: 'delighted-api-key',
    provider: 'delighted',
    description: 'Delighted API key',
    envVar: 'DELIGHTED_API_KEY',
    revokeUrl: 'https://app.delighted.com/integrations/api',
    body: b62(32),
  }),
  named(saas, {
    id: 'survicate-api-key',
    provider: 'survicate',
    description: 'Survicate API key',
    envVar: 'SURVICATE_API_KEY',
    revokeUrl: 'https://panel.survicate.com/',
    body: an(32),
  }),
  named(saas, {
    id: 'surveysparrow-api-token',
    provider: 'surveysparrow',
    description: 'SurveySparrow API access token',
    envVar: 'SURVEYSPARROW_API_TOKEN',
    revokeUrl: 'https://app.surveysparrow.com/settings/apps-integrations',
    name: 'survey[_.-]?sparrow',
    keywords: ['surveysparrow', 'survey_sparrow', 'survey-sparrow', 'survey.sparrow'],
    body: b64u(88),
  }),
  named(saas, {
    id: 'nicereply-api-key',
    provider: 'nicereply',
    description: 'Nicereply API key',
    envVar: 'NICEREPLY_API_KEY',
    revokeUrl: 'https://app.nicereply.com/settings/api',
    body: hex(40),
  }),
  named(saas, {
    id: 'simplesat-api-key',
    provider: 'simplesat',
    description: 'Simplesat API key',
    envVar: 'SIMPLESAT_API_KEY',
    revokeUrl: 'https://app.simplesat.io/settings/api',
    body: an(40),
  }),
  named(saas, {
    id: 'zonka-api-token',
    provider: 'zonka',
    description: 'Zonka Feedback API auth token',
    envVar: 'ZONKA_API_TOKEN',
    revokeUrl: 'https://app.zonkafeedback.com/settings/developers',
    body: b62(36),
  }),
  named(saas, {
    id: 'qualaroo-api-secret',
    provider: 'qualaroo',
    description: 'Qualaroo API key or secret',
    envVar: 'QUALAROO_API_SECRET',
    revokeUrl: 'https://app.qualaroo.com/account/api',
    body: custom('[A-Za-z0-9=]{64}', () => randomString(64), mixesCases),
  }),
  named(saas, {
    id: 'helpcrunch-api-key',
    provider: 'helpcrunch',
    description: 'HelpCrunch API key',
    envVar: 'HELPCRUNCH_API_KEY',
    revokeUrl: 'https://docs.helpcrunch.com/en/articles/3460063-how-to-get-an-api-key',
    body: custom('[A-Za-z0-9+/=]{328}', () => randomString(328, 'b64'), mixesCases),
  }),
];

const salesData: Rule[] = [
  named(saas, {
    id: 'rocketreach-api-key',
    provider: 'rocketreach',
    description: 'RocketReach API key',
    envVar: 'ROCKETREACH_API_KEY',
    revokeUrl: 'https://rocketreach.co/account?section=nav_gen_api',
    name: 'rocket[_.-]?reach',
    keywords: ['rocketreach', 'rocket_reach', 'rocket-reach', 'rocket.reach'],
    body: custom('[a-z0-9-]{39}', () => randomString(39, 'an'), mixesDigitsAndLetters),
  }),
  named(saas, {
    id: 'peopledatalabs-api-key',
    provider: 'peopledatalabs',
    description: 'People Data Labs API key',
    envVar: 'PDL_API_KEY',
    revokeUrl: 'https://dashboard.peopledatalabs.com/api-keys',
    name: 'people[_.-]?data[_.-]?labs|(?<![a-z])pdl[_.-]?api',
    keywords: ['peopledatalabs', 'people_data_labs', 'people-data-labs', 'pdl'],
    body: an(64),
  }),
  named(saas, {
    id: 'leadfeeder-api-token',
    provider: 'leadfeeder',
    description: 'Leadfeeder API token',
    envVar: 'LEADFEEDER_API_TOKEN',
    revokeUrl: 'https://app.leadfeeder.com/settings/personal/api-tokens',
    body: custom('[A-Za-z0-9-]{43}', () => randomString(43, 'b62'), mixesCases),
  }),
  named(saas, {
    id: 'partnerstack-api-key',
    provider: 'partnerstack',
    description: 'PartnerStack API key',
    envVar: 'PARTNERSTACK_API_KEY',
    revokeUrl: 'https://app.partnerstack.com/settings/integrations',
    body: b62(64),
  }),
];

const analytics: Rule[] = [
  named(saas, {
    id: 'geckoboard-api-key',
    provider: 'geckoboard',
    description: 'Geckoboard API key',
    envVar: 'GECKOBOARD_API_KEY',
    revokeUrl: 'https://app.geckoboard.com/account/details',
    body: b62(44),
  }),
  named(saas, {
    id: 'klipfolio-api-key',
    provider: 'klipfolio',
    description: 'Klipfolio API key',
    envVar: 'KLIPFOLIO_API_KEY',
    revokeUrl: 'https://app.klipfolio.com/users/index',
    body: hex(40),
  }),
  named(saas, {
    id: 'keen-master-key',
    provider: 'keen',
    description: 'Keen master or write key',
    envVar: 'KEEN_MASTER_KEY',
    revokeUrl: 'https://keen.io/docs/access/api-keys/',
    name: 'keen[_.-]?io|(?<![a-z])keen[_.-]?(?:master|write|private)',
    keywords: ['keen'],
    body: AN(64),
  }),
  named(saas, {
    id: 'matomo-auth-token',
    provider: 'matomo',
    description: 'Matomo (Piwik) token_auth',
    envVar: 'MATOMO_TOKEN_AUTH',
    revokeUrl: 'https://matomo.org/faq/general/faq_114/',
    name: 'matomo|piwik',
    keywords: ['matomo', 'piwik'],
    body: hex(32),
  }),
];

export const marketingRules: Rule[] = [...automation, ...surveys, ...salesData, ...analytics];
