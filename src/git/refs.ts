// Revisions and remotes: what a name points at, how deep a commit is, the remotes configured and the
// commits their tracking refs hold.
import { runGit } from './exec.js';

/** The object id `revision` names (`git rev-parse --verify`); an error when it names nothing. */
export async function resolveRevision(cwd: string, revision: string): Promise<string> {
  return (await runGit(['rev-parse', '--verify', '--end-of-options', revision], { cwd })).toString('utf8').trim();
}

/** How many commits `revision` reaches, itself included (`git rev-list --count`). */
export async function commitCount(cwd: string, revision: string): Promise<number> {
  return Number.parseInt((await runGit(['rev-list', '--count', revision], { cwd })).toString('utf8'), 10);
}

/** The names of the configured remotes. */
export async function remoteNames(cwd: string): Promise<string[]> {
  return (await runGit(['remote'], { cwd })).toString('utf8').split('\n').filter(Boolean);
}

/** Each configured remote's name and URL (`remote.<name>.url`); an error when none is configured. */
export async function configuredRemoteUrls(cwd: string): Promise<Array<{ name: string; url: string }>> {
  const config = (await runGit(['config', '--get-regexp', '^remote\\..*\\.url$'], { cwd })).toString('utf8');
  return config
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return { name: line.slice('remote.'.length, line.lastIndexOf('.url', space)), url: line.slice(space + 1) };
    });
}

/** A remote's URLs as git resolves them (insteadOf applied): for fetching, or for pushing. An error for no such remote. */
export async function remoteUrlsOf(cwd: string, name: string, direction: 'fetch' | 'push'): Promise<string[]> {
  const args = ['remote', 'get-url', ...(direction === 'push' ? ['--push'] : []), '--all', '--', name];
  return (await runGit(args, { cwd })).toString('utf8').split('\n').filter(Boolean);
}

/** The remote's tracking refs and the commits they hold. */
export async function trackingRefs(cwd: string, name: string): Promise<Map<string, string>> {
  const out = (await runGit(['for-each-ref', '--format=%(objectname) %(refname)', `refs/remotes/${name}/`], { cwd })).toString('utf8');
  const refs = new Map<string, string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) refs.set(line.slice(space + 1), line.slice(0, space));
  }
  return refs;
}
