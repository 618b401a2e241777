// Injected into CommonJS bundles (scripts/build.mjs): what import.meta means in the bundled file.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
export const importMetaDirname = __dirname;
export const importMetaFilename = __filename;
