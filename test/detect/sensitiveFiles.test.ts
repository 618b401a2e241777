import { describe, expect, it } from 'vitest';
import { isDotenvFile } from '../../src/languages/dotenvFiles.js';
import {
  isWholeSecretFile,
  sensitiveFileAdvice,
  sensitiveFileKind,
  sensitiveFileNotes,
  wholeFileFinding,
} from '../../src/detect/sensitiveFiles.js';

const PRIVATE = '-----BEGIN ' + 'OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';

describe('sensitiveFileKind', () => {
  it.each([
    ['.env', undefined, 'dotenv'],
    ['apps/web/.env.local', undefined, 'dotenv'],
    ['.env.production', undefined, 'dotenv'],
    ['docker/db.env', undefined, 'dotenv'],
    ['keys/id_rsa', undefined, 'private-key'],
    ['home/.ssh/id_ed25519', undefined, 'private-key'],
    ['certs/server.key', PRIVATE, 'private-key'],
    ['certs/tls.pem', PRIVATE, 'private-key'],
    ['certs/client.p12', undefined, 'keystore'],
    ['android/release.jks', undefined, 'keystore'],
    ['win/cert.PFX', undefined, 'keystore'],
    ['.npmrc', '//registry.npmjs.org/:_authToken=abc123def456\n', 'package-credentials'],
    ['.pypirc', '[pypi]\nusername = __token__\npassword = pypi-abc\n', 'package-credentials'],
    ['ci/.netrc', undefined, 'netrc'],
    ['deploy/.aws/credentials', undefined, 'cloud-credentials'],
    ['infra/terraform.tfstate', undefined, 'cloud-credentials'],
    ['.docker/config.json', undefined, 'docker-config'],
    ['ops/.kube/config', undefined, 'kubeconfig'],
    ['.git-credentials', undefined, 'git-credentials'],
    ['.bash_history', undefined, 'shell-history'],
  ])('%s is %s', (path, text, kind) => expect(sensitiveFileKind(path, text)).toBe(kind));

  it.each([
    ['.env.example', undefined],
    ['.env.sample', undefined],
    ['.env.template', undefined],
    ['src/env.ts', undefined],
    ['keys/id_rsa.pub', undefined],
    ['certs/ca.pem', CERT],
    ['certs/signing.pub.pem', '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n'],
    ['.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nsave-exact=true\n'],
    ['.npmrc', 'engine-strict=true\n'],
    ['.pypirc', '[distutils]\nindex-servers = pypi\n'],
    ['config.json', '{"a": 1}'],
    ['README.md', undefined],
  ])('%s is an ordinary file', (path, text) => expect(sensitiveFileKind(path, text)).toBeUndefined());
});

describe('sensitiveFileAdvice', () => {
  it('tells how to untrack a .env file and what to commit instead', () => {
    const info = sensitiveFileAdvice('apps/web/.env');
    expect(info?.kind).toBe('dotenv');
    expect(info?.wholeFileSecret).toBe(false);
    expect(info?.advice).toContain('git rm --cached apps/web/.env');
    expect(info?.advice).toContain('.gitignore');
    expect(info?.advice).toContain('.env.example');
  });

  it('quotes paths that need it', () => {
    expect(sensitiveFileAdvice('my keys/id_rsa')?.advice).toContain("git rm --cached 'my keys/id_rsa'");
  });

  it('marks binary key stores as secret as a whole', () => {
    expect(sensitiveFileAdvice('release.p12')?.wholeFileSecret).toBe(true);
    expect(isWholeSecretFile('a/b/release.pfx')).toBe(true);
    expect(isWholeSecretFile('a/b/logo.png')).toBe(false);
    expect(isDotenvFile('.env.example')).toBe(false);
  });
});

describe("coding agents' state files", () => {
  const state = [
    '.claude/settings.local.json',
    'packages/app/.claude/settings.local.json',
    '.claude/.credentials.json',
    '.claude.json',
    '.claude/projects/-home-me-app/3f2a.jsonl',
    '.cursor/cli-config.json',
    '.cursor/projects/app/agent-transcripts/1.jsonl',
    '.codex/auth.json',
    '.codex/history.jsonl',
    '.codex/sessions/2026/01/02/rollout-1.jsonl',
    '.gemini/oauth_creds.json',
  ];
  const shared = [
    '.claude/settings.json',
    '.mcp.json',
    '.cursor/mcp.json',
    '.cursor/rules/style.mdc',
    '.cursor/hooks.json',
    '.codex/config.toml',
    '.codex/hooks.json',
    '.gemini/settings.json',
    'docs/claude.json',
  ];

  it('are never-commit files, blocked as a whole', () => {
    for (const path of state) {
      expect(sensitiveFileKind(path), path).toBe('agent-state');
      expect(isWholeSecretFile(path), path).toBe(true);
      expect(wholeFileFinding(path, new Uint8Array([0x7b, 0x7d]))?.ruleId, path).toBe('sensitive-file-agent-state');
    }
  });

  it("leave the agents' shared project settings alone", () => {
    for (const path of shared) {
      expect(sensitiveFileKind(path), path).toBeUndefined();
      expect(isWholeSecretFile(path), path).toBe(false);
    }
  });

  it('say why and what to commit instead', () => {
    const finding = wholeFileFinding('.claude/settings.local.json', { sha256: '0'.repeat(64) });
    expect(finding?.suggestion).toContain('git rm --cached .claude/settings.local.json');
    expect(finding?.suggestion).toContain('.claude/settings.json');
  });
});

describe('wholeFileFinding', () => {
  it('reports a key store at line 1 with a content hash standing in for the secret', () => {
    const finding = wholeFileFinding('certs/client.p12', new Uint8Array([0x30, 0x82, 0x01, 0x00]));
    expect(finding).toMatchObject({ ruleId: 'sensitive-file-keystore', category: 'file', line: 1, column: 1 });
    expect(finding?.secret).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(finding?.suggestion).toContain('git rm --cached certs/client.p12');
  });

  it('has nothing to say about other files', () => {
    expect(wholeFileFinding('.env', new Uint8Array([1]))).toBeUndefined();
    expect(wholeFileFinding('logo.png', { sha256: '0'.repeat(64) })).toBeUndefined();
  });
});

describe('sensitiveFileNotes', () => {
  it('gives one note per never-commit file, in order, and none for ordinary files', () => {
    const notes = sensitiveFileNotes([{ file: 'src/app.ts' }, { file: '.env' }, { file: '.env' }, { file: 'keys/id_rsa' }]);
    expect(notes.map((n) => [n.file, n.kind])).toEqual([
      ['.env', 'dotenv'],
      ['keys/id_rsa', 'private-key'],
    ]);
  });
});
