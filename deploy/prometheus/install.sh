#!/usr/bin/env bash
# Install Prometheus and promtool (Debian package `prometheus`: /usr/bin/prometheus,
# /usr/bin/promtool) when either is missing. Quick and quiet when both are there.
#
#   bash deploy/prometheus/install.sh
#
# The package's service is not wanted: the tests and docker-compose run their own
# Prometheus with the project's configuration, so a policy-rc.d stops the package
# from starting it where an init system would.
set -euo pipefail

log() { echo "prometheus: $*" >&2; }

if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  log "apt-get not found; install Prometheus 2.x (prometheus and promtool) by hand"
  exit 1
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { log "run as root or install sudo"; exit 1; }
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
placed_policy=""
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  placed_policy=1
fi
trap '[[ -n $placed_policy ]] && $sudo rm -f "$policy"' EXIT

log "installing the Debian package"
if ! apt-cache show prometheus >/dev/null 2>&1; then
  $sudo apt-get update -qq
fi
$sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null

command -v prometheus >/dev/null && command -v promtool >/dev/null || {
  log "the package did not provide prometheus and promtool"; exit 1; }
log "$(prometheus --version 2>&1 | head -1)"
