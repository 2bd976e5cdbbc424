#!/usr/bin/env bash
# Issue 16's cost item: training throughput with and without --dashboard, measured in one run. Each round trains the
# same model four ways, one after another, in an order rotated by one each round: plain; with the dashboard and
# nobody watching; with a viewer on the event stream (curl on /events, what the page's EventSource reads); with the
# page itself open in headless chromium (its drawing shares the machine's cores). Prints samples/s (over the
# whole fit, see speed) of each run, then each variant's median speed and the median of its ratios to the plain run of the same
# round.
# Training must last seconds for the figures to mean anything: 30 epochs of dense take about 7 s here. On a guest whose
# speed drifts by tens of percent from minute to minute these wall-clock ratios cannot resolve a few percent:
# cpu_share.py measures the same cost as CPU time.
#   bench/dashboard/throughput.sh [EPOCHS=30] [ROUNDS=4]        MODEL, DATA, THREADS, PORT from the environment
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs=${1:-30} rounds=${2:-4}
model=${MODEL:-dense} data=${DATA:-fashion-mnist} threads=${THREADS:-2} port=${PORT:-8765}
"$root/ae" --help >/dev/null # builds when a source changed
ae=(dotnet "$root/.build/ae/ae.dll")
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
browser=$(command -v chromium || true)

# A run's speed: training samples × epochs over the whole fit's wall clock (metrics.json's fit_seconds: the epochs and
# also what runs between them, validation and the dashboard's snapshots), so that every cost of the dashboard counts.
speed() { python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(round(m["train_samples"]*m["epochs"]/m["fit_seconds"]))' "$1/metrics.json"; }
train() { "${ae[@]}" train --data "$data" --model "$model" --epochs "$epochs" --seed 1 --threads "$threads" --out "$@" >/dev/null; }
wait_for_server() { for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/runs" && return 0; sleep 0.05; done; echo "no dashboard on port $port" >&2; return 1; }

log="$work/figures.tsv"
record() { printf '%-6s %-22s %14s\n' "$round" "$1" "$(speed "$2")"; printf '%s\t%s\t%s\n' "$round" "$1" "$(speed "$2")" >>"$log"; }
plain() { train "$work/plain"; record plain "$work/plain"; }
unwatched() { train "$work/dash" --dashboard --port "$port"; record "dashboard, no viewer" "$work/dash"; }
streamed() {
  train "$work/sse" --dashboard --port "$port" & local run=$!
  wait_for_server; curl -sN "http://127.0.0.1:$port/events?run=0" >"$work/events.txt" & local viewer=$!
  wait $run; kill $viewer 2>/dev/null || true; wait $viewer 2>/dev/null || true
  record "event-stream viewer" "$work/sse"
}
page() {
  # The browser is already running, as a user's would be (its start-up is not the dashboard's cost): a new tab opens
  # the page through the DevTools endpoint once the server is up. Its own session, so that every process of it goes.
  # A fresh profile each time: a browser killed last round would otherwise spend this one recovering its old profile.
  rm -rf "$work/profile"
  setsid "$browser" --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/profile" --remote-debugging-port=9223 about:blank >/dev/null 2>&1 & local viewer=$!
  for _ in $(seq 200); do curl -s -o /dev/null http://127.0.0.1:9223/json/version && break; sleep 0.05; done
  sleep 2 # let its start-up work settle
  train "$work/page" --dashboard --port "$port" & local run=$!
  wait_for_server; curl -s -X PUT "http://127.0.0.1:9223/json/new?http://127.0.0.1:$port/" | grep -q '"url"' || echo "chromium did not open the page" >&2
  wait $run; kill -- -$viewer 2>/dev/null || true; wait $viewer 2>/dev/null || true
  sleep 2 # its processes' exit is not the next run's cost
  record "page open (chromium)" "$work/page"
}

variants=(plain unwatched streamed)
[ -n "$browser" ] && variants+=(page)
printf '%-6s %-22s %14s\n' round variant samples/s
for round in $(seq "$rounds"); do
  # Each round starts one variant later, so that no variant always runs first (or always after the browser).
  for i in "${!variants[@]}"; do "${variants[$(( (i + round - 1) % ${#variants[@]} ))]}"; done
done
# Each variant's ratio to the plain run of its own round (neighbours in time, so that a slow spell of the host hits both
# alike), and the median of those ratios over the rounds; also the medians of the speeds themselves.
python3 - "$log" <<'PY'
import statistics, sys
rounds = []
for line in open(sys.argv[1]):
    number, name, value = line.rstrip("\n").split("\t")
    if int(number) > len(rounds): rounds.append({})
    rounds[-1][name] = float(value)
print("over %d rounds: median samples/s, median of the per-round ratios to plain (lowest, highest)" % len(rounds))
for name in rounds[0]:
    speeds = [r[name] for r in rounds]
    ratios = [r[name] / r["plain"] for r in rounds]
    print("  %-22s %10.0f %8.3f   (%.3f, %.3f)" % (name, statistics.median(speeds), statistics.median(ratios), min(ratios), max(ratios)))
PY
