// Client-exposed variables: reading a secret-named variable through a prefix that the front-end build
// inlines (VITE_, NEXT_PUBLIC_, REACT_APP_, PUBLIC_, EXPO_PUBLIC_, NUXT_PUBLIC_, GATSBY_) is a finding
// with no literal in the file; names public by design stay quiet. Real files, real git.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';
import { randomString } from '../../src/rules/fake.js';
import { isExposedSecretName } from '../../src/detect/clientPrefixes.js';
import { maskSecret } from '../../src/report/mask.js';
import { join } from '../../src/rules/fake.js';

interface Finding {
  file: string;
  line: number;
  ruleId: string;
  category: string;
  envVar: string;
  suggestion: string;
}

describe('client-exposed variables', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitFiles({ 'README.md': '# app\n' });
  });
  afterAll(() => repo.cleanup());

  async function stagedFindings(files: Record<string, string>): Promise<{ findings: Finding[]; text: string }> {
    for (const [file, text] of Object.entries(files)) await repo.write(file, text);
    await repo.gitOk(['add', ...Object.keys(files)]);
    const json = await repo.keyfence(['scan', '--staged', '--format', 'json']);
    const text = await repo.keyfence(['scan', '--staged']);
    await repo.gitOk(['rm', '-q', '--cached', ...Object.keys(files)]);
    return { findings: JSON.parse(json.stdout).findings as Finding[], text: text.stdout };
  }

  it('finds secret-named reads in .ts, .tsx, .vue and .svelte files, and says to call a server route', async () => {
    const { findings, text } = await stagedFindings({
      'src/lib/ai.ts': join(
        'export const openai = new OpenAI({ apiKey: import.meta.env.VITE_',
        'OPENAI_API_KEY, dangerouslyAllowBrowser: true });\n',
      ),
      'app/components/Pay.tsx': join("'use client';\nconst stripe = new Stripe(process.env.NEXT_PUBLIC_", 'STRIPE_SECRET_KEY!);\n'),
      'src/components/Chat.vue': join('<script setup lang="ts">\nconst key = process.env.NUXT_PUBLIC_', 'ANTHROPIC_API_KEY\n</script>\n'),
      'src/routes/+page.svelte': join(
        '<script>\n  import { PUBLIC_SUPABASE_URL, PUBLIC_',
        "SUPABASE_SERVICE_ROLE_KEY } from '$env/static/public';\n</script>\n",
      ),
      'App.tsx': join(
        'const token = process.env.EXPO_PUBLIC_',
        'GITHUB_TOKEN;\nconst legacy = process.env.REACT_APP_',
        'SENDGRID_API_KEY;\nconst cms = process.env.GATSBY_',
        'CONTENTFUL_ACCESS_TOKEN;\n',
      ),
    });
    expect(findings.map((f) => [f.file, f.line, f.ruleId, f.envVar])).toEqual([
      ['App.tsx', 1, 'client-exposed-secret-variable', 'GITHUB_TOKEN'],
      ['App.tsx', 2, 'client-exposed-secret-variable', 'SENDGRID_API_KEY'],
      ['App.tsx', 3, 'client-exposed-secret-variable', 'CONTENTFUL_ACCESS_TOKEN'],
      ['app/components/Pay.tsx', 2, 'client-exposed-secret-variable', 'STRIPE_SECRET_KEY'],
      ['src/components/Chat.vue', 2, 'client-exposed-secret-variable', 'ANTHROPIC_API_KEY'],
      ['src/lib/ai.ts', 1, 'client-exposed-secret-variable', 'OPENAI_API_KEY'],
      ['src/routes/+page.svelte', 2, 'client-exposed-secret-import', 'SUPABASE_SERVICE_ROLE_KEY'],
    ]);
    for (const f of findings) {
      expect(f.category).toBe('client-exposed');
      expect(f.suggestion).toContain('server route');
    }
    expect(findings.find((f) => f.file === 'src/lib/ai.ts')?.suggestion).toContain(
      'VITE_ variables are built into the code Vite sends to browsers',
    );
    // The report names the variable: there is no value to hide.
    expect(text).toContain(join('import.meta.env.VITE_', 'OPENAI_API_KEY'));
    expect(text).toContain('[client-exposed-secret-variable]');
  });

  it('stays quiet on names public by design and on server-only names', async () => {
    const { findings } = await stagedFindings({
      'src/lib/supabase.ts':
        'export const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);\n' +
        'const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;\nconst clerk = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY;\n',
      'src/firebase.tsx':
        'const app = initializeApp({ apiKey: process.env.REACT_APP_FIREBASE_API_KEY, appId: process.env.REACT_APP_FIREBASE_APP_ID });\n',
      'src/components/Form.vue':
        '<script setup>\nconst siteKey = import.meta.env.VITE_RECAPTCHA_SITE_KEY\nconst dsn = import.meta.env.VITE_SENTRY_DSN\nconst clientId = import.meta.env.VITE_AUTH0_CLIENT_ID\n</script>\n',
      'src/routes/+layout.svelte':
        "<script>\n  import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_POSTHOG_KEY } from '$env/static/public';\n</script>\n",
      'src/app/api/chat/route.ts': 'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n',
      'src/vite-env.d.ts': 'interface ImportMetaEnv { readonly VITE_OPENAI_API_KEY: string }\n',
    });
    expect(findings).toEqual([]);
  });

  it('finds a real-looking key given a client-exposed name in a .env file, with the same advice', async () => {
    const { findings } = await stagedFindings({
      '.env.production': `VITE_OPENAI_API_KEY=${fakeOpenAIKey('sk-proj-', 74)}\nNEXT_PUBLIC_ACME_SECRET=${randomString(30, 'b62')}7\nVITE_SUPABASE_URL=https://abc.supabase.co\n`,
    });
    expect(findings.map((f) => [f.line, f.envVar])).toEqual([
      [1, 'OPENAI_API_KEY'],
      [2, 'ACME_SECRET'],
    ]);
    for (const f of findings) expect(f.suggestion).toMatch(/inlined into the client bundle/);
  });

  it('decides names by their part after the prefix', () => {
    expect(isExposedSecretName('VITE_OPENAI_API_KEY')).toBe(true);
    expect(isExposedSecretName('NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY')).toBe(true);
    expect(isExposedSecretName('PUBLIC_DB_PASSWORD')).toBe(true);
    for (const name of [
      'VITE_SUPABASE_ANON_KEY',
      'NEXT_PUBLIC_FIREBASE_API_KEY',
      'VITE_TURNSTILE_SITE_KEY',
      'NEXT_PUBLIC_GOOGLE_MAPS_API_KEY',
      'VITE_API_URL',
      'OPENAI_API_KEY',
      'VITE_MAX_TOKENS',
    ]) {
      expect(isExposedSecretName(name), name).toBe(false);
    }
    // The one masking policy shows such a name (it is no secret) and still masks everything else.
    expect(maskSecret('VITE_OPENAI_API_KEY')).toBe('VITE_OPENAI_API_KEY');
    expect(maskSecret('VITE_SUPABASE_ANON_KEY_VALUE_1234')).not.toBe('VITE_SUPABASE_ANON_KEY_VALUE_1234');
  });
});
