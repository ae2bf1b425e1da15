#!/usr/bin/env python3
"""Serve soak (issue 14): `gongkai serve` on a big site under load while a document is
saved every 200 ms; then 500 SSE clients opened and dropped, and slow partial requests.

Usage: python3 bench/soak.py GONGKAI_BINARY SITE_DIR [SECONDS=60]
Needs wrk (Debian package). Prints: requests, errors, whether the last save is what is
served, resident memory after the first build and at the end."""
import os, re, socket, subprocess, sys, threading, time, urllib.request

binary, site = sys.argv[1], sys.argv[2]
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 60
env = dict(os.environ, GONGKAI_LANG="en", NO_COLOR="1")
proc = subprocess.Popen([binary, "serve", "--site", site, "--port", "0"],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
url = None
lines = []
def reader():
    global url
    for line in proc.stdout:
        lines.append(line)
        m = re.search(r"serving (http://\S+)", line)
        if m and url is None:
            url = m.group(1).rstrip("/")
threading.Thread(target=reader, daemon=True).start()
deadline = time.time() + 600
while url is None:
    if time.time() > deadline or proc.poll() is not None:
        sys.exit("serve did not start:\n" + "".join(lines))
    time.sleep(0.05)

def rss_mb():
    with open(f"/proc/{proc.pid}/status") as f:
        for l in f:
            if l.startswith("VmRSS:"):
                return int(l.split()[1]) // 1024
# The first build is whole once its search index is served too: serve makes that on the
# watcher's thread just after it announces the address (and again after each save).
deadline = time.time() + 600
while True:
    try:
        if urllib.request.urlopen(url + "/search/meta.json").status == 200:
            break
    except Exception:
        pass
    if time.time() > deadline:
        sys.exit("the search index was never served")
    time.sleep(0.05)
rss_first = rss_mb()

# The document saved over and over, and the page it becomes.
notices = os.path.join(site, "content", "notices")
name = sorted(f for f in os.listdir(notices) if f.endswith(".md"))[0]
path = os.path.join(notices, name)
original = open(path, encoding="utf-8").read()
page = f"{url}/notices/{name[:-3]}/"
stop = threading.Event()
saves = [0]
def saver():
    while not stop.is_set():
        saves[0] += 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(original + f"\n\n保存标记{saves[0]:06d}\n")
        time.sleep(0.2)
t = threading.Thread(target=saver)
t.start()
# Resident memory every 10 s while under load: a plateau is the allocator's working
# set, a steady climb a leak.
samples = []
def sampler():
    while not stop.wait(10):
        samples.append(rss_mb())
threading.Thread(target=sampler, daemon=True).start()
wrk = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", page],
                     capture_output=True, text=True)
stop.set()
t.join()
last = f"保存标记{saves[0]:06d}"
served = False
end = time.time() + 10
while time.time() < end and not served:
    served = last in urllib.request.urlopen(page).read().decode()
    if not served:
        time.sleep(0.1)
m = re.search(r"(\d+) requests in", wrk.stdout)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk.stdout)
sockerr = re.search(r"Socket errors: (.*)", wrk.stdout)
rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk.stdout)
print(f"wrk: {m.group(1) if m else '?'} requests in {seconds} s ({rps.group(1) if rps else '?'}/s), "
      f"non-2xx: {errors.group(1) if errors else 0}, socket errors: {sockerr.group(1) if sockerr else 'none'}")
print(f"saves: {saves[0]}, last save served: {served}")
print("resident memory every 10 s under load (MB): " + " ".join(map(str, samples)))

# 500 event-stream clients opened, then dropped.
host, port = url.replace("http://", "").split(":")
socks = []
for _ in range(500):
    s = socket.create_connection((host, int(port)))
    s.sendall(b"GET /__gongkai/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
    socks.append(s)
for s in socks:
    s.close()
# Slow partial requests: 100 connections that send half a request line and wait.
slow = []
for _ in range(100):
    s = socket.create_connection((host, int(port)))
    s.sendall(b"GET /notices/ HT")
    slow.append(s)
ok = urllib.request.urlopen(url + "/").status == 200
for s in slow:
    s.close()
print(f"500 SSE clients opened and dropped, 100 slow partial requests: home page still served: {ok}")
rss_end = rss_mb()
print(f"resident memory: {rss_first} MB after the first build (search index included), {rss_end} MB at the end "
      f"({(rss_end - rss_first) * 100 // max(rss_first, 1):+d}%)")
with open(path, "w", encoding="utf-8") as f:
    f.write(original)
proc.terminate()
proc.wait(10)
