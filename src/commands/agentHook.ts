// `keyfence hook agent <name>`: its own bundle, so an agent's per-call hook loads only what it needs.
export async function run(argv: string[]): Promise<number> {
  return (await import('../agents/hook.js')).runAgentHook(argv);
}
