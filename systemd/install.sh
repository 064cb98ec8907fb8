#!/bin/sh
# Installs (or upgrades) billing-sync as a systemd service. README.md quotes these steps; a test
# runs them into a temporary root (--root DIR), where the systemctl and sysusers steps are skipped.
#
#   sudo systemd/install.sh [--binary PATH] [--root DIR] [--group NAME]
#
# Run from the repository after `swift build -c release`. Re-running it upgrades the binary and
# the units and keeps an existing configuration and secrets.
set -eu
binary=
root=
group=billing-sync
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --root) root=$2; shift 2 ;;
    --group) group=$2; shift 2 ;;
    *) echo "usage: $0 [--binary PATH] [--root DIR] [--group NAME]" >&2; exit 2 ;;
  esac
done
case "$binary" in "" | /*) ;; *) binary="$PWD/$binary" ;; esac
case "$root" in "" | /*) ;; *) root="$PWD/$root" ;; esac
cd "$(dirname "$0")/.."
binary=${binary:-.build/release/billing-sync}

# 1. The program and the static system user and group billing-sync.
install -D -m 0755 "$binary" "$root/usr/bin/billing-sync"
install -D -m 0644 systemd/billing-sync.sysusers "$root/usr/lib/sysusers.d/billing-sync.conf"
if [ -z "$root" ]; then systemd-sysusers; fi

# 2. Configuration: directory 0750 and file 0640, both root:billing-sync, so the daemon (and
#    reporting users in the group) can read it and only root can change it.
install -d -m 0750 -o root -g "$group" "$root/etc/billing-sync"
if [ ! -e "$root/etc/billing-sync/billing-sync.toml" ]; then
  install -m 0640 -o root -g "$group" config/billing-sync.toml "$root/etc/billing-sync/billing-sync.toml"
else
  chgrp "$group" "$root/etc/billing-sync/billing-sync.toml"
  chmod 0640 "$root/etc/billing-sync/billing-sync.toml"
  echo "kept the existing $root/etc/billing-sync/billing-sync.toml"
fi

# 3. Secrets stay root:root 0600; systemd copies them for the daemon (LoadCredential=).
for name in client_secret refresh_token; do
  if [ -e "$root/etc/billing-sync/$name" ]; then
    chown root:root "$root/etc/billing-sync/$name"
    chmod 0600 "$root/etc/billing-sync/$name"
  fi
done

# 4. The units.
install -D -m 0644 systemd/billing-sync.service "$root/etc/systemd/system/billing-sync.service"
install -D -m 0644 systemd/billing-sync@.service "$root/etc/systemd/system/billing-sync@.service"
if [ -z "$root" ]; then systemctl daemon-reload; fi

echo "installed. Next: edit $root/etc/billing-sync/billing-sync.toml (tenant_id, client_id), then"
echo "  install -m 0600 /dev/stdin $root/etc/billing-sync/client_secret   # paste the secret, then Ctrl-D"
echo "  install -m 0600 /dev/stdin $root/etc/billing-sync/refresh_token   # paste the refresh token, then Ctrl-D"
echo "  billing-sync check-config --skip-secrets $root/etc/billing-sync/billing-sync.toml"
echo "  systemctl enable --now billing-sync"
