// `keyfence baseline [paths...]`: accept the secrets already in a repository's tracked files, so that
// only new ones block. Writes salted scrypt hashes of the secrets (never the secrets) to the baseline
// file, and converts a version 1 file (unsalted sha256) on a run over the whole repository.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseCommand } from './commandLine.js';
import { baseline as spec } from './specs/baseline.js';
import { UsageError, type Config } from '../types.js';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const partial = positionals.length > 0;
  if (values.prune && partial) {
    throw new UsageError('baseline: --prune needs a scan of the whole repository; run it without paths');
  }

  const [{ resolveRepo }, { loadConfig }, { trackedFiles }, { changedTrackedFiles }] = await Promise.all([
    import('../git/repo.js'),
    import('../config/load.js'),
    import('../config/trackedFiles.js'),
    import('../git/files.js'),
  ]);
  const cwd = process.cwd();
  const { root } = await resolveRepo(cwd);
  const config = await loadConfig(root);
  const baselineFile = config.baselineFile ?? '.keyfence-baseline.json';
  const converting = config.baselineHashing?.version === 1;
  if (converting && partial) {
    throw new UsageError(
      `baseline: ${baselineFile} is a version 1 baseline (unsalted sha256); converting it needs a scan of the whole repository: run "keyfence baseline" without paths`,
    );
  }
  const files = await trackedFiles(root, cwd, positionals);

  const [
    { scanPaths },
    { mergeBaseline },
    { serializeBaseline },
    { unusedEntriesNotice, describeAllowEntry },
    { SecretDigests, newHashing },
    { findingLocation },
  ] = await Promise.all([
    import('../scanners.js'),
    import('../config/baselineMerge.js'),
    import('../config/baselineFile.js'),
    import('../config/notices.js'),
    import('../config/baselineHash.js'),
    import('../report/location.js'),
  ]);
  // Scan without the baseline, so that every secret is seen and matched against the entries here.
  const scanConfig: Config = { ...config, allowedSecrets: [] };
  const result = await scanPaths({ cwd: root, paths: files, config: scanConfig });
  const hashing = config.baselineHashing?.version === 2 ? config.baselineHashing : newHashing();
  const secrets = new Set(result.findings.map((f) => f.secret));
  const newHashes = new SecretDigests(hashing);
  const oldHashes = converting ? new SecretDigests({ version: 1 }) : newHashes;
  await Promise.all([newHashes.digestAll(secrets), oldHashes.digestAll(secrets)]);
  const merge = mergeBaseline(config.allowedSecrets, result.findings, {
    prune: Boolean(values.prune),
    converting,
    existingHash: (secret) => oldHashes.get(secret),
    newHash: (secret) => newHashes.get(secret),
  });

  const target = join(root, baselineFile);
  const before = await readFile(target, 'utf8').catch(() => undefined);
  const text = serializeBaseline({ hashing, entries: merge.entries });
  const changed = before !== text;

  const out: string[] = [];
  out.push(
    `keyfence baseline: scanned ${result.scanned} tracked file${plural(result.scanned)}, found ${secrets.size} distinct secret${plural(secrets.size)}.`,
  );
  if (result.skipped.length > 0)
    out.push(
      `  ${result.skipped.length} file${plural(result.skipped.length)} not scanned, or not fully (ignored, unreadable, or an archive keyfence cannot open).`,
    );
  if (merge.added.length > 0) {
    out.push(`${values.check ? 'Not in' : 'Added to'} ${baselineFile}:`);
    for (const { entry, finding } of merge.added) {
      out.push(
        `  ${findingLocation(finding)}  ${finding.description}  ${entry.preview ?? ''}${entry.path ? `  (path ${entry.path})` : ''}`,
      );
    }
  }
  const uncommitted = await changedTrackedFiles(root);
  const fresh = [...new Set(merge.added.map((a) => a.finding.file).filter((file) => uncommitted.has(file)))];
  if (fresh.length > 0) {
    out.push(
      `  Note: ${fresh.join(', ')} ha${fresh.length === 1 ? 's' : 've'} uncommitted changes; secrets there are accepted as they are on disk.`,
    );
  }
  if (merge.kept.length > 0) {
    out.push(
      `${merge.kept.length} entr${merge.kept.length === 1 ? 'y' : 'ies'} already in ${baselineFile} still match${merge.kept.length === 1 ? 'es' : ''}.`,
    );
  }
  if (converting) {
    out.push(
      `${baselineFile} is a version 1 baseline (unsalted sha256: a short secret can be recovered from it by trying guesses). ` +
        `${values.check ? '"keyfence baseline" will convert' : 'Converted'} it to version 2 (salted scrypt): ${merge.kept.length} entr${merge.kept.length === 1 ? 'y' : 'ies'} rehashed from the secrets they match.`,
    );
    if (merge.dropped.length > 0) {
      out.push(
        `${merge.dropped.length} entr${merge.dropped.length === 1 ? 'y matches' : 'ies match'} no secret in the tracked files and cannot be rehashed without it; ${values.check ? 'they will be' : 'they were'} left out:`,
        ...merge.dropped.map((entry) => `  ${describeAllowEntry(entry, secrets)}`),
      );
    }
  }
  if ((!converting || values.prune) && !partial && merge.unused.length > 0) {
    const notice = unusedEntriesNotice(merge.unused, baselineFile, secrets);
    if (values.prune) notice.splice(-1, 1, values.check ? '  "keyfence baseline --prune" will remove them.' : '  Removed.');
    out.push(...notice);
  }

  if (values.check) {
    const stale = converting || merge.added.length > 0 || (!partial && merge.unused.length > 0);
    out.push(stale ? `${baselineFile} is out of date; run "keyfence baseline" to update it.` : `${baselineFile} is up to date.`);
    process.stdout.write(`${out.join('\n')}\n`);
    return stale ? 1 : 0;
  }

  if (changed) {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    out.push(
      `Wrote ${baselineFile} (${merge.entries.length} entr${merge.entries.length === 1 ? 'y' : 'ies'}). Commit it so the hook accepts these secrets.`,
    );
    if (merge.added.length > 0) out.push('They are still in your history and in every clone: rotate them when you can.');
  } else {
    out.push(`${baselineFile} is up to date.`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

const plural = (n: number) => (n === 1 ? '' : 's');
