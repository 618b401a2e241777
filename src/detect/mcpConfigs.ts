// The files in which coding agents and editors list their MCP servers, and which client reads each.
// A pure function of the path: the rules (which values count as secrets there), the remedy (which
// variable syntax the client expands) and `keyfence fix` all ask this one place.

export type McpClient = 'claude-code' | 'claude-desktop' | 'cursor' | 'vscode' | 'codex' | 'gemini' | 'windsurf';

/** The MCP client whose configuration `path` is, or undefined for any other file. */
export function mcpClientOf(path: string): McpClient | undefined {
  const normalized = path.replace(/\\/g, '/');
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  switch (name) {
    case '.mcp.json':
      return 'claude-code';
    case 'claude_desktop_config.json':
      return 'claude-desktop';
    case 'mcp_config.json':
      return 'windsurf';
    case 'mcp.json':
      if (/(?:^|\/)\.cursor\/mcp\.json$/.test(normalized)) return 'cursor';
      if (/(?:^|\/)\.vscode\/mcp\.json$/.test(normalized)) return 'vscode';
      return undefined;
    case 'config.toml':
      return /(?:^|\/)\.codex\/config\.toml$/.test(normalized) ? 'codex' : undefined;
    case 'settings.json':
      return /(?:^|\/)\.gemini\/settings\.json$/.test(normalized) ? 'gemini' : undefined;
    default:
      return undefined;
  }
}

/** True for an MCP configuration file of any client. */
export function isMcpConfigFile(path: string): boolean {
  return mcpClientOf(path) !== undefined;
}
