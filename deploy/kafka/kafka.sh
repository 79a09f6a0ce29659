#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) from Maven Central jars; no Docker.
#
#   deploy/kafka/kafka.sh fetch|up|down|status|reset
#
# Environment:
#   KAFKA_CACHE   jar cache, shared by every checkout   (default ~/.cache/news-streams/kafka)
#   KAFKA_HOME    runtime dir: data, pid, logs          (default /tmp/news-streams-kafka)
#   KAFKA_PORT    PLAINTEXT port; controller uses +1     (default 9092)
#   KAFKA_HEAP    JVM heap                               (default 512m)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${KAFKA_CACHE:-$HOME/.cache/news-streams/kafka}"
home="${KAFKA_HOME:-/tmp/news-streams-kafka}"
port="${KAFKA_PORT:-9092}"
cport=$((port + 1))
heap="${KAFKA_HEAP:-512m}"
pidfile="$home/kafka.pid"

log() { echo "kafka: $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

fetch() {
  local stamp="$cache/libs/.complete-$(sha1sum "$here/pom.xml" | cut -c1-12)"
  [[ -f $stamp ]] && return 0
  log "resolving Kafka jars from Maven Central into $cache/libs"
  rm -rf "$cache/libs" && mkdir -p "$cache/libs"
  mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$cache/libs"
  touch "$stamp"
}

java_run() {
  java "-Xmx$heap" "-Xms$heap" -XX:+UseG1GC \
    "-Dlog4j2.configurationFile=$here/log4j2.properties" \
    -cp "$cache/libs/*" "$@"
}

configure() {
  mkdir -p "$home"
  sed -e "s#^log.dirs=.*#log.dirs=$home/data#" \
      -e "s#127.0.0.1:9092#127.0.0.1:$port#g" \
      -e "s#127.0.0.1:9093#127.0.0.1:$cport#g" \
      "$here/server.properties" >"$home/server.properties"
}

up() {
  if running && port_open "$port"; then log "already running on 127.0.0.1:$port"; return 0; fi
  # Another process on our ports would answer the readiness check below.
  local p
  for p in "$port" "$cport"; do
    if port_open "$p"; then log "port $p is in use by another process (set KAFKA_PORT)"; return 1; fi
  done
  fetch
  configure
  if [[ ! -f $home/data/meta.properties ]]; then
    local cid
    cid="$(java_run kafka.tools.StorageTool random-uuid | tail -1)"
    java_run kafka.tools.StorageTool format -t "$cid" -c "$home/server.properties" \
      --standalone >"$home/format.log" 2>&1
  fi
  log "starting broker on 127.0.0.1:$port (logs: $home/kafka.log)"
  nohup java "-Xmx$heap" "-Xms$heap" -XX:+UseG1GC \
    "-Dlog4j2.configurationFile=$here/log4j2.properties" \
    -cp "$cache/libs/*" kafka.Kafka "$home/server.properties" \
    >"$home/kafka.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if port_open "$port"; then log "up (pid $(cat "$pidfile"))"; return 0; fi
    if ! running; then log "broker exited; see $home/kafka.log"; tail -20 "$home/kafka.log" >&2; return 1; fi
    sleep 0.5
  done
  log "broker did not open port $port in 60s"; return 1
}

down() {
  if ! running; then log "not running"; rm -f "$pidfile"; return 0; fi
  local pid; pid="$(cat "$pidfile")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  log "stopped"
}

status() {
  if running && port_open "$port"; then echo "running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
  else echo "stopped"; return 3; fi
}

case "${1:-}" in
  fetch) fetch ;;
  up) up ;;
  down) down ;;
  status) status ;;
  reset) down; rm -rf "$home" ;;
  *) echo "usage: $0 fetch|up|down|status|reset" >&2; exit 2 ;;
esac
