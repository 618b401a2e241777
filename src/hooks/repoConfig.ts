// The repository's keyfence configuration for the message and push hooks, from the work tree root.
import type { Config } from '../types.js';
import { UsageError } from '../types.js';

/** The config, or undefined (built-in rules) when there is no repository; a broken config is an error. */
export async function repoConfig(cwd: string): Promise<Config | undefined> {
  try {
    const [{ resolveRepo }, { loadConfig }] = await Promise.all([import('../git/repo.js'), import('../config/load.js')]);
    return await loadConfig((await resolveRepo(cwd)).root);
  } catch (error) {
    if (error instanceof UsageError && /config|\.keyfence|package\.json/i.test(error.message)) throw error;
    return undefined;
  }
}
