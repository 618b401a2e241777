// Advice for a key found in built output: a bundle, or a source file a source map embeds. There the
// code is not what to edit: the key came from the source or from a variable the build inlined.
import { clientPrefixOf, inliningSentence, withoutClientPrefix } from '../detect/clientPrefixes.js';

/** Folders that build tools write their output to. */
const BUILD_FOLDER =
  /(?:^|\/)(?:dist|build|out|\.next|\.nuxt|\.output|\.svelte-kit|\.vercel\/output|\.netlify|storybook-static|\.expo|web-build)\//;
/** Past this many characters, a line of JavaScript or CSS is minified output. */
const MINIFIED_LINE = 1000;

/**
 * Whether a finding is in built output: a build folder, a minified file, a source map (or a file one
 * embeds), or a script whose line is too long to be written by hand.
 */
export function isBuiltOutput(finding: { file: string; entry?: string; lineText: string }): boolean {
  const file = finding.file.replace(/\\/g, '/');
  if (BUILD_FOLDER.test(file) || /\.min\.(?:js|mjs|cjs|css)$/i.test(file) || /\.map$/i.test(file)) return true;
  return /\.(?:js|mjs|cjs|css)$/i.test(file) && finding.lineText.length > MINIFIED_LINE;
}

/** A key inside a file that a source map embeds (`app.js.map!/src/api.ts`). */
export function embeddedSourceAdvice(source: string): string {
  return (
    `The source map embeds the original ${source} (sourcesContent), so whoever gets the map gets that file and this key. ` +
    'Take the key out of the source (a server route reads it from its environment), rebuild, and rotate the key.'
  );
}

/** Where a finding's value was found among the project's local env files. */
export interface EnvOrigin {
  /** The variable's name. */
  name: string;
  /** The env file, as reported (relative to the current directory). */
  file: string;
}

/** What to say about a key in built output that is the value of a local env variable. */
export function envOriginAdvice(origin: EnvOrigin): string {
  const prefix = clientPrefixOf(origin.name);
  if (prefix) {
    return (
      `This is ${origin.name} from ${origin.file}: ${inliningSentence(prefix)}, so everyone who loads it gets this key. ` +
      `Call the API from a server route that reads ${withoutClientPrefix(origin.name)} (no ${prefix.prefix} prefix) from its environment, rebuild, and rotate the key.`
    );
  }
  return (
    `This is ${origin.name} from ${origin.file}: the build copied its value into this file. ` +
    'Read it at run time on the server instead of at build time, rebuild, and rotate the key if this file was ever shipped.'
  );
}
