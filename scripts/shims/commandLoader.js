// Bundled into the CommonJS dispatcher (dist/cli.js) by scripts/build.mjs: loads a command bundle
// (dist/commands/<name>.js) through a V8 code cache, so that a hook does not parse and compile the same
// JavaScript on every commit (Node 20 has no module.enableCompileCache). The cache is written once, on
// exit of the first run, and holds the functions that run compiled.
//
// It lives in <node_modules>/.cache/keyfence when keyfence is installed in a node_modules folder (the
// project's own files, like the package itself), and nowhere else: a shared temporary directory could
// be written by another user. KEYFENCE_COMPILE_CACHE=0 turns it off. Any problem falls back to require().
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

export function loadCommand(name) {
  const filename = path.join(__dirname, 'commands', `${name}.js`);
  const directory = cacheDirectory();
  if (!directory) return require(filename);
  let source;
  let key;
  try {
    source = fs.readFileSync(filename, 'utf8');
    const stats = fs.statSync(filename);
    key = `${name}-${VERSION}-${process.version}-${process.arch}-${stats.size}-${Math.trunc(stats.mtimeMs)}`;
  } catch {
    return require(filename);
  }
  const cacheFile = path.join(directory, `${key}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // First run of this version: compiled normally, cached on exit.
  }
  const vm = require('node:vm');
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const commandModule = new Module(filename, module);
  commandModule.filename = filename;
  commandModule.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._cache[filename] = commandModule;
  script
    .runInThisContext()
    .call(commandModule.exports, commandModule.exports, Module.createRequire(filename), commandModule, filename, path.dirname(filename));
  commandModule.loaded = true;
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(directory, cacheFile, name, script));
  return commandModule.exports;
}

function cacheDirectory() {
  if (process.env.KEYFENCE_COMPILE_CACHE === '0') return undefined;
  let nodeModules = path.dirname(path.dirname(__dirname));
  if (path.basename(nodeModules).startsWith('@')) nodeModules = path.dirname(nodeModules);
  return path.basename(nodeModules) === 'node_modules' ? path.join(nodeModules, '.cache', 'keyfence') : undefined;
}

/** Atomically (concurrent hooks), replacing this command's caches of other versions. */
function writeCache(directory, cacheFile, name, script) {
  try {
    fs.mkdirSync(directory, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
    for (const entry of fs.readdirSync(directory)) {
      if (entry.startsWith(`${name}-`) && entry.endsWith('.v8') && path.join(directory, entry) !== cacheFile)
        fs.rmSync(path.join(directory, entry), { force: true });
    }
  } catch {
    // A read-only node_modules only costs the cache.
  }
}
