#!/usr/bin/env bash
# Builds billing-sync_<version>_<arch>.deb: a release build linked with --static-swift-stdlib
# (the target host needs no Swift runtime), the units, the sysusers file, the example
# configuration as a conffile, the manual page and the shell completions generated from the
# command tree, the monitoring kit and the schema document. docs/packaging.md says what goes where.
#
#   packaging/build-deb.sh [--output DIR]      (default DIR: .build-deb; prints the .deb's path last)
#
# Why dpkg-deb from a hand-kept packaging/debian/ tree and not nfpm: nfpm is not packaged for
# Debian 12 (`apt-cache policy nfpm` finds nothing) and CI can only install Debian packages;
# dpkg-deb, dpkg-shlibdeps and lintian come with dpkg-dev and lintian. No debhelper either: the
# package is one prebuilt binary plus files, and the maintainer scripts are short enough to
# read (they follow what dh_installsystemd and dh_installsysusers generate).
#
# The version is the binary's own (`billing-sync --version`, from BillingSyncVersion.swift, the
# same as billing_sync_build_info). BILLING_SYNC_DEB_VERSION_SUFFIX (e.g. +upgradetest1) is
# appended to it for packaging/test-deb.sh's upgrade test only.
set -euo pipefail
cd "$(dirname "$0")/.."

output=.build-deb
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=$2; shift 2 ;;
    *) echo "usage: $0 [--output DIR]" >&2; exit 2 ;;
  esac
done

scratch=.build-release
fail() { echo "build-deb: $*" >&2; exit 1; }

# 1. The release binary, with the Swift runtime linked in.
# --disable-local-rpath: no $ORIGIN run path (lintian: custom-library-search-path); -z now:
# every symbol bound at start, so the relocation table can be read-only (full RELRO).
build=(swift build -c release --static-swift-stdlib --disable-local-rpath -Xlinker -z -Xlinker now --scratch-path "$scratch")
"${build[@]}" --product billing-sync
built="$("${build[@]}" --show-bin-path)/billing-sync"

# Only system libraries: a libswift*/Foundation/dispatch library here would need a Swift
# toolchain on the server.
libraries=$(ldd "$built")
if grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|libicu|not found' <<<"$libraries"; then
  fail "the binary needs libraries a Debian host does not have:"$'\n'"$libraries"
fi

version=$("$built" --version)
[[ $version =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || fail "'billing-sync --version' printed '$version', not a Debian version"
version+=${BILLING_SYNC_DEB_VERSION_SUFFIX:-}
[[ $version =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || fail "BILLING_SYNC_DEB_VERSION_SUFFIX makes '$version', not a Debian version"
arch=$(dpkg --print-architecture)
# Reproducible: file times and the changelog date from the last commit.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The layout dpkg-shlibdeps expects: debian/control beside debian/<package>/.
root=$work/package/debian/billing-sync
doc=$root/usr/share/doc/billing-sync

# 2. The program, stripped as dh_strip does (symbols are not needed to run).
install -d -m 0755 "$root/DEBIAN"
install -D -m 0755 "$built" "$root/usr/bin/billing-sync"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/billing-sync"
binary=$root/usr/bin/billing-sync

# 3. Every unit in systemd/ (services and timers), pointing at the packaged binary.
units=()
for unit in systemd/*.timer systemd/*.service; do
  [ -e "$unit" ] || continue
  if grep -q '/usr/local/' "$unit"; then fail "$unit refers to /usr/local; the package installs /usr/bin/billing-sync"; fi
  install -D -m 0644 "$unit" "$root/usr/lib/systemd/system/$(basename "$unit")"
  units+=("$(basename "$unit")")
done
[ ${#units[@]} -gt 0 ] || fail "no unit files in systemd/"
install -D -m 0644 systemd/billing-sync.sysusers "$root/usr/lib/sysusers.d/billing-sync.conf"

# 4. The example configuration as a conffile: directory 0750 and file 0640 (the postinst gives
#    both the group billing-sync, which does not exist here).
install -d -m 0750 "$root/etc/billing-sync"
install -m 0640 config/billing-sync.toml "$root/etc/billing-sync/billing-sync.toml"

# 5. The manual page from the command tree: swift-argument-parser's generate-manual (the tool
#    behind its GenerateManual plugin) reads `billing-sync --experimental-dump-help` of the
#    binary being packaged. Built from the resolved swift-argument-parser checkout: the plugin
#    (`swift package plugin generate-manual`) would first build every product of the package
#    in release again, billing-sync-bench and the test helpers included.
manual_tool=$scratch/generate-manual/release/generate-manual
swift build -c release --package-path "$scratch/checkouts/swift-argument-parser" \
  --scratch-path "$scratch/generate-manual" --product generate-manual -Xswiftc -suppress-warnings
mkdir -p "$work/man"
maintainer=$(sed -n 's/^Maintainer: //p' packaging/debian/control.in)
"$manual_tool" "$binary" --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)" --section 1 \
  --authors "${maintainer/ </<}" --output-directory "$work/man"
install -d -m 0755 "$root/usr/share/man/man1"
gzip -9n -c "$work/man/billing-sync.1" > "$root/usr/share/man/man1/billing-sync.1.gz"
chmod 0644 "$root/usr/share/man/man1/billing-sync.1.gz"

# 6. Shell completions, from the same command tree, in the vendor directories.
completion() { # shell, destination
  install -d -m 0755 "$(dirname "$root/$2")"
  # A completion file is sourced, never run: no #! line (lintian: bash-completion-with-hashbang).
  "$binary" --generate-completion-script "$1" | sed '1{/^#!/d}' > "$root/$2"
  chmod 0644 "$root/$2"
  [ -s "$root/$2" ] || fail "empty $1 completion"
}
completion bash usr/share/bash-completion/completions/billing-sync
completion zsh usr/share/zsh/vendor-completions/_billing-sync
completion fish usr/share/fish/vendor_completions.d/billing-sync.fish

# 7. The monitoring kit (alert rules and their promtool tests, Grafana dashboard), the schema
#    document for reporting users, an untouched copy of the example configuration (for
#    billing-sync@INSTANCE configurations), copyright and changelog (changelog.gz, not
#    changelog.Debian.gz: the package is native, its version is the program's).
install -d -m 0755 "$root/usr/share/billing-sync/monitoring" "$doc/examples"
install -m 0644 config/monitoring/* "$root/usr/share/billing-sync/monitoring/"
install -m 0644 docs/schema.md "$doc/schema.md"
install -m 0644 config/billing-sync.toml "$doc/examples/billing-sync.toml"
install -m 0644 packaging/debian/copyright "$doc/copyright"
{
  echo "billing-sync ($version) unstable; urgency=medium"
  echo
  echo "  * Package of billing-sync $version, built from commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo "    The project's history is its git log."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"
install -D -m 0644 packaging/debian/billing-sync.lintian-overrides "$root/usr/share/lintian/overrides/billing-sync"

# 8. DEBIAN/: control with what the binary really needs, conffiles, maintainer scripts, md5sums.
#    dpkg-shlibdeps reads the binary's NEEDED libraries and the versions of the symbols it uses
#    from those libraries' symbols files (e.g. libc6 (>= 2.35), libsqlite3-0 (>= 3.20.0)). The
#    postinst creates the user with systemd-sysusers: systemd, or where systemd is not installed
#    (containers) the small systemd-standalone-sysusers, as dh_installsysusers declares it.
printf 'Source: billing-sync\n\nPackage: billing-sync\nArchitecture: any\n' > "$work/package/debian/control"
shlibs=$(cd "$work/package" && dpkg-shlibdeps -O "debian/billing-sync/usr/bin/billing-sync" | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || fail "dpkg-shlibdeps found no dependencies"
depends="$shlibs, systemd | systemd-standalone-sysusers"
# Timers first: prerm stops them before the services they start.
unit_list="${units[*]}"
for script in postinst prerm postrm; do
  sed "s|@UNITS@|$unit_list|" "packaging/debian/$script" > "$root/DEBIAN/$script"
  chmod 0755 "$root/DEBIAN/$script"
done
install -m 0644 packaging/debian/conffiles "$root/DEBIAN/conffiles"
(cd "$root" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\n' | LC_ALL=C sort | xargs md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
installed_size=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
sed -e "s#@VERSION@#$version#" -e "s#@ARCH@#$arch#" -e "s#@INSTALLED_SIZE@#$installed_size#" -e "s#@DEPENDS@#$depends#" \
  packaging/debian/control.in > "$root/DEBIAN/control"

find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$output"
deb="$output/billing-sync_${version}_${arch}.deb"
# --root-owner-group: every file root:root without fakeroot.
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "libraries: $(awk '{print $1}' <<<"$libraries" | tr '\n' ' ')"
echo "Depends: $depends"
echo "$deb"
