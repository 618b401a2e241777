#!/bin/sh
# >>> keyfence @HOOK@ hook >>>
# Everything down to the closing marker belongs to keyfence: `keyfence install` rewrites it and
# `keyfence uninstall` removes it (and puts back the hook that was here before). Lines you add outside
# the markers are kept.
# keyfence blocks secrets from entering git. Bypass it once, deliberately: @BYPASS@
kf_hook=@HOOK@
# Where `keyfence install` found keyfence, relative to the work tree root (git runs hooks there).
kf_local=@LOCAL_BIN@
# A hook that was here before keyfence: it still runs, first, with the same arguments and input.
kf_previous="$0.keyfence-chained"
kf_status=0
kf_buffered=
if [ "$kf_hook" = pre-push ] && [ ! -t 0 ]; then
  # git writes the refs being pushed to stdin once; the hook before keyfence and keyfence both need them.
  kf_input=$(cat; echo x)
  kf_input=${kf_input%x}
  kf_buffered=1
fi
if [ -x "$kf_previous" ]; then
  if [ -n "$kf_buffered" ]; then
    printf '%s' "$kf_input" | "$kf_previous" "$@" || kf_status=$?
  else
    "$kf_previous" "$@" || kf_status=$?
  fi
  [ "$kf_status" -eq 0 ] || exit "$kf_status"
fi
if [ -x "$kf_local" ]; then
  kf_bin=$kf_local
elif [ -x node_modules/.bin/keyfence ]; then
  kf_bin=node_modules/.bin/keyfence
elif command -v keyfence >/dev/null 2>&1; then
  kf_bin=keyfence
else
  {
    echo "keyfence: the $kf_hook hook cannot run: keyfence is not installed here."
    echo "  Looked for $kf_local, node_modules/.bin/keyfence and keyfence on PATH."
    kf_project=${kf_local%node_modules/.bin/keyfence}
    if grep -q '"keyfence"' "${kf_project}package.json" 2>/dev/null; then
      echo "  ${kf_project}package.json lists keyfence: install the project's dependencies (npm ci, or npm install${kf_project:+, in $kf_project}); a new clone or worktree needs this once."
    else
      echo "  Add it back (npm install --save-dev <path to a keyfence checkout or its .tgz>), or take keyfence's hooks out:"
      echo "  delete these files, and rename any <hook>.keyfence-chained next to them back to <hook>:"
      grep -l '^# >>> keyfence [a-z-]* hook >>>' "${0%/*}"/* 2>/dev/null | sed 's/^/    /'
    fi
    echo "  To go ahead once without the secret check: @BYPASS@"
  } >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  {
    echo "keyfence: the $kf_hook hook cannot run: node is not on PATH (PATH=$PATH)."
    echo "  Git clients started from a desktop often run hooks with a short PATH; start the client from a"
    echo "  shell, or add node's directory to PATH in the client. Once, without the check: @BYPASS@"
  } >&2
  exit 1
fi
# keyfence's hook runner (hooks/run-hook.sh in the package of the keyfence found) runs it, after passing
# without starting node what the shell can prove there is nothing to check in; kf_run sources it in the
# subshell that reads the reply, which spares starting another shell. A bin in node_modules/.bin belongs
# to node_modules/keyfence (npm links it to ../keyfence/dist/cli.js, pnpm writes a script there);
# another link to a cli.js is read with readlink. Without a runner, keyfence runs itself.
case $kf_bin in */*) kf_path=$kf_bin ;; *) kf_path=$(command -v "$kf_bin") || kf_path= ;; esac
kf_runner=${kf_path%/.bin/keyfence}/keyfence/hooks/run-hook.sh
if [ -z "$kf_path" ] || [ "$kf_runner" = "$kf_path/keyfence/hooks/run-hook.sh" ] || [ ! -f "$kf_runner" ]; then
  kf_runner=
  kf_link=
  [ -L "$kf_path" ] && kf_link=$(readlink "$kf_path" 2>/dev/null)
  case $kf_link in
    /*/dist/cli.js) kf_runner=${kf_link%/dist/cli.js}/hooks/run-hook.sh ;;
    */dist/cli.js) kf_runner=${kf_path%/*}/${kf_link%/dist/cli.js}/hooks/run-hook.sh ;;
  esac
  [ -f "$kf_runner" ] || kf_runner=
fi
# An exit status of 0 alone proves nothing (an empty or cut-off cli.js exits 0): keyfence confirms a
# check it completed by writing this run's token to stdout, which its reports never use.
# A git hook never uses the network, so node need not load extra CA certificates: Node 20 reads and
# parses the NODE_EXTRA_CA_CERTS bundle at start-up, which can take as long as starting node itself.
kf_run() {
  set +eu
  export NODE_EXTRA_CA_CERTS= KEYFENCE_HOOK_TOKEN=$$
  if [ -n "$kf_runner" ]; then
    set -- "$kf_bin" "$kf_hook" "$@"
    . "$kf_runner"
  else
    "$kf_bin" hook "$kf_hook" "$@"
  fi
}
if [ -n "$kf_buffered" ]; then
  kf_reply=$(printf '%s' "$kf_input" | kf_run "$@") || kf_status=$?
else
  kf_reply=$(kf_run "$@") || kf_status=$?
fi
[ "$kf_status" -eq 0 ] || exit "$kf_status"
if [ "$kf_reply" != "keyfence-ok $$" ]; then
  {
    [ -z "$kf_reply" ] || printf '%s\n' "$kf_reply"
    echo "keyfence: the $kf_hook hook stopped git @OPERATION@: $kf_bin exited without confirming that it"
    echo "  checked anything, so its installation is probably incomplete or damaged (an interrupted npm install)."
    echo "  Reinstall the project's dependencies (npm ci, or npm install) and try again."
    echo "  To go ahead once without the secret check: @BYPASS@"
  } >&2
  exit 1
fi
# <<< keyfence @HOOK@ hook <<<
