// GitHub's credential revocation API: POST /credentials/revoke with {"credentials": [...]}, no
// authentication (an authenticated request is refused), for tokens the caller need not own. GitHub
// revokes them for good and tells their owners. At most 1000 tokens per request.
import { endpointOrigin } from '../verify/request.js';
import { requestJson } from '../verify/http.js';

export const GITHUB_REVOCABLE_RULES = new Set([
  'github-pat',
  'github-fine-grained-pat',
  'github-oauth-token',
  'github-user-to-server-token',
  'github-refresh-token',
]);
const BATCH = 1000;

export interface GithubRevokeResult {
  revoked: string[];
  failed: Array<{ token: string; why: string }>;
}

export function githubOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return endpointOrigin('KEYFENCE_ENDPOINT_GITHUB', 'https://api.github.com', env);
}

export async function revokeGithubTokens(
  tokens: string[],
  options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<GithubRevokeResult> {
  const result: GithubRevokeResult = { revoked: [], failed: [] };
  const origin = githubOrigin(options.env);
  for (let i = 0; i < tokens.length; i += BATCH) {
    const batch = tokens.slice(i, i + BATCH);
    try {
      const answer = await requestJson(`${origin}/credentials/revoke`, {
        method: 'POST',
        headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', 'User-Agent': 'keyfence-revoke' },
        body: { credentials: batch },
        secrets: tokens,
        log: options.log,
      });
      if (answer.status === 202) result.revoked.push(...batch);
      else {
        const why =
          answer.status === 422
            ? 'GitHub refused the request (HTTP 422: validation failed, or too many requests)'
            : `GitHub answered HTTP ${answer.status}`;
        for (const token of batch) result.failed.push({ token, why });
      }
    } catch (error) {
      for (const token of batch) result.failed.push({ token, why: (error as Error).message });
    }
  }
  return result;
}
