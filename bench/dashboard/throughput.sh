#!/usr/bin/env bash
# Issue 16's cost item: training throughput with and without --dashboard, measured in one run. Each round trains the
# same model four ways, one after another, in an order rotated by one each round: plain; with the dashboard and
# nobody watching; with a viewer on the event stream (curl on /events, what the page's EventSource reads); with the
# page itself open in headless chromium (its drawing shares the machine's cores). Prints samples/s (ae's
# metrics.json) of each run, then each variant's median over the rounds and its ratio to the plain runs' median.
# Training must last seconds for the figures to mean anything: 30 epochs of dense take about 7 s here.
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

speed() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["samples_per_second"])' "$1/metrics.json"; }
train() { "${ae[@]}" train --data "$data" --model "$model" --epochs "$epochs" --seed 1 --threads "$threads" --out "$@" >/dev/null; }
wait_for_server() { for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/runs" && return 0; sleep 0.05; done; echo "no dashboard on port $port" >&2; return 1; }

log="$work/figures.tsv"
record() { printf '%-6s %-22s %14s\n' "$round" "$1" "$(speed "$2")"; printf '%s\t%s\n' "$1" "$(speed "$2")" >>"$log"; }
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
# Medians over the rounds: a busy neighbour on the host moves single runs by tens of percent, the median much less.
python3 - "$log" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, value = line.rstrip("\n").split("\t")
    runs.setdefault(name, []).append(float(value))
plain = statistics.median(runs["plain"])
print("median over %d rounds:" % len(runs["plain"]))
for name, values in runs.items():
    median = statistics.median(values)
    print("  %-22s %14.1f %8.3f" % (name, median, median / plain))
PY
