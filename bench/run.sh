#!/usr/bin/env bash
# End-to-end benchmark: Fulcrum against haproxy 2.6 with the same configuration,
# in front of the same fast backend, driven by wrk. Prints requests/s, proxy CPU
# microseconds per request (utime+stime of the proxy process over the run), p50
# and p99 latency, memory per idle keep-alive connection, and Fulcrum/HAProxy
# ratios. Runs alternate (H F H F ...) so machine noise affects both alike.
#
# Usage: bench/run.sh [rounds] [seconds]      (after `mvn package`)
# WARMUP (seconds, default 25) is run before measuring each proxy: Fulcrum's JIT
# needs ~20 s of load on one pinned core to reach its steady state; the warm-up
# is reported separately so that cost is visible, not hidden.
# Needs: haproxy, wrk, python3, taskset. Only 127.0.0.1 is used.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
FULCRUM=proxy/target/fulcrum/bin/fulcrum
[ -x "$FULCRUM" ] || { echo "run 'mvn package' first" >&2; exit 1; }
for t in haproxy wrk python3 taskset; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }; done

WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
BACKEND_PORT=19500
PROXY_PORT=19501
CPUS=$(nproc)
PROXY_CPU=0
LOAD_CPUS=$([ "$CPUS" -gt 1 ] && echo "1-$((CPUS - 1))" || echo 0)

# The fast backend: haproxy answering 200 itself, on the load CPUs.
cat > "$WORK/backend.cfg" <<CFG
global
  nbthread 1
  maxconn 8000
defaults
  mode http
  timeout client 30s
  timeout server 30s
  timeout connect 5s
frontend backend
  bind 127.0.0.1:$BACKEND_PORT
  http-request return status 200 content-type text/plain string "ok"
CFG
taskset -c "$LOAD_CPUS" haproxy -f "$WORK/backend.cfg" -db >/dev/null 2>&1 &

# The proxy configuration under test, identical for both.
cat > "$WORK/proxy.cfg" <<CFG
global
  nbthread 1
  maxconn 8000
defaults
  mode http
  timeout client 30s
  timeout server 30s
  timeout connect 5s
  timeout http-keep-alive 30s
frontend fe
  bind 127.0.0.1:$PROXY_PORT
  default_backend be
backend be
  server s1 127.0.0.1:$BACKEND_PORT
CFG

wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
wait_port $BACKEND_PORT

start_proxy() {
  case $1 in
    haproxy) taskset -c $PROXY_CPU haproxy -f "$WORK/proxy.cfg" -db >/dev/null 2>&1 & ;;
    fulcrum) FULCRUM_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+AlwaysPreTouch -Xmn64m}" \
               taskset -c $PROXY_CPU "$FULCRUM" -f "$WORK/proxy.cfg" >/dev/null 2>&1 & ;;
  esac
  PROXY_PID=$!
  wait_port $PROXY_PORT
}
stop_proxy() { kill $PROXY_PID; wait $PROXY_PID 2>/dev/null || true; sleep 0.3; }

# One measured wrk run: prints "rps cpu_us_per_req p50_ms p99_ms".
measure() { # $1 = extra wrk args
  local t0 t1 out reqs
  t0=$(cpu_ticks $PROXY_PID)
  out=$(taskset -c "$LOAD_CPUS" wrk -t1 -c50 -d${SECONDS_PER_RUN}s --latency ${1:-} http://127.0.0.1:$PROXY_PORT/ 2>&1)
  t1=$(cpu_ticks $PROXY_PID)
  python3 - "$out" "$t0" "$t1" "$(getconf CLK_TCK)" <<'PY'
import re, sys
out, t0, t1, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
reqs = int(re.search(r'(\d+) requests in', out).group(1))
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', out).group(1))
def ms(label):
    m = re.search(r'\s' + label + r'%\s+([\d.]+)(us|ms|s)', out)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == 'us' else v * 1000 if u == 's' else v
cpu_us = (t1 - t0) / hz * 1e6 / max(reqs, 1)
print(f"{rps:.0f} {cpu_us:.2f} {ms('50'):.3f} {ms('99'):.3f}")
PY
}

# Memory per idle keep-alive connection: growth for N idle connections, each
# having served one request. For haproxy that is its RSS growth. For Fulcrum the
# heap is pre-touched (RSS growth is then off-heap memory only) and the live heap
# after a full GC is added, read with the JDK's jcmd.
JCMD=$(dirname "$(readlink -f "$(command -v java)")")/jcmd
for j in /usr/lib/jvm/*25*/bin/jcmd; do [ -x "$j" ] && JCMD=$j; done
idle_memory() {
  python3 - $PROXY_PORT $PROXY_PID "$JCMD" "$1" <<'PY'
import socket, subprocess, sys, time, re
port, pid, jcmd, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
def heap():
    if kind != 'fulcrum':
        return 0
    subprocess.run([jcmd, str(pid), 'GC.run'], capture_output=True)
    out = subprocess.run([jcmd, str(pid), 'GC.heap_info'], capture_output=True, text=True).stdout
    # every generation's "total NK, used NK" (ParallelGC prints young and old separately)
    return sum(int(u) for u in re.findall(r'total \d+K, used (\d+)K', out)) * 1024
def rss():
    for line in open(f'/proc/{pid}/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) * 1024 + heap()
def open_idle(n):
    socks = []
    for _ in range(n):
        s = socket.create_connection(('127.0.0.1', port))
        s.sendall(b'GET / HTTP/1.1\r\nHost: b\r\n\r\n')
        data = b''
        while b'ok' not in data:
            chunk = s.recv(4096)
            if not chunk:
                sys.exit(f"{kind}: connection closed before the response: {data[:200]!r}")
            data += chunk
        socks.append(s)
    return socks
warm = open_idle(500)
for s in warm: s.close()
time.sleep(1)
base = rss()
n = 2000
socks = open_idle(n)
time.sleep(1)
print(f"{(rss() - base) / n:.0f}")
for s in socks: s.close()
PY
}

declare -A SUM
runs=0
for round in $(seq "$ROUNDS"); do
  for p in haproxy fulcrum; do
    start_proxy $p
    # warm-up: JIT compilation for Fulcrum, caches for both; its first 5 s are reported
    read -r wrps wcpu wp50 wp99 <<<"$(SECONDS_PER_RUN=5 measure "")"
    taskset -c "$LOAD_CPUS" wrk -t1 -c50 -d$((${WARMUP:-25} - 5))s http://127.0.0.1:$PROXY_PORT/ >/dev/null 2>&1
    read -r rps cpu p50 p99 <<<"$(measure "")"
    read -r crps ccpu cp50 cp99 <<<"$(measure "-H Connection:close")"
    mem=$(idle_memory $p)
    stop_proxy
    echo "round $round $p: first 5 s cold: ${wrps} req/s, ${wcpu} us CPU/req, p99 ${wp99} ms" >&2
    echo "round $round $p: ${rps} req/s, ${cpu} us CPU/req, p50 ${p50} ms, p99 ${p99} ms; new conn: ${crps} req/s ${ccpu} us/req; idle conn ${mem} B" >&2
    for k in rps cpu p50 p99 crps ccpu mem; do
      SUM[$p.$k]=$(python3 -c "print(${SUM[$p.$k]:-0} + ${!k})")
    done
  done
done

python3 - "$ROUNDS" \
  "${SUM[haproxy.rps]}" "${SUM[fulcrum.rps]}" "${SUM[haproxy.cpu]}" "${SUM[fulcrum.cpu]}" \
  "${SUM[haproxy.p50]}" "${SUM[fulcrum.p50]}" "${SUM[haproxy.p99]}" "${SUM[fulcrum.p99]}" \
  "${SUM[haproxy.ccpu]}" "${SUM[fulcrum.ccpu]}" "${SUM[haproxy.mem]}" "${SUM[fulcrum.mem]}" <<'PY'
import sys
n = int(sys.argv[1]); v = [float(x) / n for x in sys.argv[2:]]
rows = [("requests/s (keep-alive)", v[0], v[1], "{:.0f}"),
        ("proxy CPU us/request (keep-alive)", v[2], v[3], "{:.2f}"),
        ("p50 latency ms", v[4], v[5], "{:.3f}"),
        ("p99 latency ms", v[6], v[7], "{:.3f}"),
        ("proxy CPU us/request (new connection each)", v[8], v[9], "{:.2f}"),
        ("bytes per idle keep-alive connection", v[10], v[11], "{:.0f}")]
print(f"| metric | HAProxy 2.6 | Fulcrum | Fulcrum/HAProxy |")
print(f"|---|---|---|---|")
for name, h, f, fmt in rows:
    print(f"| {name} | {fmt.format(h)} | {fmt.format(f)} | {f / h if h else float('nan'):.2f} |")
PY
