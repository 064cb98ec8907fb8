#!/usr/bin/env bash
# Tests the Debian package on this machine as an operator would use it: builds it
# (packaging/build-deb.sh), runs lintian, installs it with dpkg, runs the installed binary as
# the service user against the emulator, renders the manual page, completes with bash, upgrades
# over an edited configuration, removes and purges. .ci/run calls it after `swift test`.
#
#   sudo packaging/test-deb.sh
#
# Needs root and changes this machine: it installs and finally purges the package billing-sync
# (the system user billing-sync stays, as Debian policy wants), also when a check fails. It
# refuses to run where billing-sync is installed or /etc/billing-sync exists, except in CI
# (CI=true), where such a leftover can only come from an interrupted run and is purged first.
# Works without systemd as PID 1 (CI).
# Prints "PASS: …" or "FAIL: …" for every check and exits non-zero when one failed.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
# check NAME COMMAND…: PASS when COMMAND succeeds; its output is shown when it fails.
check() {
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then pass "$name"; else fail "$name"; printf '%s\n' "$output" | sed 's/^/    /'; fi
}
finish() {
  local verdict=PASS
  [ "$failed" -eq 0 ] || verdict=FAIL
  echo "package test: $verdict ($passed checks passed, $failed failed) in $(( $(date +%s) - started )) s"
  [ "$failed" -eq 0 ]
  exit
}
abort() { fail "$1"; finish; }
started=$(date +%s)

[ "$(id -u)" -eq 0 ] || abort "packaging/test-deb.sh needs root (it installs the package)"
present() { dpkg-query -W -f '${Status}' billing-sync 2>/dev/null | grep -q 'installed\|config-files'; }
if present || [ -e /etc/billing-sync ]; then
  [ "${CI:-}" = true ] || abort "billing-sync is installed here (or /etc/billing-sync exists): refusing to replace it"
  echo "CI: purging billing-sync left by an interrupted run"
  dpkg -P billing-sync </dev/null >/dev/null 2>&1
  rm -rf /etc/billing-sync /var/lib/billing-sync
fi

work=$(mktemp -d)
emulator_pid=
cleanup() {
  [ -z "$emulator_pid" ] || { kill "$emulator_pid" 2>/dev/null; wait "$emulator_pid" 2>/dev/null; }
  # What this test installed goes, whatever failed.
  if present; then dpkg -P billing-sync </dev/null >/dev/null 2>&1; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Runs a command as the service user with umask 0022 (an operator's shell, not the unit's 0027):
# what it writes must still be 0640.
exec_as_service() {
  exec setpriv --reuid=billing-sync --regid=billing-sync --init-groups -- /bin/sh -c 'umask 0022; exec "$@"' sh "$@"
}
as_service() { ( exec_as_service "$@" ); }
# `exec_as_service … &` starts a background command whose $! is the command itself: with
# `as_service … &`, $! was the subshell running the function, and killing it left the command
# running as an orphan.
# owner:group mode of a path, e.g. "root:billing-sync 750".
owner_mode() { stat -c '%U:%G %a' "$1" 2>/dev/null; }
expect_owner_mode() { # path expected
  [ "$(owner_mode "$1")" = "$2" ] || { echo "$1 is $(owner_mode "$1"), expected $2"; return 1; }
}
# The subcommand names in a --help text's SUBCOMMANDS section.
subcommands() { sed -n '/^SUBCOMMANDS:/,/^$/p' | sed -nE 's/^  ([a-z][a-z-]*)( .*)?$/\1/p' | grep -v '^help$'; }

# 1. Build (and a second package with a higher version, for the upgrade).
phase=$(date +%s)
if ! deb=$(packaging/build-deb.sh --output "$work/deb" | tail -n 1) || [ ! -f "$deb" ]; then
  abort "packaging/build-deb.sh builds the package"
fi
pass "packaging/build-deb.sh built $(basename "$deb") ($(( $(date +%s) - phase )) s)"
if ! upgrade=$(BILLING_SYNC_DEB_VERSION_SUFFIX=+upgradetest1 packaging/build-deb.sh --output "$work/upgrade" | tail -n 1) \
  || [ ! -f "$upgrade" ]; then
  abort "packaging/build-deb.sh builds the upgrade package"
fi
pass "a second package with a higher version: $(basename "$upgrade")"

# 2. What is in it.
dpkg-deb -x "$deb" "$work/extracted"
check "the packaged binary links no Swift runtime library (ldd: system libraries only)" \
  bash -c "ldd '$work/extracted/usr/bin/billing-sync' | tee /dev/stderr | grep -Eq 'libswift|libFoundation|libdispatch|not found' && exit 1 || exit 0"
depends=$(dpkg-deb -f "$deb" Depends)
check "Depends names libc6 and libsqlite3-0 ($depends)" bash -c "grep -q 'libc6 (>=' <<<'$depends' && grep -q 'libsqlite3-0 (>=' <<<'$depends'"
contents=$(dpkg-deb -c "$deb" | awk '{print $1, $2, $6}')
expected_paths=(./usr/bin/billing-sync ./usr/lib/sysusers.d/billing-sync.conf ./etc/billing-sync/billing-sync.toml
  ./usr/share/man/man1/billing-sync.1.gz ./usr/share/bash-completion/completions/billing-sync
  ./usr/share/zsh/vendor-completions/_billing-sync ./usr/share/fish/vendor_completions.d/billing-sync.fish
  ./usr/share/doc/billing-sync/schema.md ./usr/share/doc/billing-sync/copyright ./usr/share/doc/billing-sync/changelog.gz)
for unit in systemd/*.service systemd/*.timer; do [ -e "$unit" ] && expected_paths+=("./usr/lib/systemd/system/$(basename "$unit")"); done
for file in config/monitoring/*; do expected_paths+=("./usr/share/billing-sync/monitoring/$(basename "$file")"); done
missing=()
for path in "${expected_paths[@]}"; do grep -q " $path\$" <<<"$contents" || missing+=("$path"); done
check "the package holds the binary, every unit of systemd/, sysusers, conffile, man page, completions, monitoring kit, docs" \
  bash -c "[ ${#missing[@]} -eq 0 ] || { echo 'missing: ${missing[*]}'; exit 1; }"
check "the configuration is shipped 0750/0640 root:root (the group is set by the postinst)" \
  bash -c "grep -q '^drwxr-x--- root/root ./etc/billing-sync/\$' <<<'$contents' && grep -q '^-rw-r----- root/root ./etc/billing-sync/billing-sync.toml\$' <<<'$contents'"
check "the units start /usr/bin/billing-sync" \
  bash -c "! grep -rn '/usr/local/' '$work/extracted/usr/lib/systemd/system/' && grep -q '^ExecStart=/usr/bin/billing-sync run ' '$work/extracted/usr/lib/systemd/system/billing-sync.service'"

# 3. lintian: errors and warnings fail; each override is justified in packaging/debian/billing-sync.lintian-overrides.
phase=$(date +%s)
check "lintian --fail-on error,warning passes" lintian --fail-on error,warning --display-info "$deb"
echo "    (lintian took $(( $(date +%s) - phase )) s)"

# 4. Install, without secrets: the service is not enabled (nor started).
if ! output=$(dpkg -i "$deb" </dev/null 2>&1); then printf '%s\n' "$output"; abort "dpkg -i installs the package"; fi
pass "dpkg -i installs the package"
check "postinst says what to do next" grep -q "systemctl enable --now billing-sync" <<<"$output"
check "the system user and group billing-sync exist (systemd-sysusers), home /var/lib/billing-sync, no login shell" \
  bash -c "getent passwd billing-sync | grep -q ':/var/lib/billing-sync:/usr/sbin/nologin\$' && getent group billing-sync >/dev/null"
check "/etc/billing-sync is root:billing-sync 0750" expect_owner_mode /etc/billing-sync "root:billing-sync 750"
check "the configuration is root:billing-sync 0640" expect_owner_mode /etc/billing-sync/billing-sync.toml "root:billing-sync 640"
check "/var/lib/billing-sync is billing-sync:billing-sync 0750" expect_owner_mode /var/lib/billing-sync "billing-sync:billing-sync 750"
check "dpkg records the configuration as a conffile" bash -c "dpkg-query -W -f '\${Conffiles}' billing-sync | grep -q '/etc/billing-sync/billing-sync.toml'"
check "without secrets the service is not enabled" test ! -e /etc/systemd/system/multi-user.target.wants/billing-sync.service
check "installed --version is the package's upstream version" \
  bash -c "[ \"\$(/usr/bin/billing-sync --version)\" = \"\$(dpkg-query -W -f '\${Version}' billing-sync)\" ]"

# 5. The installed binary as the service user.
check "as billing-sync: check-config --skip-secrets /etc/billing-sync/billing-sync.toml" \
  as_service /usr/bin/billing-sync check-config --skip-secrets /etc/billing-sync/billing-sync.toml
state=/var/lib/billing-sync/ci-emulator
exec_as_service /usr/bin/billing-sync emulator --port 0 --customers 25 --write-config "$state" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 300); do grep -q '^configuration: ' "$work/emulator.log" && break; sleep 0.1; done
config=$(sed -n 's/^configuration: \([^ ]*\).*/\1/p' "$work/emulator.log")
if [ -z "$config" ]; then cat "$work/emulator.log"; abort "the installed binary's emulator writes a configuration as billing-sync"; fi
pass "as billing-sync: emulator --write-config $state"
sync_output=$(as_service /usr/bin/billing-sync sync --once --config "$config" 2>&1)
check "as billing-sync: sync --once against the emulator mirrors 25 customers" \
  bash -c 'grep -q "customers 25," <<<"$1" || { echo "$1"; exit 1; }' _ "$sync_output"
database=$state/billing-sync.sqlite
check "the database is billing-sync:billing-sync 0640 under umask 0022" expect_owner_mode "$database" "billing-sync:billing-sync 640"
check "…and its WAL too" expect_owner_mode "$database-wal" "billing-sync:billing-sync 640"
check "the emulator's folder is 0750" expect_owner_mode "$state" "billing-sync:billing-sync 750"
status_output=$(as_service /usr/bin/billing-sync status --database "$database" 2>&1)
check "as billing-sync: status --database shows the 25 customers" grep -q "customers: 25 active" <<<"$status_output"

# 6. The manual page has every subcommand of `billing-sync --help`, and those of its groups.
manual=$(MANWIDTH=200 man -P cat -l /usr/share/man/man1/billing-sync.1.gz 2>"$work/man.err")
check "man -l renders the page without a warning" bash -c "[ -n \"\$1\" ] && [ ! -s '$work/man.err' ] || { cat '$work/man.err'; exit 1; }" _ "$manual"
commands=()
for top in $(/usr/bin/billing-sync --help | subcommands); do
  commands+=("$top")
  for sub in $(/usr/bin/billing-sync "$top" --help 2>/dev/null | subcommands); do commands+=("$top $sub"); done
done
# mdoc renders each subcommand as a tag in DESCRIPTION (5 spaces in), its own subcommands
# as tags inside that entry (13 spaces in).
entry_of() { awk -v name="$1" '$0 ~ "^     " name "( |$)" { on = 1; print; next } on && /^     [a-z]/ { exit } on' <<<"$manual"; }
unmentioned=()
for command in "${commands[@]}"; do
  case "$command" in
    # A here-string, not a pipe: under pipefail, grep -q leaving early would fail the pipeline
    # whenever awk still had lines to write (SIGPIPE), and a present subcommand looked missing.
    *" "*) grep -Eq "^ {13}${command#* }( |\$)" <<<"$(entry_of "${command% *}")" || unmentioned+=("$command") ;;
    *) grep -Eq "^ {5}$command( |\$)" <<<"$manual" || unmentioned+=("$command") ;;
  esac
done
check "the manual page has all ${#commands[@]} subcommands of --help (${commands[*]})" \
  bash -c "[ ${#commands[@]} -ge 10 ] && [ ${#unmentioned[@]} -eq 0 ] || { echo 'not in the manual: ${unmentioned[*]}'; exit 1; }"

# 7. Bash completion, loaded on demand by bash-completion from the vendor directory.
completion_test='
  source /usr/share/bash-completion/bash_completion
  __load_completion billing-sync || exit 1
  function=$(complete -p billing-sync | sed -nE "s/.* -F ([^ ]+) .*/\1/p")
  COMP_WORDS=(billing-sync "$@" ""); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
  "$function" billing-sync "" "${COMP_WORDS[COMP_CWORD - 1]}"
  printf "%s\n" "${COMPREPLY[@]}"'
top_level=$(bash -c "$completion_test" _ 2>&1)
expected_top=$(/usr/bin/billing-sync --help | subcommands | sort | tr '\n' ' ')
check "bash completes 'billing-sync ' with every subcommand ($expected_top)" \
  bash -c "for name in $expected_top; do grep -qx \"\$name\" <<<'$top_level' || { echo \"no \$name in: $top_level\"; exit 1; }; done"
db_level=$(bash -c "$completion_test" _ db 2>&1)
check "bash completes 'billing-sync db ' with migrate and info" bash -c "grep -qx migrate <<<'$db_level' && grep -qx info <<<'$db_level' || { echo '$db_level'; exit 1; }"
check "zsh and fish completions are for billing-sync" \
  bash -c "head -n 1 /usr/share/zsh/vendor-completions/_billing-sync | grep -q '^#compdef billing-sync' && grep -q '^complete -c .billing-sync. ' /usr/share/fish/vendor_completions.d/billing-sync.fish"
check "the monitoring kit and the schema are installed" \
  bash -c "[ -s /usr/share/billing-sync/monitoring/billing-sync-alerts.yml ] && [ -s /usr/share/billing-sync/monitoring/billing-sync-dashboard.json ] && [ -s /usr/share/doc/billing-sync/schema.md ]"

# 8. Upgrade over an edited configuration: the edit (conffile) and the database stay.
echo "# edited by packaging/test-deb.sh" >> /etc/billing-sync/billing-sync.toml
if output=$(dpkg -i "$upgrade" </dev/null 2>&1); then pass "dpkg -i of the higher version upgrades"; else fail "dpkg -i of the higher version upgrades"; printf '%s\n' "$output"; fi
check "the upgrade is installed ($(dpkg-deb -f "$upgrade" Version))" \
  bash -c "[ \"\$(dpkg-query -W -f '\${Version}' billing-sync)\" = '$(dpkg-deb -f "$upgrade" Version)' ]"
check "the upgrade keeps the edited configuration" grep -q "^# edited by packaging/test-deb.sh" /etc/billing-sync/billing-sync.toml
check "…with its owner and mode" expect_owner_mode /etc/billing-sync/billing-sync.toml "root:billing-sync 640"
status_output=$(as_service /usr/bin/billing-sync status --database "$database" 2>&1)
check "the upgrade keeps the database (status still shows 25 customers)" grep -q "customers: 25 active" <<<"$status_output"
kill "$emulator_pid" 2>/dev/null; wait "$emulator_pid" 2>/dev/null
check "the emulator stopped when the test stopped it (no process of the service user left)" \
  bash -c 'for p in /proc/[0-9]*; do [ "$(stat -c %U "$p" 2>/dev/null)" = billing-sync ] || continue; tr "\0" " " <"$p/cmdline"; echo; exit 1; done'
emulator_pid=

# 9. Remove keeps configuration, secrets and state; purge removes them.
for secret in client_secret refresh_token; do install -m 0600 /dev/null "/etc/billing-sync/$secret"; echo placeholder > "/etc/billing-sync/$secret"; done
dpkg -r billing-sync </dev/null >/dev/null 2>&1 && pass "dpkg -r removes the package" || fail "dpkg -r removes the package"
check "after remove: the binary and the units are gone" \
  bash -c "[ ! -e /usr/bin/billing-sync ] && [ ! -e /usr/lib/systemd/system/billing-sync.service ] && [ ! -e /usr/lib/sysusers.d/billing-sync.conf ]"
check "after remove: the configuration, the secrets and the database stay" \
  bash -c "grep -q 'edited by packaging/test-deb.sh' /etc/billing-sync/billing-sync.toml && [ -s /etc/billing-sync/client_secret ] && [ -s /etc/billing-sync/refresh_token ] && [ -s $database ]"
check "after remove: dpkg lists the package as config-files" bash -c "dpkg-query -W -f '\${Status}' billing-sync | grep -q 'config-files'"
dpkg -P billing-sync </dev/null >/dev/null 2>&1 && pass "dpkg -P purges the package" || fail "dpkg -P purges the package"
check "after purge: /etc/billing-sync and /var/lib/billing-sync are gone, no unit link or mask is left" \
  bash -c "[ ! -e /etc/billing-sync ] && [ ! -e /var/lib/billing-sync ] && [ ! -e /etc/systemd/system/billing-sync.service ] && [ ! -e /etc/systemd/system/multi-user.target.wants/billing-sync.service ]"
check "after purge: dpkg no longer knows the package" bash -c "! dpkg-query -W -f '\${Status}' billing-sync 2>/dev/null | grep -q 'installed\|config-files'"

# 10. Secrets in place before the installation (configuration management): enabled, and
#     started where systemd runs (here it is not PID 1, so only the enablement is checked).
install -d -m 0700 /etc/billing-sync
for secret in client_secret refresh_token; do install -m 0600 /dev/null "/etc/billing-sync/$secret"; echo placeholder > "/etc/billing-sync/$secret"; done
if output=$(dpkg -i "$deb" </dev/null 2>&1); then
  pass "dpkg -i with the secrets already in place"
  check "with secrets the service is enabled" test -L /etc/systemd/system/multi-user.target.wants/billing-sync.service
  check "…and the directory is root:billing-sync 0750 again" expect_owner_mode /etc/billing-sync "root:billing-sync 750"
else
  fail "dpkg -i with the secrets already in place"; printf '%s\n' "$output"
fi
dpkg -P billing-sync </dev/null >/dev/null 2>&1
check "after purge: the enablement link is gone" \
  bash -c "[ ! -e /etc/systemd/system/multi-user.target.wants/billing-sync.service ] && [ ! -e /etc/billing-sync ]"

finish
