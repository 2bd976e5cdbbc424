#!/usr/bin/env python3
"""Runs a command and prints its peak resident set size.

usage: peak_rss.py COMMAND [ARGS...]

The command's own output passes through; after it exits, one last JSON line on stdout gives
{"peak_rss_kb": ..., "exit": ...}: getrusage(RUSAGE_CHILDREN).ru_maxrss, which (on Linux, in KiB) is the
largest peak RSS of this wrapper's waited-for children. The wrapper starts only the one, so it is that
process's peak (VmHWM), read by the kernel at its exit rather than polled. The wrapper's exit code is the
command's.
"""
import json, resource, subprocess, sys

if len(sys.argv) < 2:
    sys.exit("usage: peak_rss.py COMMAND [ARGS...]")
code = subprocess.call(sys.argv[1:])
sys.stdout.flush()
print(json.dumps({"peak_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "exit": code}), flush=True)
sys.exit(code if code >= 0 else 1)
