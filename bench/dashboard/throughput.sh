#!/usr/bin/env bash
# Issue 16's cost item: training throughput with and without --dashboard, measured in one run. Each round trains the
# same model four ways, one after another, in an order rotated by one each round: plain; with the dashboard and
# nobody watching; with a viewer on the event stream (curl on /events, what the page's EventSource reads); with the
# page itself open in headless chromium (its drawing shares the machine's cores). Prints samples/s (over the
# whole fit, see speed) of each run, then each variant's median speed and the median of its ratios to the plain run of the same
# round.
# Training must last seconds for the figures to mean anything: 30 epochs of dense take about 7 s here. This project's
# 2-vCPU guests change speed for spells of tens of seconds, mostly when the host places the two vCPUs far apart (a cache
# line's round trip between them about 300 ns instead of 50), and then dense trains at half speed: the bench's
# core-latency monitor runs beside the rounds, each run is marked near or far by its readings, and the ratios are given
# twice, over every round and over the pairs that both ran near. cpu_share.py measures the same cost as CPU time.
#   bench/dashboard/throughput.sh [EPOCHS=30] [ROUNDS=4]        MODEL, DATA, THREADS, PORT from the environment
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs=${1:-30} rounds=${2:-4}
model=${MODEL:-dense} data=${DATA:-fashion-mnist} threads=${THREADS:-2} port=${PORT:-8765}
"$root/ae" --help >/dev/null # builds when a source changed
ae=(dotnet "$root/.build/ae/ae.dll")
dotnet build -c Release "$root/bench/Autoencoders.Bench" -v q -nologo >/dev/null
bench=(dotnet "$root/bench/Autoencoders.Bench/bin/Release/net10.0/Autoencoders.Bench.dll")
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
browser=$(command -v chromium || true)

# A run's speed: training samples × epochs over the whole fit's wall clock (metrics.json's fit_seconds: the epochs and
# also what runs between them, validation and the dashboard's snapshots), so that every cost of the dashboard counts.
speed() { python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(round(m["train_samples"]*m["epochs"]/m["fit_seconds"]))' "$1/metrics.json"; }
train() { "${ae[@]}" train --data "$data" --model "$model" --epochs "$epochs" --seed 1 --threads "$threads" --out "$@" >/dev/null; }
wait_for_server() { for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/runs" && return 0; sleep 0.05; done; echo "no dashboard on port $port" >&2; return 1; }

log="$work/figures.tsv" latency="$work/latency.log"
now() { date +%s%3N; }
# record NAME DIR START-MS: the run's speed, and its span for the latency readings.
record() {
  printf '%-6s %-22s %14s\n' "$round" "$1" "$(speed "$2")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$1" "$(speed "$2")" "$3" "$(now)" >>"$log"
}
plain() { local t0; t0=$(now); train "$work/plain"; record plain "$work/plain" "$t0"; }
unwatched() { local t0; t0=$(now); train "$work/dash" --dashboard --port "$port"; record "dashboard, no viewer" "$work/dash" "$t0"; }
streamed() {
  local t0; t0=$(now)
  train "$work/sse" --dashboard --port "$port" & local run=$!
  wait_for_server; curl -sN "http://127.0.0.1:$port/events?run=0" >"$work/events.txt" & local viewer=$!
  wait $run; kill $viewer 2>/dev/null || true; wait $viewer 2>/dev/null || true
  record "event-stream viewer" "$work/sse" "$t0"
}
page() {
  # The browser is already running, as a user's would be (its start-up is not the dashboard's cost): a new tab opens
  # the page through the DevTools endpoint once the server is up. Its own session, so that every process of it goes.
  # A fresh profile each time: a browser killed last round would otherwise spend this one recovering its old profile.
  rm -rf "$work/profile"
  setsid "$browser" --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/profile" --remote-debugging-port=9223 about:blank >/dev/null 2>&1 & local viewer=$!
  for _ in $(seq 200); do curl -s -o /dev/null http://127.0.0.1:9223/json/version && break; sleep 0.05; done
  sleep 2 # let its start-up work settle
  local t0; t0=$(now)
  train "$work/page" --dashboard --port "$port" & local run=$!
  wait_for_server; curl -s -X PUT "http://127.0.0.1:9223/json/new?http://127.0.0.1:$port/" | grep -q '"url"' || echo "chromium did not open the page" >&2
  wait $run; local t1; t1=$(now); kill -- -$viewer 2>/dev/null || true; wait $viewer 2>/dev/null || true
  record "page open (chromium)" "$work/page" "$t0"
  sed -i '$ s/\t[0-9]*$/\t'"$t1"'/' "$log" # the run ended before the browser was closed
  sleep 2 # its processes' exit is not the next run's cost
}

variants=(plain unwatched streamed)
[ -n "$browser" ] && variants+=(page)
"${bench[@]}" core-latency --every 0.5 >"$latency" &
printf '%-6s %-22s %14s\n' round variant samples/s
for round in $(seq "$rounds"); do
  # Each round starts one variant later, so that no variant always runs first (or always after the browser).
  for i in "${!variants[@]}"; do "${variants[$(( (i + round - 1) % ${#variants[@]} ))]}"; done
done
# Each variant's ratio to the plain run of its own round (neighbours in time, so that a slow spell of the host hits both
# alike), and the median of those ratios over the rounds; also the medians of the speeds themselves.
python3 - "$log" "$latency" <<'PY'
import statistics, sys
FAR_NS = 150  # between the two placements' round trips (about 50 and 300 ns)
readings = [tuple(map(float, line.split())) for line in open(sys.argv[2]) if line.strip()]
rounds = []
for line in open(sys.argv[1]):
    number, name, value, start, end = line.rstrip("\n").split("\t")
    if int(number) > len(rounds): rounds.append({})
    during = [ns for ms, ns in readings if float(start) <= ms <= float(end)]
    rounds[-1][name] = (float(value), bool(during) and max(during) < FAR_NS)
near_runs = sum(near for r in rounds for _, near in r.values())
print("core-latency readings: %d, far (>= %d ns) %d; runs that ran near throughout: %d of %d"
      % (len(readings), FAR_NS, sum(ns >= FAR_NS for _, ns in readings), near_runs, sum(len(r) for r in rounds)))
def table(title, keep):
    print(title)
    for name in rounds[0]:
        pairs = [(r[name][0], r["plain"][0]) for r in rounds if name in r and keep(r[name][1], r["plain"][1])]
        if not pairs:
            print("  %-22s (no rounds)" % name); continue
        ratios = [v / p for v, p in pairs]
        print("  %-22s %10.0f %8.3f   (%.3f, %.3f)  %d rounds" % (name, statistics.median(v for v, _ in pairs),
              statistics.median(ratios), min(ratios), max(ratios), len(pairs)))
table("over every round: median samples/s, median of the per-round ratios to plain (lowest, highest)", lambda a, b: True)
table("over the rounds where the run and its plain run both ran near:", lambda a, b: a and b)
PY
