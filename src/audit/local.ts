// What the repository's .env files hold: each key found, masked, with its provider and kind, and
// whether git keeps the file out of commits.
import { listPaths } from '../git/files.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maskSecret } from '../report/mask.js';
import type { Finding } from '../types.js';

export interface EnvKey {
  file: string;
  line: number;
  variable?: string;
  ruleId: string;
  provider: string;
  description: string;
  /** What the key can do, where keyfence knows (OpenAI's key kinds). */
  kind?: string;
  value: string;
}

export interface EnvFileAudit {
  file: string;
  tracked: boolean;
  ignored: boolean;
  keys: EnvKey[];
}

const ENV_NAME = /(^|\/)\.env(\.[^/]*)?$|\.env$/;

/** What each OpenAI key kind can reach (platform.openai.com docs on API keys and projects). */
const OPENAI_KINDS: Record<string, string> = {
  'openai-legacy-key': 'legacy user key (sk-): the whole account, every project and organization it belongs to',
  'openai-user-key': "user key (sk-None-): its user's access across the organization",
  'openai-project-key': 'project key (sk-proj-): one project, with the permissions set on the key',
  'openai-service-account-key': 'service account key (sk-svcacct-): one project, no user attached',
  'openai-admin-key': 'admin key (sk-admin-): manages the organization (keys, users, projects); cannot call models',
  'openai-unknown-kind-key': 'OpenAI key of a kind keyfence does not know',
};

/** The paths of one kind, or none when git cannot list them (not a repository, too many). */
function pathsOrNone(root: string, kind: 'tracked' | 'untracked' | 'ignored'): string[] {
  try {
    return listPaths(root, kind, { maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return [];
  }
}

export async function auditEnvFiles(root: string): Promise<EnvFileAudit[]> {
  const tracked = new Set(pathsOrNone(root, 'tracked').filter((f) => ENV_NAME.test(f)));
  const ignored = new Set(pathsOrNone(root, 'ignored').filter((f) => ENV_NAME.test(f)));
  const untracked = pathsOrNone(root, 'untracked').filter((f) => ENV_NAME.test(f));
  const files = [...new Set([...tracked, ...ignored, ...untracked])].sort();
  const { scanText } = await import('../scanners.js');
  const audits: EnvFileAudit[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(join(root, file), 'utf8');
    } catch {
      continue;
    }
    const result = await scanText(text, { file });
    const lines = text.split('\n');
    const keys = result.findings.map((f: Finding) => ({
      file,
      line: f.line,
      variable: /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(lines[f.line - 1] ?? '')?.[1],
      ruleId: f.ruleId,
      provider: providerOf(f),
      description: f.description,
      ...(OPENAI_KINDS[f.ruleId] ? { kind: OPENAI_KINDS[f.ruleId] } : {}),
      value: maskSecret(f.secret),
    }));
    audits.push({ file, tracked: tracked.has(file), ignored: ignored.has(file), keys });
  }
  return audits;
}

function providerOf(finding: Finding): string {
  return finding.ruleId.split('-')[0] ?? finding.category;
}
