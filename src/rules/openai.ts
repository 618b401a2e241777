// OpenAI keys. Every form carries the marker T3BlbkFJ (base64 of "OpenAI") between two random halves;
// lengths vary by generation, so the halves accept a range around the known sizes (20, 58, 74).
import type { Rule } from '../types.js';
import { join, randomString } from './fake.js';

const MARKER = 'T3BlbkFJ';
const REVOKE = 'https://platform.openai.com/api-keys';
const ENV = 'OPENAI_API_KEY';

/** A fake OpenAI key of the given prefix and half length. */
export function fakeOpenAIKey(prefix: string, half: number, alphabet: 'b62' | 'b64u' = 'b64u'): string {
  const tail = half > 20 ? randomString(half - 1, alphabet) + 'A' : randomString(half, alphabet);
  return join(prefix, randomString(half, alphabet), MARKER, tail);
}

// Word-ish boundary: a key never continues a longer token on either side.
const before = '(?<![A-Za-z0-9_-])';
const after = '(?![A-Za-z0-9_-])';

function openaiRule(id: string, description: string, kind: string, halves: string, envVar = ENV, extraNegatives: string[] = []): Rule {
  // `kind` is a regex fragment (a literal like `proj`, or a class for the catch-all rule).
  const prefix = kind === '' ? 'sk\\-' : `sk\\-${kind}\\-`;
  return {
    id,
    description,
    category: 'openai',
    provider: 'openai',
    regex: new RegExp(`${before}(${prefix}${halves})${after}`),
    keywords: [MARKER.toLowerCase()],
    envVar,
    revokeUrl: REVOKE,
    examples: {
      positive: () => [],
      negative: [
        'const key = "sk-..."',
        'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'api_key = os.environ["OPENAI_API_KEY"]',
        'apiKey: process.env.OPENAI_API_KEY',
        'OPENAI_API_KEY=YOUR_OPENAI_API_KEY',
        ...extraNegatives,
      ],
    },
  };
}

const legacy = openaiRule('openai-legacy-key', 'OpenAI API key (legacy user key)', '', `[A-Za-z0-9]{16,24}${MARKER}[A-Za-z0-9]{16,24}`);
legacy.examples.positive = () => {
  const key = fakeOpenAIKey('sk-', 20, 'b62');
  return [`OPENAI_API_KEY=${key}`, `openai.api_key = "${key}"`];
};

const project = openaiRule('openai-project-key', 'OpenAI project API key', 'proj', `[A-Za-z0-9_-]{16,100}${MARKER}[A-Za-z0-9_-]{16,100}`);
project.examples.positive = () => {
  const short = fakeOpenAIKey('sk-proj-', 20, 'b62');
  const long = fakeOpenAIKey('sk-proj-', 74);
  return [`const client = new OpenAI({ apiKey: "${long}" });`, `client = OpenAI(api_key='${short}')`, `OPENAI_API_KEY: ${long}`];
};

const none = openaiRule('openai-user-key', 'OpenAI user API key (sk-None)', 'None', `[A-Za-z0-9_-]{16,100}${MARKER}[A-Za-z0-9_-]{16,100}`);
none.examples.positive = () => [
  `export OPENAI_API_KEY="${fakeOpenAIKey('sk-None-', 20, 'b62')}"`,
  `key := "${fakeOpenAIKey('sk-None-', 74)}"`,
];

const svcacct = openaiRule(
  'openai-service-account-key',
  'OpenAI service account key',
  'svcacct',
  `[A-Za-z0-9_-]{16,100}${MARKER}[A-Za-z0-9_-]{16,100}`,
);
svcacct.examples.positive = () => [`OPENAI_API_KEY=${fakeOpenAIKey('sk-svcacct-', 74)}`];

const admin = openaiRule(
  'openai-admin-key',
  'OpenAI admin key',
  'admin',
  `[A-Za-z0-9_-]{16,100}${MARKER}[A-Za-z0-9_-]{16,100}`,
  'OPENAI_ADMIN_KEY',
);
admin.examples.positive = () => [`OPENAI_ADMIN_KEY = "${fakeOpenAIKey('sk-admin-', 58)}"`];
legacy.examples.negative.push('OPENAI_ORG_ID=org-' + 'Ab3dE6gH9jK2mN5pQ8sT1vW4');

// Any other `sk-<kind>-` key with the OpenAI marker (e.g. `sk-service-`, kinds OpenAI adds later).
const other = openaiRule(
  'openai-unknown-kind-key',
  'OpenAI API key (other kind)',
  '[a-z]{2,12}',
  `[A-Za-z0-9_-]{16,100}${MARKER}[A-Za-z0-9_-]{16,100}`,
);
other.examples.positive = () => [`OPENAI_API_KEY=${fakeOpenAIKey('sk-service-', 74)}`];

export const openaiRules: Rule[] = [project, none, svcacct, admin, legacy, other];
