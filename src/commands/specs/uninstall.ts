import { defineCommand } from '../spec.js';

export const uninstall = defineCommand({
  name: 'uninstall',
  usage: [
    ['keyfence uninstall', 'restore the hooks as they were'],
    ['keyfence uninstall --agents [--agent <name>] [--user]', "take keyfence out of the coding agents' settings"],
  ],
  about:
    "Removes keyfence from this repository's git hooks (or its lines from husky's hook files and its lint-staged task, and the npm publish guard from package.json's prepublishOnly) and puts back, byte for byte, any hook that keyfence had chained or set aside. Lines you added to keyfence's hook files are kept. A hook file whose keyfence block lost its closing line is left as it is, with instructions, and the command exits 2.\n\nWith --agents: takes keyfence's entries out of the coding agents' settings (the project's, or the user's with --user) exactly as they were added; a settings file keyfence created is removed.",
  options: {
    agents: { type: 'boolean', help: "the coding agents' settings instead of the git hooks" },
    agent: { type: 'string', multiple: true, value: '<name>', help: 'only this agent (repeatable); implies --agents' },
    user: { type: 'boolean', help: "with --agents: the user's own agent settings instead of the project's" },
  },
});
