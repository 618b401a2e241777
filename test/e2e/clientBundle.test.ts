// Keys in built client code: a minified bundle and its source map, written here as a bundler writes
// them (the key inlined into one long line; the original file in the map's sourcesContent), traced to
// the variable of the project's local .env file that put them there. Values are compared, never shown.
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/repo.js';
import { fakeOpenAIKey } from '../../src/rules/openai.js';

const repos: TestRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

/** What `vite build` leaves: dist/assets/index-<hash>.js (minified, key inlined) and its .map. */
async function builtViteApp(key: string, env: Record<string, string>): Promise<TestRepo> {
  const repo = await TestRepo.create();
  repos.push(repo);
  for (const [file, content] of Object.entries(env)) await repo.write(file, content);
  const filler = Array.from({ length: 40 }, (_, i) => `function r${i}(n){return n.map(x=>x*${i}).filter(Boolean)}`).join(';');
  const bundle = `(function(){${filler};const e="${key}";async function t(n){const o=await fetch("https://api.openai.com/v1/chat/completions",{method:"POST",headers:{"Content-Type":"application/json",Authorization:\`Bearer \${e}\`},body:JSON.stringify(n)});return o.json()}window.ask=t})();\n//# sourceMappingURL=index-3f2a9c.js.map\n`;
  // The original file as the bundler embeds it; here the developer had also pasted the key as a fallback.
  const source = [
    "import { createClient } from './client';",
    '',
    `const apiKey = import.meta.env.${'VITE_'}OPENAI_API_KEY ?? "${key}";`,
    'export const ask = createClient(apiKey);',
    '',
  ].join('\n');
  const map = {
    version: 3,
    file: 'index-3f2a9c.js',
    sources: ['../../src/api.ts', '../../src/client.ts'],
    sourcesContent: [source, 'export const createClient = (k) => k;\n'],
    names: [],
    mappings: 'AAAA,SAASA',
  };
  await repo.write('dist/assets/index-3f2a9c.js', bundle);
  await repo.write('dist/assets/index-3f2a9c.js.map', JSON.stringify(map));
  return repo;
}

describe('keyfence scan dist/ (client bundles)', () => {
  it('names the VITE_ variable from .env.local behind a key in the bundle and in the map, masked', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const repo = await builtViteApp(key, {
      '.env.local': `# local settings\nVITE_APP_TITLE=My shop\nVITE_OPENAI_API_KEY=${key}\n`,
      '.env': 'VITE_APP_TITLE=Shop\n',
    });
    const result = await repo.keyfence(['scan', 'dist/']);
    expect(result.exitCode, result.all).toBe(1);
    expect(result.stdout).toMatch(/dist\/assets\/index-3f2a9c\.js:1:\d+ +OpenAI project API key/);
    // The key in sourcesContent is reported in the embedded file, at its own line.
    expect(result.stdout).toMatch(/dist\/assets\/index-3f2a9c\.js\.map!\/\.\.\/\.\.\/src\/api\.ts:3:\d+ +OpenAI project API key/);
    expect(result.stdout).toMatch(/3 \| const apiKey = import\.meta\.env\.\S+ \?\? "sk-p/);
    // The embedded source also reads a secret-named variable through VITE_: a finding of its own.
    expect(result.stdout).toMatch(/src\/api\.ts:3:\d+ +Secret-named variable read through a client-exposed prefix/);
    const named = 'This is VITE_OPENAI_API_KEY from .env.local: Vite inlines VITE_* into client code';
    expect(result.stdout.split(named).length - 1).toBe(2);
    expect(result.stdout).toContain('Call the API from a server route that reads OPENAI_API_KEY (no VITE_ prefix)');
    expect(result.stdout).toContain(`${key.slice(0, 4)}********${key.slice(-4)}`);
    expect(result.all).not.toContain(key.slice(4, 20));
    // Reported once per place: the map's own text holds the same key, escaped, on its one line.
    expect(result.stdout.match(/OpenAI project API key/g)).toHaveLength(2);
  });

  it('says the same in JSON, and names NEXT_PUBLIC_ variables after Next.js', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const repo = await builtViteApp(key, { '.env.production': `NEXT_PUBLIC_OPENAI_API_KEY="${key}"\n` });
    const result = await repo.keyfence(['scan', '--format', 'json', 'dist']);
    expect(result.exitCode, result.all).toBe(1);
    const all = JSON.parse(result.stdout).findings as Array<{
      file: string;
      entry?: string;
      suggestion: string;
      envVar: string;
      ruleId: string;
    }>;
    // The embedded source's read of VITE_OPENAI_API_KEY is a finding of its own (client-exposed-secret-variable).
    const findings = all.filter((finding) => finding.ruleId === 'openai-project-key');
    expect(findings).toHaveLength(2);
    expect(all).toHaveLength(3);
    for (const finding of findings) {
      expect(finding.suggestion).toContain(
        'This is NEXT_PUBLIC_OPENAI_API_KEY from .env.production: Next.js inlines NEXT_PUBLIC_* into client code',
      );
      expect(finding.envVar).toBe('NEXT_PUBLIC_OPENAI_API_KEY');
    }
    expect(result.all).not.toContain(key.slice(4, 20));
  });

  it('without a matching .env value, still reports the map finding at the embedded file, with advice for built output', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const repo = await builtViteApp(key, { '.env.local': `VITE_OPENAI_API_KEY=${fakeOpenAIKey('sk-proj-', 74)}\n` });
    const result = await repo.keyfence(['scan', 'dist/assets/index-3f2a9c.js.map']);
    expect(result.exitCode, result.all).toBe(1);
    expect(result.stdout).toMatch(/index-3f2a9c\.js\.map!\/\.\.\/\.\.\/src\/api\.ts:3:\d+/);
    expect(result.stdout).toContain('The source map embeds the original ../../src/api.ts (sourcesContent)');
    expect(result.stdout).not.toContain('This is VITE_OPENAI_API_KEY');
  });

  it('blocks a commit of a source map whose embedded file holds a key, reported at that file', async () => {
    const key = fakeOpenAIKey('sk-proj-', 74);
    const repo = await builtViteApp(key, {});
    await repo.gitOk(['add', 'dist/assets/index-3f2a9c.js.map']);
    const result = await repo.keyfence(['scan', '--staged']);
    expect(result.exitCode, result.all).toBe(1);
    expect(result.stdout).toMatch(/index-3f2a9c\.js\.map!\/\.\.\/\.\.\/src\/api\.ts:3:\d+/);
  });
});
