# How keyfence's git hooks start keyfence: `sh <this file> <keyfence bin> <hook> [git's arguments...]`
# runs `<keyfence bin> hook <hook> [arguments...]`, and first, without starting node, passes what the
# shell can prove there is nothing to check in. The bin is the one of this file's package (npm links
# node_modules/.bin/keyfence to ../keyfence/dist/cli.js; pnpm writes a script there that runs it): the
# hook script `keyfence install` writes (hooks/git-hook.sh) and keyfence's line in a husky hook file
# find this file next to the bin they found, and run the bin themselves when it is not there (slower,
# never less safe). The hook script sources this file in a subshell instead, with the same arguments
# and kf_runner set to its path, which spares starting a shell.
# The caller sets KEYFENCE_HOOK_TOKEN and accepts exit status 0 only with "keyfence-ok <token>" on
# standard output: keyfence writes it when its check passed, and so does this script when it passes
# without keyfence. A copy of this file cut short runs whole commands only (a compound command cut off
# is a syntax error), so it cannot write that line without the check that leads to it.
kf_self=${kf_runner:-$0}
if [ $# -lt 2 ]; then
  echo "keyfence: $kf_self takes <keyfence bin> <hook> [arguments...]" >&2
  exit 2
fi
kf_bin=$1
kf_hook=$2
shift 2
# The data files the shortcuts read sit next to cli.js in dist/, written by the build that wrote cli.js.
kf_dist=${kf_self%/*}
case $kf_dist in
  "$kf_self") kf_dist=../dist ;;
  */hooks) kf_dist=${kf_dist%/hooks}/dist ;;
  *) kf_dist=$kf_dist/../dist ;;
esac
case $kf_dist in /*) ;; *) kf_dist=$PWD/$kf_dist ;; esac
kf_cli=$kf_dist/cli.js
# A git hook never uses the network, so node need not load extra CA certificates: Node 20 reads and
# parses the NODE_EXTRA_CA_CERTS bundle at start-up, which can take as long as starting node itself.
NODE_EXTRA_CA_CERTS=
export NODE_EXTRA_CA_CERTS

kf_pass() {
  case ${KEYFENCE_HOOK_TOKEN:-} in
    '' | *[!A-Za-z0-9_.-]*) ;;
    *) echo "keyfence-ok $KEYFENCE_HOOK_TOKEN" ;;
  esac
  exit 0
}

# A push of nothing (git says "Everything up-to-date" and passes no refs). git writes the refs to stdin.
if [ "$kf_hook" = pre-push ] && [ ! -t 0 ]; then
  kf_input=$(cat; echo x)
  kf_input=${kf_input%x}
  [ -n "$kf_input" ] || [ -n "${PRE_COMMIT:-}" ] || kf_pass
  printf '%s' "$kf_input" | "$kf_bin" hook "$kf_hook" "$@"
  exit
fi

# A commit message that cannot hold a key: no keyword of any built-in rule, no run of characters long
# enough for a rule without keywords, no adjacent string literals, only printable ASCII, and no
# keyfence configuration that could add rules. The list comes from the installed keyfence
# (message-prefilter.txt next to its cli.js, see src/hooks/messagePrefilter.ts), and counts only when
# complete and built with that cli.js.
if [ "$kf_hook" = commit-msg ] || [ "$kf_hook" = applypatch-msg ]; then
  kf_package=
  [ -f package.json ] && kf_package=package.json
  if [ -n "$1" ] && [ ! -e .keyfence.json ] && [ ! -L .keyfence.json ] &&
    kf_data=$kf_dist/message-prefilter.txt kf_cli=$kf_cli LC_ALL=C awk '
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
      }' "$kf_dist/message-prefilter.txt" "$kf_cli" $kf_package "$1" 2>/dev/null; then
    kf_pass
  fi
fi

# What a commit of everything staged changes, read by the shell with the git command of that build
# (staged-patch.txt next to its cli.js, see src/git/pipedPatch.ts) and piped into node: git runs while
# node starts. node checks the frame and, in any doubt, reads the changes itself.
case $kf_hook in
  pre-commit | pre-merge-commit | pre-applypatch)
    if [ $# -eq 0 ] && [ -f "$kf_dist/staged-patch.txt" ]; then
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
      done <"$kf_dist/staged-patch.txt"
      if [ -n "$kf_format" ] && [ -n "$kf_build" ] && [ "$kf_build" = "$kf_end" ]; then
        {
          printf 'keyfence staged patch %s\n' "$kf_build"
          GIT_DIFF_OPTS= git "$@" 2>/dev/null
          printf '\nkeyfence git exit %s\n' "$?"
        } | KEYFENCE_STAGED_PATCH=stdin "$kf_bin" hook "$kf_hook"
        exit
      fi
      set --
    fi
    ;;
esac

exec "$kf_bin" hook "$kf_hook" "$@"
