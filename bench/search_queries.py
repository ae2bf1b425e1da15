#!/usr/bin/env python3
"""Search benchmark helper.

  search_queries.py make OUT/search N_RANDOM > queries.json
      the fixed queries below, plus N_RANDOM phrases of 2 to 30 characters copied out of
      random published documents (as a member would copy them), seed fixed;
  search_queries.py check OUT/search queries.json all.jsonl page.jsonl
      checks that search.js found, for every query, exactly the documents whose text
      contains it (computed here by brute force over the stored text), and prints the
      bytes downloaded per query on a fresh page: max, median, and the worst queries.
"""
import json
import os
import random
import statistics
import sys

FIXED = ["工会", "经费", "会经费", "工会经费", "送温暖", "慰问困难", "资集体", "工", "费", "帮",
         "2023", "２０２３", "工会经费预决算", "困难教职工帮扶", "合唱比赛", "女教职工健康体检",
         "安全生产 培训", "工会 经费 公开", "教代会提案征集", "疗休养", "职业病防治宣传",
         "切实维护教职工的合法权益", "校工会组织开展送温暖活动", "万元", "人次", "不存在的词语"]


def fold(s):
    out = []
    for ch in s:
        c = ord(ch)
        if 0xFF01 <= c <= 0xFF5E:
            c -= 0xFEE0
        elif c == 0x3000:
            c = 32
        if 65 <= c <= 90:
            c += 32
        out.append(chr(c))
    return "".join(out)


def docs(search_dir):
    d = os.path.join(search_dir, "d")
    n = json.load(open(os.path.join(search_dir, "meta.json")))["docs"]
    for i in range(n):
        doc = json.load(open(os.path.join(d, str(i >> 8), f"{i}.json"), encoding="utf-8"))
        if doc.get("x"):
            doc["a"] = json.load(open(os.path.join(search_dir, "a", str(i >> 8), f"{i}.json"), encoding="utf-8"))
        yield i, doc


def make(search_dir, n_random):
    r = random.Random(7)
    all_docs = list(docs(search_dir))
    queries = list(FIXED)
    while len(queries) < len(FIXED) + n_random:
        _, d = r.choice(all_docs)
        words = [w for w in d["b"].split(" ") if len(w) >= 2]
        if not words:
            continue
        w = r.choice(words)
        n = r.randint(2, min(30, len(w)))
        start = r.randint(0, len(w) - n)
        queries.append(w[start:start + n])
    json.dump([{"q": q} for q in queries], sys.stdout, ensure_ascii=False)


def check(search_dir, queries_file, all_file, page_file):
    queries = [q["q"] for q in json.load(open(queries_file, encoding="utf-8"))]
    texts = [(i, [fold(d["t"]), fold(d["m"]), fold(d["b"])] + [fold(a[1]) for a in d.get("a", [])]) for i, d in docs(search_dir)]
    got_all = [json.loads(l) for l in open(all_file, encoding="utf-8")]
    pages = [json.loads(l) for l in open(page_file, encoding="utf-8")]
    bad = 0
    for q, res in zip(queries, got_all):
        terms = fold(q).split()
        want = {i for i, fs in texts if all(any(t in f for f in fs) for t in terms)}
        if set(res["ids"]) != want:
            bad += 1
            print(f"MISMATCH {q!r}: search.js {len(res['ids'])}, text {len(want)}")
    print(f"recall check: {len(queries) - bad} of {len(queries)} queries found exactly the documents containing them")
    b = [p["bytes"] for p in pages]
    f = [p["files"] for p in pages]
    print(f"bytes per query (first page of 10, after meta.json): median {statistics.median(b) / 1024:.1f} KB, "
          f"max {max(b) / 1024:.1f} KB, files median {statistics.median(f):.0f}, max {max(f)}")
    for p in sorted(pages, key=lambda p: -p["bytes"])[:5]:
        print(f"  {p['bytes'] / 1024:6.1f} KB {p['files']:3d} files  {p['candidates']:5d} candidates  total {p['total']}  {p['q']}")
    return bad == 0


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(0 if check(*sys.argv[2:6]) else 1)
