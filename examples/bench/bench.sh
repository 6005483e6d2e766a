#!/usr/bin/env bash
# Measures the echo example with wrk in the scenarios of the project's performance table:
#   plaintext (64 connections), pipelined (16 requests per write, 256 connections), json,
#   echo-1k, echo-64k (16 connections) and user. On a machine with two or more CPUs the server is
#   pinned to CPU 0 and wrk to CPU 1, and the server's CPU time per request is reported: where wrk's
#   single core is the ceiling, that is the figure that still compares servers.
#
# usage: examples/bench/bench.sh [--duration S] [--warmup S] [--scenarios a,b] [--java-opts "..."]
#                               [--jar FILE] [--app NAME]
# Needs wrk, curl and a JDK 25 (JAVA_HOME, or java on the PATH). Builds the jar if it is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/examples/target/weft-examples.jar"
duration=10
warmup=3
scenarios="plaintext,pipelined,json,echo-1k,echo-64k,user"
java_opts="-XX:+UseParallelGC -Xms64m -Xmx1g -XX:+ExitOnOutOfMemoryError"
port="${WEFT_BENCH_PORT:-18080}"
app=echo

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --app) app="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench.sh: '$tool' is needed (e.g. apt-get install $tool)" >&2; exit 2; }
done
is_jdk25() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk25 "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*; do is_jdk25 "$candidate" && { JAVA_HOME="$candidate"; break; }; done
  [ -n "$JAVA_HOME" ] || { echo "bench.sh: needs JDK 25: set JAVA_HOME" >&2; exit 2; }
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -DskipTests package)

server_cpus=""; wrk_cpus=""
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then server_cpus="taskset -c 0"; wrk_cpus="taskset -c 1"; fi

# shellcheck disable=SC2086
$server_cpus "$java" $java_opts -jar "$jar" --app "$app" --host 127.0.0.1 --port "$port" > "${TMPDIR:-/tmp}/weft-bench-server.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fs --max-time 1 "http://127.0.0.1:$port/plaintext" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "bench.sh: the server exited; see ${TMPDIR:-/tmp}/weft-bench-server.log" >&2; exit 1; }
  sleep 0.05
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)

printf '%-10s %12s %9s %9s %8s %16s\n' scenario "req/s" "p50" "p99" errors "server µs/req"
IFS=',' read -ra list <<< "$scenarios"
for s in "${list[@]}"; do
  conns=64; script=""; path=/plaintext; body_bytes=""
  case "$s" in
    plaintext) ;;
    pipelined) conns=256; script="$here/pipeline.lua" ;;
    json) path=/json ;;
    echo-1k) path=/echo; script="$here/post.lua"; body_bytes=1024 ;;
    echo-64k) path=/echo; script="$here/post.lua"; body_bytes=65536; conns=16 ;;
    user) path=/user/123 ;;
    *) echo "bench.sh: unknown scenario '$s'" >&2; exit 2 ;;
  esac
  args=(-t1 -c"$conns" --latency --timeout 10s)
  [ -n "$script" ] && args+=(-s "$script")
  url="http://127.0.0.1:$port$path"
  # shellcheck disable=SC2086
  WEFT_BODY_BYTES="$body_bytes" timeout $((warmup + 30)) $wrk_cpus wrk "${args[@]}" -d"${warmup}s" "$url" >/dev/null
  before=$(cpu_ticks)
  # shellcheck disable=SC2086
  out=$(WEFT_BODY_BYTES="$body_bytes" timeout $((duration + 30)) $wrk_cpus wrk "${args[@]}" -d"${duration}s" "$url")
  after=$(cpu_ticks)
  rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$out")
  total=$(awk '/requests in/ {print $1}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i} END {print n + 0}' <<< "$out")
  us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$total" 'BEGIN { if (n > 0) printf "%.2f", t / hz * 1e6 / n; else print "-" }')
  [ "$s" = pipelined ] && { p50="-"; p99="-"; }
  printf '%-10s %12s %9s %9s %8s %16s\n' "$s" "$rps" "$p50" "$p99" "$errors" "$us"
done
