#!/usr/bin/env python3
"""Issue 16's cost item measured as CPU time, which a host's slow spells do not hide.

On this project's 2-core guests the same training run, alone, varies by ±30 % in speed from one minute to the next,
and two identical runs at the same time on the two cores differ as much: a 5 % throughput difference cannot be seen
in wall-clock figures (throughput.sh measures them anyway). What the dashboard costs training is the CPU time it takes
from the cores training runs on. Each round trains the same model twice, plain and with --dashboard and its page open
in headless chromium, and reads from /proc
  - the training process's threads: those that train (the main thread and the ae-kernel-* workers) and the others
    (the runtime's, and with --dashboard the server's and the feed's);
  - every chromium process, from before the tab opens until training ends.
The dashboard's cost is chromium's CPU time plus what the dashboard run's other threads took beyond the plain run's,
as a share of the machine during the fit (cores × fit_seconds): the throughput that training, which keeps every core
busy, gives up to it. Also printed: the training threads' CPU seconds of both runs (the same work; they differ only by
the host's speed) and the wall-clock throughput of both.

    /usr/bin/python3 bench/dashboard/cpu_share.py [--epochs 30] [--rounds 4]    MODEL, DATA, THREADS, PORT from the environment
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(stat_path):
    with open(stat_path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


class ThreadWatcher(threading.Thread):
    """Polls a process's threads until it exits; keeps each thread's last CPU time and name."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.threads = pid, {}

    def run(self):
        while os.path.exists(f"/proc/{self.pid}/stat"):
            try:
                for tid in os.listdir(f"/proc/{self.pid}/task"):
                    base = f"/proc/{self.pid}/task/{tid}"
                    with open(f"{base}/comm") as f:
                        name = f.read().strip()
                    self.threads[tid] = (name, cpu_seconds(f"{base}/stat"))
            except (FileNotFoundError, ProcessLookupError):
                pass
            time.sleep(0.1)

    def split(self):
        training = sum(s for n, s in self.threads.values() if n == "dotnet" or n.startswith("ae-kernel"))
        return training, sum(s for _, s in self.threads.values()) - training


def group_cpu(pgid):
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.getpgid(int(pid)) == pgid:
                total += cpu_seconds(f"/proc/{pid}/stat")
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def wait_for(url, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def train(args, out, extra):
    command = ["dotnet", os.path.join(ROOT, ".build", "ae", "ae.dll"), "train", "--data", args.data, "--model", args.model,
               "--epochs", str(args.epochs), "--seed", "1", "--threads", str(args.threads), "--out", out] + extra
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    watcher = ThreadWatcher(process.pid)
    watcher.start()
    return process, watcher


def epoch_lines(process):
    """The epoch each 'epoch k/n' line of ae train's output ends, as it is printed."""
    for line in process.stdout:
        if line.startswith("epoch "):
            yield int(line.split()[1].split("/")[0])


def finish(process, watcher, out):
    for _ in process.stdout:
        pass
    if process.wait() != 0:
        sys.exit(f"training failed: {process.args}")
    watcher.join()
    with open(os.path.join(out, "metrics.json")) as f:
        metrics = json.load(f)
    return watcher.split(), metrics["fit_seconds"], metrics["train_samples"] * metrics["epochs"] / metrics["fit_seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    args.model, args.data = os.environ.get("MODEL", "dense"), os.environ.get("DATA", "fashion-mnist")
    args.threads, port = int(os.environ.get("THREADS", "2")), os.environ.get("PORT", "8765")
    browser = shutil.which("chromium")
    if browser is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    subprocess.run([os.path.join(ROOT, "ae"), "--help"], stdout=subprocess.DEVNULL, check=True)  # builds when a source changed
    work = tempfile.mkdtemp()
    shares, steady_shares = [], []
    steady_from = max(1, args.epochs // 3)
    print(f"{'round':<6} {'run':<16} {'train CPU s':>11} {'other CPU s':>11} {'chromium s':>10} {'fit s':>7} {'samples/s':>10} {'cost':>7} {'steady':>7}")
    try:
        for round_number in range(1, args.rounds + 1):
            plain_out = os.path.join(work, f"plain{round_number}")
            (plain_train, plain_other), plain_fit, plain_speed = finish(*train(args, plain_out, []), plain_out)
            print(f"{round_number:<6} {'plain':<16} {plain_train:11.2f} {plain_other:11.2f} {'':>10} {plain_fit:7.2f} {plain_speed:10.0f}")

            profile = os.path.join(work, f"profile{round_number}")
            viewer = subprocess.Popen([browser, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                                       "--remote-debugging-port=9223", "about:blank"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                if not wait_for("http://127.0.0.1:9223/json/version"):
                    sys.exit("chromium did not start")
                time.sleep(2)  # its start-up is not the dashboard's cost
                dash_out = os.path.join(work, f"dash{round_number}")
                browser_before = group_cpu(viewer.pid)
                process, watcher = train(args, dash_out, ["--dashboard", "--port", port])
                if not wait_for(f"http://127.0.0.1:{port}/runs"):
                    sys.exit(f"no dashboard on port {port}")
                request = urllib.request.Request(f"http://127.0.0.1:9223/json/new?http://127.0.0.1:{port}/", method="PUT")
                urllib.request.urlopen(request, timeout=5).read()
                # Readings when a third of the epochs are done (the page long open) and when the last one is: what the
                # run does after its fit (the anomaly view it publishes at the end) is not training's cost.
                marks = {}
                for epoch in epoch_lines(process):
                    if epoch in (steady_from, args.epochs):
                        marks[epoch] = (time.time(), group_cpu(viewer.pid), watcher.split()[1])
                    if epoch == args.epochs:
                        break
                (dash_train, dash_other), dash_fit, dash_speed = finish(process, watcher, dash_out)
            finally:
                os.killpg(viewer.pid, signal.SIGKILL)
                viewer.wait()
            (start, browser_start, other_start), (end, browser_end, other_end) = marks[steady_from], marks[args.epochs]
            browser_cpu = browser_end - browser_before
            cost = (browser_cpu + other_end - plain_other) / (args.threads * dash_fit)
            steady = (browser_end - browser_start + other_end - other_start) / (args.threads * (end - start))
            shares.append(cost)
            steady_shares.append(steady)
            print(f"{round_number:<6} {'dashboard, page':<16} {dash_train:11.2f} {other_end:11.2f} {browser_cpu:10.2f} {dash_fit:7.2f} "
                  f"{dash_speed:10.0f} {cost:7.2%} {steady:7.2%}")
            time.sleep(2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, values in (("the whole fit (the tab's opening included)", shares), (f"epochs {steady_from + 1}-{args.epochs}", steady_shares)):
        print(f"dashboard's share of the {args.threads} cores over {name}, {len(values)} rounds: median {statistics.median(values):.2%}"
              f" (lowest {min(values):.2%}, highest {max(values):.2%})")


if __name__ == "__main__":
    main()
