#!/usr/bin/env bash
# Start-up and idle memory of the echo example, with and without the ahead-of-time cache the
# build writes (examples/target/weft-examples.aot), in alternating back-to-back runs: each round
# starts the server once each way (server pinned to CPU 0, the polling curl on CPU 1), measures the
# time from launch to the first 200 of GET /plaintext (polled every 5 ms) and the CPU time the JVM
# spent until then (all its threads: less sensitive to other load than the wall clock), reads the
# idle RSS 2 s later, then SIGTERMs it. Prints every run, the medians and the load average, so
# that a figure taken on a busy machine says so.
#
# usage: examples/bench/startup.sh [--rounds N] [--java-opts "..."] [--jar FILE] [--aot FILE]
# Defaults: 7 rounds, the shared benchmark's JVM flags (which the cache was trained with).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/examples/target/weft-examples.jar"
aot="$root/examples/target/weft-examples.aot"
rounds=7
java_opts="-XX:+UseParallelGC -Xms64m -Xmx1g -XX:+ExitOnOutOfMemoryError --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
port="${WEFT_BENCH_PORT:-18090}"

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --aot) aot="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "startup.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
command -v curl >/dev/null || { echo "startup.sh: needs curl" >&2; exit 2; }
is_jdk25() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "25([."]|$)'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk25 "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*; do is_jdk25 "$candidate" && { JAVA_HOME="$candidate"; break; }; done
  [ -n "$JAVA_HOME" ] || { echo "startup.sh: needs JDK 25 (the one that wrote the cache): set JAVA_HOME" >&2; exit 2; }
fi
java="$JAVA_HOME/bin/java"
[ -f "$jar" ] && [ -f "$aot" ] || { echo "startup.sh: build first (./mvnw -q -DskipTests package writes $jar and $aot)" >&2; exit 2; }
server_cpu=""; poll_cpu=""
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then server_cpu="taskset -c 0"; poll_cpu="taskset -c 1"; fi
log="${TMPDIR:-/tmp}/weft-startup.log"

hz=$(getconf CLK_TCK)
# one MODE -> "startup_ms cpu_ms idle_rss_kib"
one() {
  local extra=""
  [ "$1" = aot ] && extra="-XX:AOTCache=$aot"
  local t0 t1 pid
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  $server_cpu "$java" $java_opts $extra -jar "$jar" --host 127.0.0.1 --port "$port" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 2000); do
    $poll_cpu curl -fs --max-time 1 "http://127.0.0.1:$port/plaintext" >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || { echo "startup.sh: the server exited; see $log" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  local cpu
  cpu=$(awk -v hz="$hz" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  sleep 2
  local rss
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM $pid
  wait $pid 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $cpu $rss"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT
printf '%-6s %-8s %12s %10s %14s\n' round mode "startup ms" "CPU ms" "idle RSS MiB"
for r in $(seq 1 "$rounds"); do
  for mode in plain aot; do
    read -r ms cpu rss <<< "$(one $mode)"
    printf '%-6s %-8s %12s %10s %14.1f\n' "$r" "$mode" "$ms" "$cpu" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')"
    echo "$mode $ms $cpu $rss" >> "$results"
  done
done
for mode in plain aot; do
  ms=$(awk -v m=$mode '$1 == m {print $2}' "$results" | median)
  cpu=$(awk -v m=$mode '$1 == m {print $3}' "$results" | median)
  rss=$(awk -v m=$mode '$1 == m {print $4 / 1024}' "$results" | median)
  printf 'median %-8s %9s ms %7s CPU ms %11.1f MiB\n' "$mode" "$ms" "$cpu" "$rss"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
