import { defineConfig } from 'vitest/config';

/**
 * Unit tests: in-process, no build, no spawned CLI, no git repository; `npm run test:unit` runs them
 * alone in a minute or so. Every other test file is end-to-end (real git, the built CLI in dist/,
 * which the e2e project's global setup builds first); a new test file is end-to-end unless listed here.
 */
const UNIT = [
  'test/rules/**/*.test.ts',
  'test/report/{mask,sarif}.test.ts',
  'test/detect/sensitiveFiles.test.ts',
  'test/source/{contentReader,pathSource,sourceMap}.test.ts',
  'test/agents/formats.test.ts',
  'test/commands/registry.test.ts',
  'test/config/{baselineMerge,broad,filter,inlineAllow,json,load,suppressions}.test.ts',
  // Not detect/anchor.test.ts: it checks every anchored rule exhaustively (~9 min of CPU here).
  'test/detect/{caseFold,decode,engine,keywords,secretSpan}.test.ts',
  'test/fix/{dotenv,rewrite}.test.ts',
  'test/source/historyPatch.test.ts',
  'test/install/publishGuard.test.ts',
  'test/remedy/suggest.test.ts',
  'test/verify/providers.test.ts',
];

export default defineConfig({
  test: {
    // End-to-end tests spawn real git processes and commit in temp repos.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    coverage: { provider: 'v8', include: ['src/**/*.ts'] },
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: UNIT, globalSetup: ['test/support/globalSetup.ts'] },
      },
    ],
  },
});
