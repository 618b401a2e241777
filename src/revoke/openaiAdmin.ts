// The OpenAI Admin API, read and delete: the organization's projects, each project's API keys (user and
// service-account keys) and the admin keys, paginated. Only the admin key is sent: a leaked key is
// matched here, locally, against each key's `redacted_value`.
import { endpointOrigin } from '../verify/request.js';
import { ProviderError, requestJson } from '../verify/http.js';

export interface OpenAIKeyRecord {
  kind: 'project' | 'admin';
  id: string;
  name: string;
  redactedValue: string;
  projectId?: string;
  projectName?: string;
  /** The owner's name or email, and what it is (user, service account). */
  owner?: string;
  ownerType?: string;
  /** False when the owner no longer has access to the project. */
  ownerActive?: boolean;
  createdAt?: number;
  lastUsedAt?: number | null;
  expiresAt?: number | null;
}

export interface AdminClientOptions {
  adminKey: string;
  /** Every secret to keep out of messages (the admin key is added). */
  secrets?: string[];
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

const PAGE = 100;

export class OpenAIAdmin {
  private readonly origin: string;
  private readonly secrets: string[];

  constructor(private readonly options: AdminClientOptions) {
    this.origin = endpointOrigin('KEYFENCE_ENDPOINT_OPENAI', 'https://api.openai.com', options.env);
    this.secrets = [options.adminKey, ...(options.secrets ?? [])];
  }

  get host(): string {
    return new URL(this.origin).host;
  }

  private async get(path: string): Promise<Record<string, unknown>> {
    const answer = await requestJson(this.origin + path, {
      headers: { Authorization: `Bearer ${this.options.adminKey}` },
      secrets: this.secrets,
      log: this.options.log,
    });
    if (answer.status === 401 || answer.status === 403)
      throw new ProviderError(
        `OpenAI refused OPENAI_ADMIN_KEY (HTTP ${answer.status}): it must be an admin key (sk-admin-...) of the organization`,
      );
    if (answer.status === 429) throw new ProviderError('OpenAI is rate limiting the Admin API (HTTP 429); try again later');
    if (answer.status !== 200 || !answer.json || typeof answer.json !== 'object')
      throw new ProviderError(`OpenAI answered HTTP ${answer.status} to GET ${path.split('?')[0]}`);
    return answer.json as Record<string, unknown>;
  }

  /** Every item of a paginated list (`after` = the last id, while `has_more`). */
  private async all(path: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let after: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const body = await this.get(`${path}${sep}limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      const data = Array.isArray(body.data) ? (body.data as Record<string, unknown>[]) : [];
      items.push(...data);
      const last = typeof body.last_id === 'string' ? body.last_id : (data[data.length - 1]?.id as string | undefined);
      if (body.has_more !== true || !last || last === after) return items;
      after = last;
    }
    return items;
  }

  /** Every project key and admin key of the organization. */
  async inventory(): Promise<OpenAIKeyRecord[]> {
    const records: OpenAIKeyRecord[] = [];
    for (const project of await this.all('/v1/organization/projects?include_archived=true')) {
      const projectId = String(project.id);
      for (const key of await this.all(`/v1/organization/projects/${encodeURIComponent(projectId)}/api_keys?owner_project_access=any`)) {
        const owner = (key.owner ?? {}) as Record<string, unknown>;
        const who = (owner.type === 'service_account' ? owner.service_account : owner.user) as Record<string, unknown> | undefined;
        records.push({
          kind: 'project',
          id: String(key.id),
          name: String(key.name ?? ''),
          redactedValue: String(key.redacted_value ?? ''),
          projectId,
          projectName: String(project.name ?? ''),
          owner: who ? String(who.email ?? who.name ?? who.id ?? '') : undefined,
          ownerType: typeof owner.type === 'string' ? owner.type : undefined,
          ownerActive: key.owner_project_access !== 'inactive',
          createdAt: typeof key.created_at === 'number' ? key.created_at : undefined,
          lastUsedAt: typeof key.last_used_at === 'number' ? key.last_used_at : null,
          expiresAt: typeof key.expires_at === 'number' ? key.expires_at : null,
        });
      }
    }
    for (const key of await this.all('/v1/organization/admin_api_keys')) {
      const owner = (key.owner ?? {}) as Record<string, unknown>;
      records.push({
        kind: 'admin',
        id: String(key.id),
        name: String(key.name ?? ''),
        redactedValue: String(key.redacted_value ?? ''),
        owner: owner.name !== undefined ? String(owner.name) : undefined,
        ownerType: 'user',
        createdAt: typeof key.created_at === 'number' ? key.created_at : undefined,
        lastUsedAt: typeof key.last_used_at === 'number' ? key.last_used_at : null,
        expiresAt: typeof key.expires_at === 'number' ? key.expires_at : null,
      });
    }
    return records;
  }

  async remove(record: OpenAIKeyRecord): Promise<void> {
    const path =
      record.kind === 'admin'
        ? `/v1/organization/admin_api_keys/${encodeURIComponent(record.id)}`
        : `/v1/organization/projects/${encodeURIComponent(record.projectId ?? '')}/api_keys/${encodeURIComponent(record.id)}`;
    const answer = await requestJson(this.origin + path, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${this.options.adminKey}` },
      secrets: this.secrets,
      log: this.options.log,
    });
    if (answer.status !== 200 || (answer.json as { deleted?: unknown } | undefined)?.deleted !== true) {
      throw new ProviderError(`OpenAI did not delete the key (HTTP ${answer.status})`);
    }
  }
}

/**
 * True when `key` fits a redacted value such as `sk-abc...wxyz`: the shown start and end, around a
 * run of dots, an ellipsis or stars. A value with fewer than 8 shown characters matches nothing.
 */
export function matchesRedacted(key: string, redacted: string): boolean {
  const parts = redacted.split(/\.{3,}|\u2026|\*{3,}/);
  if (parts.length !== 2) return false;
  const [head, tail] = parts as [string, string];
  if (head.length + tail.length < 8) return false;
  return key.length > head.length + tail.length && key.startsWith(head) && key.endsWith(tail);
}
