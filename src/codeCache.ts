// V8's compiled code for the command bundles, kept between runs. A hook starts node on every commit, and
// compiling a command bundle of several hundred KB is a large share of its start-up; V8 can instead take
// back the code it compiled last time. Node 22.1+ does this itself (module.enableCompileCache); on Node 20
// the bundles in <dist>/commands are compiled through vm.Script with cached data.
//
// The cache lives in the package's own folder (<dist>/.v8-cache), never in a shared temporary folder: a
// cache file is code, and must be no easier to write than the bundle it stands for. Each file is named by
// the bundle's size and modification time and by node's version and architecture; V8 refuses data made by
// another version or with other flags, and the bundle then compiles as usual. Any failure (a read-only
// package, a full disk) only means no cache.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

type CompiledModule = { exports: unknown; _compile(content: string, filename: string): unknown };

/** `version`: the package's, part of each cache file's name. */
export function enableCodeCache(distDir: string, version: string): void {
  if (process.env.KEYFENCE_NO_CODE_CACHE) return;
  const folder = join(distDir, '.v8-cache');
  const builtin = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (typeof builtin === 'function') {
    try {
      builtin(folder);
    } catch {
      // no cache
    }
    return;
  }
  const commands = join(distDir, 'commands');
  const proto = (Module as unknown as { prototype: CompiledModule }).prototype;
  const compile = proto._compile;
  proto._compile = function (this: CompiledModule, content: string, filename: string): unknown {
    if (dirname(filename) !== commands || !filename.endsWith('.js')) return compile.call(this, content, filename);
    return compileCached(this, content, filename, folder, version);
  };
}

function compileCached(module: CompiledModule, content: string, filename: string, folder: string, version: string): unknown {
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    // V8 checks only the length of the source against the data, so the name must change with the content:
    // npm gives every installed file the same modification time, but each install its own change time.
    const { size, mtimeMs, ctimeMs } = statSync(filename);
    const stamp = [basename(filename, '.js'), version, size, Math.trunc(mtimeMs), Math.trunc(ctimeMs), process.version, process.arch].join(
      '-',
    );
    cacheFile = join(folder, `${stamp}.bin`);
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  const script = new Script((Module as unknown as { wrap(code: string): string }).wrap(content), {
    filename,
    ...(cachedData ? { cachedData } : {}),
  });
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: CompiledModule,
    filename: string,
    dirname: string,
  ) => unknown;
  const result = wrapper.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit, so that the functions this run compiled lazily are in the cache too.
    const target = cacheFile;
    process.once('exit', () => {
      try {
        mkdirSync(folder, { recursive: true });
        const temporary = `${target}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, target);
      } catch {
        // read-only package or full disk: no cache
      }
    });
  }
  return result;
}
