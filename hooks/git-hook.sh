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
# Without starting node, when the shell can prove there is nothing to check; in any doubt, node runs.
# A push of nothing (git says "Everything up-to-date" and passes no refs):
if [ -n "$kf_buffered" ] && [ -z "$kf_input" ] && [ -z "${PRE_COMMIT:-}" ]; then
  exit 0
fi
# The cli.js that runs, and so the folder of the data files its build writes next to it (both hooks
# below). npm links node_modules/.bin/keyfence to ../keyfence/dist/cli.js, which `-ef` confirms without
# starting a process; other links are read with readlink.
kf_cli=
kf_staged=
case $kf_hook in pre-commit | pre-merge-commit | pre-applypatch) kf_staged=1 ;; esac
case $kf_hook in
  commit-msg | applypatch-msg | pre-commit | pre-merge-commit | pre-applypatch)
    kf_cli=$kf_bin
    case $kf_cli in */*) ;; *) kf_cli=$(command -v "$kf_cli") || kf_cli= ;; esac
    kf_npm=${kf_cli%/.bin/keyfence}/keyfence/dist/cli.js
    if [ -n "$kf_cli" ] && [ "$kf_npm" != "$kf_cli/keyfence/dist/cli.js" ] && [ "$kf_cli" -ef "$kf_npm" ] 2>/dev/null; then
      kf_cli=$kf_npm
    elif [ -L "$kf_cli" ]; then
      kf_link=$(readlink "$kf_cli" 2>/dev/null) || kf_link=
      case $kf_link in /*) kf_cli=$kf_link ;; ?*) kf_cli=${kf_cli%/*}/$kf_link ;; *) kf_cli= ;; esac
    fi
    ;;
esac
# A commit message that cannot hold a key: no keyword of any built-in rule, no run of characters long
# enough for a rule without keywords, no adjacent string literals, only printable ASCII, and no
# keyfence configuration that could add rules. The list comes from the installed keyfence
# (message-prefilter.txt next to its cli.js, see src/hooks/messagePrefilter.ts), and counts only when
# complete and built with that cli.js.
if [ "$kf_hook" = commit-msg ] || [ "$kf_hook" = applypatch-msg ]; then
  kf_data=${kf_cli%/*}/message-prefilter.txt
  kf_package=
  [ -f package.json ] && kf_package=package.json
  if [ -n "$kf_cli" ] && [ -n "$1" ] && [ ! -e .keyfence.json ] && [ ! -L .keyfence.json ] &&
    kf_data=$kf_data kf_cli=$kf_cli LC_ALL=C awk '
      BEGIN { joined = "[\"\047`][ \t\r\v\f+&.|]*[\"\047`]" }
      FILENAME == ENVIRON["kf_data"] {
        if (FNR == 1) { format = ($0 == "keyfence message prefilter 1"); next }
        kind = substr($0, 1, 2); value = substr($0, 3)
        if (ended) format = 0
        else if (kind == "k " && value != "") keyword[++keywords] = value
        else if (kind == "r " && split(value, run, " ") == 2 && run[1] + 0 > 0) { runLength[++runs] = run[1] + 0; runClass[runs] = "[" run[2] "]+" }
        else if (kind == "b " && build == "") build = value
        else if (kind == "e " && build != "" && value == build) ended = 1
        else format = 0
        next
      }
      FILENAME == ENVIRON["kf_cli"] { stamp = $0; next }
      FILENAME == "package.json" { config = config $0; next }
      found { next }
      /[^\t\r -~]/ { found = 1; next }
      $0 ~ joined { found = 1; next }
      {
        line = tolower($0)
        for (i = 1; i <= keywords; i++) if (index(line, keyword[i])) { found = 1; next }
        for (i = 1; i <= runs; i++) {
          rest = $0
          while (match(rest, runClass[i])) {
            if (RLENGTH >= runLength[i]) { found = 1; next }
            rest = substr(rest, RSTART + RLENGTH)
          }
        }
      }
      END {
        if (!format || !ended || stamp != "// keyfence build " build || found) exit 1
        # package.json configures keyfence only under a "keyfence" key whose value is an object.
        gsub(/[ \t\r\n]/, "", config)
        if (index(config, "\"keyfence\"") && index(config, "\\u")) exit 1
        while ((at = index(config, "\"keyfence\":")) > 0) {
          config = substr(config, at + 11)
          if (substr(config, 1, 1) != "\"") exit 1
        }
        exit 0
      }' "$kf_data" "$kf_cli" $kf_package "$1" 2>/dev/null; then
    exit 0
  fi
fi
# What a commit of everything staged changes, read by the shell with the git command of that build
# (staged-patch.txt next to its cli.js, see src/git/pipedPatch.ts) and piped into node: git runs while
# node starts. node checks the frame and, in any doubt, reads the changes itself.
kf_piped=
if [ -n "$kf_staged" ] && [ $# -eq 0 ] && [ -n "$kf_cli" ] && [ -f "${kf_cli%/*}/staged-patch.txt" ]; then
  kf_dist=${kf_cli%/*}
  case $kf_dist in /*) ;; *) kf_dist=$PWD/$kf_dist ;; esac
  kf_format= kf_build= kf_end=
  while IFS= read -r kf_line; do
    case $kf_line in
      'keyfence staged patch 1') kf_format=1 ;;
      'b '*) kf_build=${kf_line#b } ;;
      'e '*) kf_end=${kf_line#e } ;;
      'a '*)
        kf_arg=${kf_line#a }
        case $kf_arg in *@DIST@*) kf_arg=${kf_arg%%@DIST@*}$kf_dist${kf_arg#*@DIST@} ;; esac
        set -- "$@" "$kf_arg"
        ;;
      *) kf_format= ;;
    esac
  done <"${kf_cli%/*}/staged-patch.txt"
  if [ -n "$kf_format" ] && [ -n "$kf_build" ] && [ "$kf_build" = "$kf_end" ]; then
    kf_piped=1
  else
    set --
  fi
fi
# An exit status of 0 alone proves nothing (an empty or cut-off cli.js exits 0): keyfence confirms a
# check it completed by writing this run's token to stdout, which its reports never use.
# A git hook never uses the network, so node need not load extra CA certificates: Node 20 reads and
# parses the NODE_EXTRA_CA_CERTS bundle at start-up, which can take as long as starting node itself.
if [ -n "$kf_piped" ]; then
  kf_reply=$(
    {
      printf 'keyfence staged patch %s\n' "$kf_build"
      GIT_DIFF_OPTS= git "$@" 2>/dev/null
      printf '\nkeyfence git exit %s\n' "$?"
    } | NODE_EXTRA_CA_CERTS= KEYFENCE_STAGED_PATCH=stdin KEYFENCE_HOOK_TOKEN=$$ "$kf_bin" hook "$kf_hook"
  ) || kf_status=$?
elif [ -n "$kf_buffered" ]; then
  kf_reply=$(printf '%s' "$kf_input" | NODE_EXTRA_CA_CERTS= KEYFENCE_HOOK_TOKEN=$$ "$kf_bin" hook "$kf_hook" "$@") || kf_status=$?
else
  kf_reply=$(NODE_EXTRA_CA_CERTS= KEYFENCE_HOOK_TOKEN=$$ "$kf_bin" hook "$kf_hook" "$@") || kf_status=$?
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
