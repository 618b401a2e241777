// The git command each hook guards, and how to get past it once: shared by the hook script template
// and the hook runtimes (kept free of imports, so the hooks' bundle gains nothing else).

export type Operation = 'commit' | 'push' | 'am';

export const operationOf = (hook: string): Operation =>
  hook === 'pre-push' ? 'push' : hook === 'applypatch-msg' || hook === 'pre-applypatch' ? 'am' : 'commit';

/** How to get past a hook once, deliberately. */
export const bypassOf = (operation: Operation): string =>
  operation === 'am' ? 'git am --no-verify (git 2.40 and later)' : `git ${operation} --no-verify`;
