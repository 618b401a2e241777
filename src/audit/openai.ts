// The OpenAI organization's keys, checked for rotation and least privilege: age, last use, owners who
// left the project, admin keys that never expire.
import type { OpenAIKeyRecord } from '../revoke/openaiAdmin.js';

export interface AuditPolicy {
  maxAgeDays: number;
  unusedDays: number;
  now: Date;
}

export interface KeyAudit {
  kind: 'project' | 'admin';
  id: string;
  name: string;
  redactedValue: string;
  project?: string;
  owner?: string;
  ownerType?: string;
  createdAt?: string;
  lastUsedAt?: string | null;
  ageDays?: number;
  flags: string[];
}

const DAY = 86_400;
const iso = (t: number | null | undefined) => (typeof t === 'number' ? new Date(t * 1000).toISOString().slice(0, 10) : null);

export function auditOpenAIKeys(records: OpenAIKeyRecord[], policy: AuditPolicy): KeyAudit[] {
  const now = policy.now.getTime() / 1000;
  return records.map((r) => {
    const flags: string[] = [];
    const ageDays = typeof r.createdAt === 'number' ? Math.floor((now - r.createdAt) / DAY) : undefined;
    if (ageDays !== undefined && ageDays > policy.maxAgeDays) flags.push(`older than ${policy.maxAgeDays} days`);
    const since = typeof r.lastUsedAt === 'number' ? r.lastUsedAt : r.createdAt;
    if (since !== undefined && now - since > policy.unusedDays * DAY)
      flags.push(r.lastUsedAt == null ? `never used in ${policy.unusedDays}+ days` : `unused for ${policy.unusedDays}+ days`);
    if (r.ownerActive === false) flags.push('owner no longer active in the project');
    if (r.kind === 'admin' && r.expiresAt == null) flags.push('admin key without expiry');
    return {
      kind: r.kind,
      id: r.id,
      name: r.name,
      redactedValue: r.redactedValue,
      ...(r.projectName !== undefined ? { project: `${r.projectName} (${r.projectId})` } : {}),
      ...(r.owner !== undefined ? { owner: r.owner } : {}),
      ...(r.ownerType !== undefined ? { ownerType: r.ownerType } : {}),
      createdAt: iso(r.createdAt) ?? undefined,
      lastUsedAt: iso(r.lastUsedAt),
      ...(ageDays !== undefined ? { ageDays } : {}),
      flags,
    };
  });
}
