// Data APIs apps call with a key of their own: weather, geolocation, market data and banking, media and
// news, search and scraping, games, fleet and work tools. Formats from the peers' published rules
// (kingfisher, betterleaks, trufflehog) and the providers' documentation; many are the 32-character
// keys of the apilayer family, recognised only next to their provider's name and a key word.
import type { Rule } from '../types.js';
import { mixesCases, token } from './build.js';
import { join, randomString } from './fake.js';
import { AN, HEX, an, b62, b64u, hex, lit, named, prefixed, seq, uuid, type Body } from './shapes.js';

const saas = 'saas' as const;
const pay = 'payments' as const;
const comms = 'comms' as const;

const custom = (pattern: string, fake: () => string, check: (v: string) => boolean): Body => ({ pattern, fake, check });
const always = () => true;

const weather: Rule[] = [
  named(saas, {
    id: 'openweather-api-key',
    provider: 'openweather',
    description: 'OpenWeather API key',
    envVar: 'OPENWEATHER_API_KEY',
    revokeUrl: 'https://home.openweathermap.org/api_keys',
    name: 'open[_.-]?weather(?:[_.-]?map)?|(?<![a-z])owm|pyowm',
    keywords: ['openweather', 'open_weather', 'open-weather', 'open.weather', 'owm'],
    body: an(32),
  }),
  named(saas, {
    id: 'weatherstack-api-key',
    provider: 'weatherstack',
    description: 'weatherstack API access key',
    envVar: 'WEATHERSTACK_API_KEY',
    revokeUrl: 'https://weatherstack.com/dashboard',
    body: an(32),
  }),
  named(saas, {
    id: 'weatherbit-api-key',
    provider: 'weatherbit',
    description: 'Weatherbit API key',
    envVar: 'WEATHERBIT_API_KEY',
    revokeUrl: 'https://www.weatherbit.io/account/dashboard',
    body: an(32),
  }),
  named(saas, {
    id: 'visualcrossing-api-key',
    provider: 'visualcrossing',
    description: 'Visual Crossing Weather API key',
    envVar: 'VISUAL_CROSSING_API_KEY',
    revokeUrl: 'https://www.visualcrossing.com/account',
    name: 'visual[_.-]?crossing',
    keywords: ['visualcrossing', 'visual_crossing', 'visual-crossing', 'visual.crossing'],
    body: AN(25),
  }),
];

const geo: Rule[] = [
  named(saas, {
    id: 'positionstack-api-key',
    provider: 'positionstack',
    description: 'positionstack API access key',
    envVar: 'POSITIONSTACK_API_KEY',
    revokeUrl: 'https://positionstack.com/dashboard',
    body: an(32),
  }),
  named(saas, {
    id: 'ip2location-api-key',
    provider: 'ip2location',
    description: 'IP2Location API key',
    envVar: 'IP2LOCATION_API_KEY',
    revokeUrl: 'https://www.ip2location.io/dashboard',
    body: AN(32),
  }),
  named(saas, {
    id: 'ipapi-api-key',
    provider: 'ipapi',
    description: 'ipapi access key',
    envVar: 'IPAPI_ACCESS_KEY',
    revokeUrl: 'https://ipapi.com/dashboard',
    name: '(?<![a-z])ipapi',
    keywords: ['ipapi'],
    body: an(32),
  }),
  named(saas, {
    id: 'abstract-api-key',
    provider: 'abstractapi',
    description: 'Abstract API key',
    envVar: 'ABSTRACT_API_KEY',
    revokeUrl: 'https://app.abstractapi.com/dashboard',
    name: 'abstract[_.-]?api',
    keywords: ['abstractapi', 'abstract_api', 'abstract-api', 'abstract.api'],
    body: an(32),
  }),
];

const markets: Rule[] = [
  named(pay, {
    id: 'polygon-io-api-key',
    provider: 'polygonio',
    description: 'Polygon.io (Massive) market data API key',
    envVar: 'POLYGON_API_KEY',
    revokeUrl: 'https://polygon.io/dashboard/keys',
    // Not PolygonScan (34 upper-case characters) nor a chain's private key (64 hex digits).
    name: '(?<![a-z])polygon(?![_.-]?scan)',
    keywords: ['polygon'],
    body: b62(32),
  }),
  named(pay, {
    id: 'intrinio-api-key',
    provider: 'intrinio',
    description: 'Intrinio API key',
    envVar: 'INTRINIO_API_KEY',
    revokeUrl: 'https://account.intrinio.com/account/access_keys',
    body: b62(44),
  }),
  named(pay, {
    id: 'tradier-access-token',
    provider: 'tradier',
    description: 'Tradier brokerage access token',
    envVar: 'TRADIER_ACCESS_TOKEN',
    revokeUrl: 'https://dash.tradier.com/settings/api',
    body: b62(28),
  }),
  named(pay, {
    id: 'oanda-access-token',
    provider: 'oanda',
    description: 'OANDA v20 personal access token',
    envVar: 'OANDA_ACCESS_TOKEN',
    revokeUrl: 'https://www.oanda.com/demo-account/tpa/personal_token',
    body: seq(hex(32), lit('-'), hex(32)),
  }),
  named(pay, {
    id: 'fixer-api-key',
    provider: 'fixer',
    description: 'Fixer (currency rates) API access key',
    envVar: 'FIXER_API_KEY',
    revokeUrl: 'https://fixer.io/dashboard',
    name: '(?<![a-z])fixer(?:[_.-]?io)?',
    keywords: ['fixer'],
    body: an(32),
  }),
  named(pay, {
    id: 'currencylayer-api-key',
    provider: 'currencylayer',
    description: 'currencylayer API access key',
    envVar: 'CURRENCYLAYER_API_KEY',
    revokeUrl: 'https://currencylayer.com/dashboard',
    body: an(32),
  }),
  named(pay, {
    id: 'databento-api-key',
    provider: 'databento',
    description: 'Databento API key',
    envVar: 'DATABENTO_API_KEY',
    revokeUrl: 'https://databento.com/portal/keys',
    body: seq(lit('db-'), b62(29)),
  }),
  named(pay, {
    id: 'bittrex-api-secret',
    provider: 'bittrex',
    description: 'Bittrex API secret',
    envVar: 'BITTREX_API_SECRET',
    revokeUrl: 'https://global.bittrex.com/Manage?view=api',
    body: b62(32),
  }),
  named(pay, {
    id: 'freshbooks-access-token',
    provider: 'freshbooks',
    description: 'FreshBooks access token',
    envVar: 'FRESHBOOKS_ACCESS_TOKEN',
    revokeUrl: 'https://my.freshbooks.com/#/developer',
    body: b62(64),
  }),
  named(pay, {
    id: 'lunchmoney-access-token',
    provider: 'lunchmoney',
    description: 'Lunch Money access token',
    envVar: 'LUNCHMONEY_ACCESS_TOKEN',
    revokeUrl: 'https://my.lunchmoney.app/developers',
    name: 'lunch[_.-]?money',
    keywords: ['lunchmoney', 'lunch_money', 'lunch-money', 'lunch.money'],
    body: hex(50),
  }),
  named(pay, {
    id: 'ynab-access-token',
    provider: 'ynab',
    description: 'YNAB (You Need A Budget) personal access token',
    envVar: 'YNAB_ACCESS_TOKEN',
    revokeUrl: 'https://app.ynab.com/settings/developer',
    name: '(?<![a-z])ynab|you[_.-]?need[_.-]?a[_.-]?budget',
    keywords: ['ynab', 'youneedabudget', 'you_need_a_budget', 'you-need-a-budget', 'you.need.a.budget'],
    body: hex(64),
  }),
  named(pay, {
    id: 'rainforest-api-key',
    provider: 'rainforestpay',
    description: 'Rainforest Pay production API key',
    envVar: 'RAINFOREST_API_KEY',
    revokeUrl: 'https://docs.rainforestpay.com/docs/api-keys',
    // Sandbox keys start `sbx_apikey_`: the value must begin at `apikey_`.
    name: 'rainforest',
    body: seq(lit('apikey_'), hex(64)),
    negative: ['RAINFOREST_API_KEY=sbx_apikey_...'],
  }),
];

const media: Rule[] = [
  named(saas, {
    id: 'pixabay-api-key',
    provider: 'pixabay',
    description: 'Pixabay API key',
    envVar: 'PIXABAY_API_KEY',
    revokeUrl: 'https://pixabay.com/api/docs/',
    // `<user id>-<25 hex>`.
    body: seq(
      custom('[0-9]{6,9}', () => randomString(8, 'dec'), always),
      lit('-'),
      hex(25),
    ),
  }),
  named(saas, {
    id: 'iconfinder-api-key',
    provider: 'iconfinder',
    description: 'Iconfinder API key',
    envVar: 'ICONFINDER_API_KEY',
    revokeUrl: 'https://www.iconfinder.com/account/applications',
    body: b62(64),
  }),
  named(saas, {
    id: 'shotstack-api-key',
    provider: 'shotstack',
    description: 'Shotstack API key',
    envVar: 'SHOTSTACK_API_KEY',
    revokeUrl: 'https://dashboard.shotstack.io/keys',
    body: b62(40),
  }),
  named(saas, {
    id: 'ticketmaster-api-key',
    provider: 'ticketmaster',
    description: 'Ticketmaster Discovery API consumer key',
    envVar: 'TICKETMASTER_API_KEY',
    revokeUrl: 'https://developer-acct.ticketmaster.com/user/login',
    body: b62(32),
  }),
  named(saas, {
    id: 'spoonacular-api-key',
    provider: 'spoonacular',
    description: 'Spoonacular API key',
    envVar: 'SPOONACULAR_API_KEY',
    revokeUrl: 'https://spoonacular.com/food-api/console#Profile',
    body: an(32),
  }),
  named(saas, {
    id: 'guardian-api-key',
    provider: 'theguardian',
    description: 'The Guardian Open Platform API key',
    envVar: 'GUARDIAN_API_KEY',
    revokeUrl: 'https://open-platform.theguardian.com/access/',
    name: '(?<![a-z])guardian[_.-]?(?:api|open[_.-]?platform|content)',
    keywords: ['guardian'],
    body: uuid,
  }),
  named(saas, {
    id: 'nytimes-api-key',
    provider: 'nytimes',
    description: 'New York Times API key',
    envVar: 'NYTIMES_API_KEY',
    revokeUrl: 'https://developer.nytimes.com/my-apps',
    name: '(?<![a-z])ny[_.-]?times',
    keywords: ['nytimes', 'ny_times', 'ny-times', 'ny.times'],
    body: b62(32),
  }),
  named(saas, {
    id: 'newscatcher-api-key',
    provider: 'newscatcher',
    description: 'NewsCatcher API key',
    envVar: 'NEWSCATCHER_API_KEY',
    revokeUrl: 'https://app.newscatcherapi.com/',
    body: custom('[A-Za-z0-9_]{43}', () => randomString(43), mixesCases),
  }),
  named(saas, {
    id: 'yelp-api-key',
    provider: 'yelp',
    description: 'Yelp Fusion API key',
    envVar: 'YELP_API_KEY',
    revokeUrl: 'https://www.yelp.com/developers/v3/manage_app',
    body: b64u(128),
  }),
  named(saas, {
    id: 'disqus-api-secret',
    provider: 'disqus',
    description: 'Disqus API secret',
    envVar: 'DISQUS_API_SECRET',
    revokeUrl: 'https://disqus.com/api/applications/',
    // The public API key has the same shape; only a secret or private name is reported.
    name: 'disqus[\\w.:-]{0,20}?(?:secret|private)',
    keywords: ['disqus'],
    body: b62(64),
    negative: ['DISQUS_PUBLIC_KEY=...'],
  }),
  prefixed(saas, {
    id: 'lichess-access-token',
    provider: 'lichess',
    description: 'Lichess personal access token',
    envVar: 'LICHESS_TOKEN',
    revokeUrl: 'https://lichess.org/account/oauth/token',
    prefix: 'lip_',
    body: custom('[A-Za-z0-9_]{16,60}', () => randomString(20), mixesCases),
  }),
];

const search: Rule[] = [
  named(saas, {
    id: 'serpstack-api-key',
    provider: 'serpstack',
    description: 'serpstack API access key',
    envVar: 'SERPSTACK_API_KEY',
    revokeUrl: 'https://serpstack.com/dashboard',
    body: an(32),
  }),
  named(saas, {
    id: 'zenserp-api-key',
    provider: 'zenserp',
    description: 'Zenserp API key',
    envVar: 'ZENSERP_API_KEY',
    revokeUrl: 'https://app.zenserp.com/',
    body: uuid,
  }),
];

const workAndFleet: Rule[] = [
  prefixed(saas, {
    id: 'samsara-api-token',
    provider: 'samsara',
    description: 'Samsara API token',
    envVar: 'SAMSARA_API_TOKEN',
    revokeUrl: 'https://cloud.samsara.com/settings/api-tokens',
    prefix: 'samsara_api_',
    body: b62([26, 32]),
  }),
  token({
    category: saas,
    id: 'workato-api-token',
    provider: 'workato',
    description: 'Workato Developer API token',
    envVar: 'WORKATO_API_TOKEN',
    revokeUrl: 'https://app.workato.com/members/api/clients',
    // `wrka-` (or `wrka<region>-`, e.g. `wrkaeu-`) and a signed JWT.
    pattern: 'wrka(?:[a-z]{2})?-eyJ[A-Za-z0-9_-]{8,300}\\.eyJ[A-Za-z0-9_-]{16,1200}\\.[A-Za-z0-9_-]{64,700}',
    keywords: ['wrka'],
    anchor: 'keyword',
    check: (t) => mixesCases(t.slice(t.lastIndexOf('.') + 1)),
    fake: () =>
      join(
        'wrka-',
        Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url'),
        '.',
        Buffer.from(JSON.stringify({ sub: 'deploy-bot', jti: randomString(24, 'hex'), exp: 2000000000 })).toString('base64url'),
        '.',
        randomString(342, 'b64u'),
      ),
    negative: ['WORKATO_API_TOKEN=wrka-...', 'WORKATO_API_TOKEN=wrka-short'],
  }),
  prefixed(saas, {
    id: 'proof-api-key',
    provider: 'proof',
    description: 'Proof (Notarize) production API key',
    envVar: 'PROOF_API_KEY',
    revokeUrl: 'https://app.proof.com/settings/team/api-keys',
    // Test keys (`prf_test_`, `prf_cli_test_`) reach sandbox data only.
    prefix: 'prf_',
    body: seq(
      custom('(?!(?:cli_)?test_)(?:cli_)?', () => '', always),
      custom('[A-Za-z0-9_-]{20,80}', () => randomString(36, 'b64u'), mixesCases),
    ),
    negative: ['PROOF_API_KEY=prf_test_AbCdEfGhIjKlMnOpQrStUvWxYz123456'],
  }),
  prefixed(comms, {
    id: 'gc-notify-api-key',
    provider: 'gcnotify',
    description: 'GC Notify (Government of Canada) API key',
    envVar: 'NOTIFY_API_KEY',
    revokeUrl: 'https://notification.canada.ca/',
    // `gcntfy-<key name>-<service id>-<secret>`.
    prefix: 'gcntfy-',
    body: seq(
      custom('[a-z0-9_]{1,60}', () => 'deploy_key', always),
      lit('-'),
      uuid,
      lit('-'),
      uuid,
    ),
  }),
];

// The apilayer family: every product's access key is 32 lower-case letters and digits.
const apilayer: Rule[] = (
  [
    ['aviationstack', 'aviationstack', 'aviationstack flight data'],
    ['mediastack', 'mediastack', 'mediastack news'],
    ['coinlayer', 'coinlayer', 'coinlayer crypto rates'],
    ['userstack', 'userstack', 'userstack user-agent'],
    ['vatlayer', 'vatlayer', 'vatlayer VAT'],
    ['numverify', 'numverify', 'numverify phone validation'],
    ['mailboxlayer', 'mailboxlayer', 'mailboxlayer e-mail validation'],
    ['languagelayer', 'languagelayer', 'languagelayer language detection'],
    ['screenshotlayer', 'screenshotlayer', 'screenshotlayer'],
    ['pdflayer', 'pdflayer', 'pdflayer'],
    ['scrapestack', 'scrapestack', 'scrapestack'],
    ['countrylayer', 'countrylayer', 'countrylayer'],
  ] as const
).map(([provider, host, what]) =>
  named(saas, {
    id: `${provider}-api-key`,
    provider,
    description: `${what} API access key`,
    envVar: `${provider.toUpperCase()}_API_KEY`,
    revokeUrl: `https://${host}.com/dashboard`,
    body: an(32),
  }),
);

const gamesAndSocial: Rule[] = [
  prefixed(saas, {
    id: 'riot-games-api-key',
    provider: 'riotgames',
    description: 'Riot Games API key',
    envVar: 'RIOT_API_KEY',
    revokeUrl: 'https://developer.riotgames.com/',
    prefix: 'RGAPI-',
    body: uuid,
  }),
  named(saas, {
    id: 'steam-web-api-key',
    provider: 'steam',
    description: 'Steam Web API key',
    envVar: 'STEAM_API_KEY',
    revokeUrl: 'https://steamcommunity.com/dev/apikey',
    name: '(?<![a-z])steam',
    keywords: ['steam'],
    body: HEX(32),
  }),
  named(saas, {
    id: 'tmdb-api-key',
    provider: 'tmdb',
    description: 'TMDB (The Movie Database) API key',
    envVar: 'TMDB_API_KEY',
    revokeUrl: 'https://www.themoviedb.org/settings/api',
    name: '(?<![a-z])tmdb|the[_.-]?movie[_.-]?db',
    keywords: ['tmdb', 'themoviedb', 'the_movie_db', 'the-movie-db', 'the.movie.db'],
    body: hex(32),
  }),
  named(saas, {
    id: 'lastfm-api-secret',
    provider: 'lastfm',
    description: 'Last.fm API key or shared secret',
    envVar: 'LASTFM_API_SECRET',
    revokeUrl: 'https://www.last.fm/api/accounts',
    name: '(?<![a-z])last[_.-]?fm',
    keywords: ['lastfm', 'last_fm', 'last-fm', 'last.fm'],
    body: hex(32),
  }),
  named(saas, {
    id: 'giphy-api-key',
    provider: 'giphy',
    description: 'GIPHY API key',
    envVar: 'GIPHY_API_KEY',
    revokeUrl: 'https://developers.giphy.com/dashboard/',
    body: b62(32),
  }),
  named(saas, {
    id: 'reddit-client-secret',
    provider: 'reddit',
    description: 'Reddit app client secret',
    envVar: 'REDDIT_CLIENT_SECRET',
    revokeUrl: 'https://www.reddit.com/prefs/apps',
    // The client id (14-22 characters) names the app; the secret is 27 or 30 characters.
    name: 'reddit[\\w.:-]{0,20}?secret',
    keywords: ['reddit'],
    body: custom('[A-Za-z0-9_-]{27}(?:[A-Za-z0-9_-]{3})?', () => randomString(30, 'b64u'), mixesCases),
  }),
  named(saas, {
    id: 'mastodon-access-token',
    provider: 'mastodon',
    description: 'Mastodon access token',
    envVar: 'MASTODON_ACCESS_TOKEN',
    revokeUrl: 'https://docs.joinmastodon.org/client/token/',
    body: b64u(43),
  }),
  prefixed(saas, {
    id: 'vk-access-token',
    provider: 'vk',
    description: 'VK (VKontakte) access token',
    envVar: 'VK_ACCESS_TOKEN',
    revokeUrl: 'https://vk.com/settings?act=apps',
    prefix: 'vk1.a.',
    body: b64u([80, 300]),
  }),
  named(saas, {
    id: 'bing-maps-api-key',
    provider: 'bingmaps',
    description: 'Bing Maps key',
    envVar: 'BING_MAPS_API_KEY',
    revokeUrl: 'https://www.bingmapsportal.com/Application',
    name: '(?<![a-z])bing[_.-]?maps?',
    keywords: ['bing'],
    body: b64u(64),
  }),
];

const moreMarkets: Rule[] = [
  named(pay, {
    id: 'alpaca-api-secret',
    provider: 'alpaca',
    description: 'Alpaca trading API secret key',
    envVar: 'APCA_API_SECRET_KEY',
    revokeUrl: 'https://app.alpaca.markets/paper/dashboard/overview',
    name: '(?:alpaca|(?<![a-z])apca)[\\w.:-]{0,20}?secret',
    keywords: ['alpaca', 'apca'],
    body: b62(40),
  }),
  named(pay, {
    id: 'alphavantage-api-key',
    provider: 'alphavantage',
    description: 'Alpha Vantage API key',
    envVar: 'ALPHAVANTAGE_API_KEY',
    revokeUrl: 'https://www.alphavantage.co/support/#api-key',
    name: 'alpha[_.-]?vantage',
    keywords: ['alphavantage', 'alpha_vantage', 'alpha-vantage', 'alpha.vantage'],
    body: AN(16),
  }),
  named(pay, {
    id: 'coinmarketcap-api-key',
    provider: 'coinmarketcap',
    description: 'CoinMarketCap API key',
    envVar: 'CMC_PRO_API_KEY',
    revokeUrl: 'https://pro.coinmarketcap.com/account',
    name: 'coin[_.-]?market[_.-]?cap|(?<![a-z])cmc[_.-]?(?:pro[_.-]?)?api',
    keywords: ['coinmarketcap', 'coin_market_cap', 'coin-market-cap', 'coin.market.cap', 'cmc'],
    body: uuid,
  }),
];

const moreWork: Rule[] = [
  named(saas, {
    id: 'crowdin-access-token',
    provider: 'crowdin',
    description: 'Crowdin personal access token',
    envVar: 'CROWDIN_PERSONAL_TOKEN',
    revokeUrl: 'https://crowdin.com/settings#api-key',
    body: b62(80),
  }),
  named(saas, {
    id: 'lokalise-api-token',
    provider: 'lokalise',
    description: 'Lokalise API token',
    envVar: 'LOKALISE_API_TOKEN',
    revokeUrl: 'https://app.lokalise.com/profile#apitokens',
    body: an(40),
  }),
  named(saas, {
    id: 'mezmo-ingestion-key',
    provider: 'mezmo',
    description: 'Mezmo (LogDNA) ingestion or service key',
    envVar: 'MEZMO_INGESTION_KEY',
    revokeUrl: 'https://app.mezmo.com/manage/api-keys',
    name: 'mezmo|logdna',
    body: hex(32),
  }),
  prefixed(comms, {
    id: 'pubnub-secret-key',
    provider: 'pubnub',
    description: 'PubNub secret key',
    envVar: 'PUBNUB_SECRET_KEY',
    revokeUrl: 'https://admin.pubnub.com/',
    // Publish (`pub-c-`) and subscribe (`sub-c-`) keys ship in clients; the secret key signs grants.
    prefix: 'sec-c-',
    body: b62([40, 64]),
    negative: ['PUBNUB_PUBLISH_KEY=pub-c-00000000-0000-0000-0000-000000000000'],
  }),
];

const moreGeoAndCommerce: Rule[] = [
  named(saas, {
    id: 'ipinfodb-api-key',
    provider: 'ipinfodb',
    description: 'IPInfoDB API key',
    envVar: 'IPINFODB_API_KEY',
    revokeUrl: 'https://www.ipinfodb.com/account',
    body: an(64),
  }),
  named(saas, {
    id: 'geocodify-api-key',
    provider: 'geocodify',
    description: 'Geocodify API key',
    envVar: 'GEOCODIFY_API_KEY',
    revokeUrl: 'https://geocodify.com/dashboard',
    body: an(40),
  }),
  named(saas, {
    id: 'getgeoapi-api-key',
    provider: 'getgeoapi',
    description: 'GetGeoAPI key',
    envVar: 'GETGEOAPI_API_KEY',
    revokeUrl: 'https://getgeoapi.com/dashboard',
    body: an(40),
  }),
  named(pay, {
    id: 'tickettailor-api-key',
    provider: 'tickettailor',
    description: 'Ticket Tailor API key',
    envVar: 'TICKETTAILOR_API_KEY',
    revokeUrl: 'https://app.tickettailor.com/box-office/api',
    name: 'ticket[_.-]?tailor',
    keywords: ['tickettailor', 'ticket_tailor', 'ticket-tailor', 'ticket.tailor'],
    // `sk_<4 digits>_<6 digits>_<32 hex>`.
    body: seq(
      lit('sk_'),
      custom('[0-9]{4}_[0-9]{6}_', () => `${randomString(4, 'dec')}_${randomString(6, 'dec')}_`, always),
      hex(32),
    ),
  }),
  named(pay, {
    id: 'storecove-api-key',
    provider: 'storecove',
    description: 'Storecove e-invoicing API key',
    envVar: 'STORECOVE_API_KEY',
    revokeUrl: 'https://app.storecove.com/en/docs#_api_keys',
    body: b64u(43),
  }),
  named(saas, {
    id: 'onfleet-api-key',
    provider: 'onfleet',
    description: 'Onfleet API key',
    envVar: 'ONFLEET_API_KEY',
    revokeUrl: 'https://onfleet.com/dashboard#/manage',
    body: an(32),
  }),
  named(pay, {
    id: 'loyverse-access-token',
    provider: 'loyverse',
    description: 'Loyverse POS access token',
    envVar: 'LOYVERSE_ACCESS_TOKEN',
    revokeUrl: 'https://r.loyverse.com/dashboard/#/integrations/tokens',
    body: an(32),
  }),
];

const moreWorkTools: Rule[] = [
  named(saas, {
    id: 'timecamp-api-token',
    provider: 'timecamp',
    description: 'TimeCamp API token',
    envVar: 'TIMECAMP_API_TOKEN',
    revokeUrl: 'https://app.timecamp.com/app#/settings/users/me',
    body: an(26),
  }),
  named(saas, {
    id: 'everhour-api-key',
    provider: 'everhour',
    description: 'Everhour API key',
    envVar: 'EVERHOUR_API_KEY',
    revokeUrl: 'https://app.everhour.com/#/account/profile',
    body: seq(hex(4), lit('-'), hex(4), lit('-'), hex(6), lit('-'), hex(6), lit('-'), hex(8)),
  }),
  named(saas, {
    id: 'podio-client-secret',
    provider: 'podio',
    description: 'Podio API client secret',
    envVar: 'PODIO_CLIENT_SECRET',
    revokeUrl: 'https://podio.com/settings/api',
    body: an(32),
  }),
  named(saas, {
    id: 'zeplin-access-token',
    provider: 'zeplin',
    description: 'Zeplin personal access token',
    envVar: 'ZEPLIN_ACCESS_TOKEN',
    revokeUrl: 'https://app.zeplin.io/profile/developer',
    body: custom('eyJ[A-Za-z0-9._-]{347,397}', () => `eyJ${randomString(370, 'b64u')}`, mixesCases),
  }),
];

export const dataApiRules: Rule[] = [
  ...weather,
  ...geo,
  ...markets,
  ...moreMarkets,
  ...media,
  ...gamesAndSocial,
  ...search,
  ...apilayer,
  ...workAndFleet,
  ...moreWork,
  ...moreGeoAndCommerce,
  ...moreWorkTools,
];
