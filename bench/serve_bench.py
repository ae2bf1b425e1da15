#!/usr/bin/env python3
"""Measures `gongkai serve` on a generated site: for each edit (a line appended to a
document), (a) the server's own figure from the debounced file event to the reload
sent, read from its one-line-per-rebuild output, (b) save → the served page shows the
edit, polled over HTTP every millisecond, and (c) save → the reload event received.
With GONGKAI_SERVE_PROFILE set (bench/serve.sh sets it), also (d) the time serve takes
after each save to bring its search index up to date (in place, or written anew).
Usage: python3 bench/serve_bench.py GONGKAI_BINARY SITE_DIR [EDITS]"""

import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request


def main():
    binary, site = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    proc = subprocess.Popen([binary, "serve", "--site", site, "--port", "0", "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
                            env=dict(os.environ, NO_COLOR="1"))
    lines, cond = [], threading.Condition()

    def read_out():
        for line in proc.stdout:
            with cond:
                lines.append(line.rstrip("\n"))
                cond.notify_all()
    threading.Thread(target=read_out, daemon=True).start()

    def wait_line(pred, start, timeout=120):
        deadline = time.time() + timeout
        with cond:
            while True:
                for i in range(start, len(lines)):
                    if pred(lines[i]):
                        return i, lines[i]
                left = deadline - time.time()
                if left <= 0:
                    raise SystemExit("timed out; output:\n" + "\n".join(lines[-20:]))
                cond.wait(left)

    try:
        _, serving = wait_line(lambda l: l.startswith("serving http://"), 0)
        print("\n".join(l for l in lines if l.startswith("built")))
        addr = re.search(r"http://([^/]+)/", serving).group(1)
        host, port = addr.rsplit(":", 1)

        def rss_mb():
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    return int([l.split()[1] for l in f if l.startswith("VmRSS")][0]) // 1024
            except (OSError, IndexError, ValueError):
                return None
        # The first build is whole once its search index is served (serve makes it just
        # after announcing the address), as bench/soak.py takes it.
        deadline = time.time() + 600
        while True:
            try:
                if urllib.request.urlopen(f"http://{addr}/search/meta.json", timeout=10).status == 200:
                    break
            except Exception:
                pass
            if time.time() > deadline:
                raise SystemExit("the search index was never served")
            time.sleep(0.05)
        print(f"server memory after the first build (search index served): {rss_mb()} MB resident")

        reloads, rl = [], threading.Lock()

        def sse():
            s = socket.create_connection((host, int(port)))
            s.sendall(f"GET /__gongkai/events HTTP/1.1\r\nHost: {addr}\r\n\r\n".encode())
            buf = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    return
                buf += chunk
                while b"event: reload" in buf:
                    with rl:
                        reloads.append(time.perf_counter())
                    buf = buf.split(b"event: reload", 1)[1]
        threading.Thread(target=sse, daemon=True).start()
        time.sleep(0.5)

        docs = []
        for root, _, files in os.walk(os.path.join(site, "content")):
            docs += [os.path.join(root, f) for f in files if f.endswith(".md")]
        docs.sort()
        rng = random.Random(7)
        server_ms, page_ms, reload_ms, search_ms = [], [], [], []
        for k in range(edits):
            path = rng.choice(docs)
            rel = os.path.relpath(path, os.path.join(site, "content"))
            section = rel.split(os.sep)[0]
            url = f"http://{addr}/{section}/{os.path.splitext(os.path.basename(path))[0]}/"
            # Letters, not digits: a long run of digits can be taken for a bank card
            # number by the privacy check (and then the edit is refused, rightly).
            stamp = "".join(chr(ord("a") + int(c)) for c in str(time.time_ns()))
            marker = f"第{k}次修改标记{stamp}"
            n_lines = len(lines)
            with rl:
                n_reloads = len(reloads)
            t0 = time.perf_counter()
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            while True:
                try:
                    body = urllib.request.urlopen(url, timeout=10).read().decode()
                except Exception:
                    body = ""
                if marker in body:
                    break
                if time.perf_counter() - t0 > 30:
                    with rl:
                        tail = "\n".join(lines[-20:])
                    raise SystemExit(f"edit {k} never showed at {url}; the server said:\n{tail}\n--- page:\n{body[:3000]}")
                time.sleep(0.001)
            page_ms.append((time.perf_counter() - t0) * 1000)
            _, line = wait_line(lambda l: l.startswith("rebuilt ("), n_lines)
            server_ms.append(int(re.search(r"in (\d+) ms", line).group(1)))
            deadline = time.time() + 10
            while time.time() < deadline:
                with rl:
                    if len(reloads) > n_reloads:
                        reload_ms.append((reloads[n_reloads] - t0) * 1000)
                        break
                time.sleep(0.001)
            search = ""
            if os.environ.get("GONGKAI_SERVE_PROFILE"):
                _, sline = wait_line(lambda l: "search index" in l, n_lines)
                m = re.match(r"\s*([\d.]+) ms\s+search index (updated in place|written anew)", sline)
                if m:
                    search_ms.append((float(m.group(1)), m.group(2)))
                    search = f" | search {m.group(1)} ms {m.group(2)}"
            print(f"edit {k:2}: page shown {page_ms[-1]:6.1f} ms | {line}{search}")
            time.sleep(0.3)
        print()
        print(f"server memory after the edits: {rss_mb()} MB resident")
        print(f"documents: {len(docs)}, edits: {edits}")
        print(f"(a) debounced file event -> reload sent (server): median {statistics.median(server_ms):.0f} ms "
              f"(min {min(server_ms)}, max {max(server_ms)})")
        print(f"(b) save -> served page shows the edit:          median {statistics.median(page_ms):.0f} ms "
              f"(min {min(page_ms):.0f}, max {max(page_ms):.0f})")
        if reload_ms:
            print(f"(c) save -> reload event received by a page:     median {statistics.median(reload_ms):.0f} ms")
        for how in ("updated in place", "written anew"):
            ms = [t for t, h in search_ms if h == how]
            if ms:
                print(f"(d) search index {how}: {len(ms)} times, median {statistics.median(ms):.1f} ms "
                      f"(min {min(ms):.1f}, max {max(ms):.1f})")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
