// What to write instead of a literal key in an MCP client's configuration: each client's own syntax
// for an environment variable (from its documentation), and what to do for a client that has none.
// The name of the variable comes from where the value sits: an `env` entry is already named; a header
// or a command-line flag is named after its server (`remote` + `Authorization` -> REMOTE_TOKEN).
import { mcpClientOf, type McpClient } from '../detect/mcpConfigs.js';
import { isEnvName, words } from './naming.js';

interface ClientSyntax {
  name: string;
  /** The text that makes the client read `variable` from its environment, when it has one. */
  reference?: (variable: string) => string;
  /** Where the client expands it, in a few words. */
  expands?: string;
}

const CLIENTS: Record<McpClient, ClientSyntax> = {
  'claude-code': {
    name: 'Claude Code',
    reference: (v) => `\${${v}}`,
    expands: "expands ${VAR} and ${VAR:-default} in a server's command, args, env, url and headers",
  },
  cursor: {
    name: 'Cursor',
    reference: (v) => `\${env:${v}}`,
    expands: "expands ${env:VAR} in a server's command, args, env, url and headers",
  },
  vscode: { name: 'VS Code', reference: (v) => `\${env:${v}}`, expands: 'expands ${env:VAR} in mcp.json' },
  gemini: { name: 'Gemini CLI', reference: (v) => `\${${v}}`, expands: 'expands $VAR and ${VAR} in settings.json' },
  windsurf: {
    name: 'Windsurf',
    reference: (v) => `\${env:${v}}`,
    expands: "expands ${env:VAR} in a server's command, args, env, serverUrl, url and headers",
  },
  'claude-desktop': { name: 'Claude Desktop' },
  codex: { name: 'Codex' },
};

/** The client's way to refer to `variable` in its config file, or undefined when it has none. */
export function mcpReference(file: string, variable: string): string | undefined {
  const client = mcpClientOf(file);
  return client ? CLIENTS[client].reference?.(variable) : undefined;
}

/** The client's name, for messages. */
export function mcpClientName(file: string): string {
  const client = mcpClientOf(file);
  return client ? CLIENTS[client].name : 'This MCP client';
}

/** The advice lines for a literal key in an MCP client's config file. */
export function mcpAdvice(file: string, variable: string): { lines: string[]; replacement: string; fixable: boolean } {
  const client = mcpClientOf(file) as McpClient;
  const { name, reference, expands } = CLIENTS[client];
  const load = `Put ${variable}=<value> in .env (git-ignored) and start ${name} with it in its environment (e.g. \`set -a; . ./.env; set +a\` first).`;
  if (reference) {
    const ref = reference(variable);
    const lines = [`Write "${ref}" instead of the key: ${name} ${expands}.`, `${load} \`keyfence fix\` does both.`];
    if (client === 'vscode')
      lines.push(
        `Or let VS Code ask for it once: an "inputs" entry { "type": "promptString", "id": "${variable.toLowerCase()}", "password": true } and "\${input:${variable.toLowerCase()}}" here.`,
      );
    if (client === 'cursor' || client === 'vscode')
      lines.push(`For a local (stdio) server, "envFile": "\${workspaceFolder}/.env" loads the .env for it.`);
    return { lines, replacement: ref, fixable: true };
  }
  if (client === 'codex') {
    return {
      lines: [
        `Codex expands no variables in config.toml: take ${variable} out of the server's env and list it in env_vars = ["${variable}"], which passes it on from Codex's own environment`,
        `(for an HTTP server: bearer_token_env_var = "${variable}", or env_http_headers = { "<Header>" = "${variable}" }).`,
        `Put ${variable}=<value> in .env (git-ignored) and export it before starting Codex. keyfence fix does not rewrite this file.`,
      ],
      replacement: '',
      fixable: false,
    };
  }
  return {
    lines: [
      `${name} passes these values as written (it expands no variables), so the key must leave the file another way:`,
      `set ${variable} in your user environment and drop it from "env", or start the server through a wrapper that reads .env (git-ignored):`,
      `"command": "sh", "args": ["-c", "set -a; . /path/to/.env; set +a; exec <the server's command>"]. Keep this file out of the repository. keyfence fix does not rewrite it.`,
    ],
    replacement: '',
    fixable: false,
  };
}

const SERVER_TABLES = new Set(['mcpServers', 'servers', 'mcp_servers', 'mcp']);
const ENV_TABLES = new Set(['env', 'environment']);
const HEADER_TABLES = new Set(['headers', 'http_headers', 'requestInit']);

/**
 * The variable for a value in an MCP config: `existing` when the value is an `env` entry (its key is
 * the variable the server reads), else `derived` from the server and the header or flag that holds it.
 * `path` is the key path of the value (outermost first), `left` the text before the secret on its line and
 * `previousLine` the line above (a flag in the element before, in an array written one per line).
 */
export function mcpVariableName(path: readonly string[], left: string, previousLine: string): { existing?: string; derived?: string } {
  const at = path.findIndex((key) => SERVER_TABLES.has(key));
  // A server written on one line (`"remote": { "url": ..., "headers": { ... } }`) is named on the value's line.
  const server = at !== -1 && at + 1 < path.length - 1 ? path[at + 1] : left.match(/^\s*["']?([\w.-]+)["']?\s*[:=]\s*\{/)?.[1];
  const leaf = path[path.length - 1];
  const inline = left.match(/["']?(\w+)["']?\s*[:=]\s*\{[^{}]*$/)?.[1];
  const inEnv = path.slice(0, -1).some((key) => ENV_TABLES.has(key)) || (inline !== undefined && ENV_TABLES.has(inline));
  if (inEnv && leaf && isEnvName(leaf)) return { existing: leaf };
  const inHeaders = path.slice(0, -1).some((key) => HEADER_TABLES.has(key)) || (inline !== undefined && HEADER_TABLES.has(inline));
  let what: string | undefined;
  if (inHeaders && leaf) what = /^authorization$/i.test(leaf) ? 'token' : leaf.replace(/^x-/i, '');
  else {
    const flag =
      left.match(/--?([A-Za-z][\w-]*)=$/)?.[1] ?? // "--api-key=VALUE"
      left.match(/["']--?([A-Za-z][\w-]*)["']\s*,\s*["']$/)?.[1] ?? // "--api-key", "VALUE"
      (/^\s*["']$/.test(left) ? previousLine.match(/["']--?([A-Za-z][\w-]*)["']\s*,\s*$/)?.[1] : undefined); // one element a line
    // In an argument list, the element before a value is no name for it unless it is a flag.
    const inArgs = path.includes('args') || /["']?args["']?\s*[:=]\s*\[/.test(left);
    what = flag ?? (!inArgs && leaf && !SERVER_TABLES.has(leaf) ? leaf : undefined);
  }
  if (!what) return {};
  const serverWords = server ? words(server) : [];
  const whatWords = words(what);
  const nameWords = whatWords.slice(0, serverWords.length).join('_') === serverWords.join('_') ? whatWords : [...serverWords, ...whatWords];
  const name = nameWords.join('_').toUpperCase();
  return name.replace(/_/g, '').length >= 3 ? { derived: /^\d/.test(name) ? `_${name}` : name } : {};
}
