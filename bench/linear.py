#!/usr/bin/env python3
"""Makes one site whose single document (or site.yaml) is a hostile shape, for
bench/linear.sh: linear.py CASE N DIR."""
import random
import sys

case, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
import os

os.makedirs(f"{d}/content/notices", exist_ok=True)
site = "title: t\nbase_url: https://example.org/\ncontact: x\n"
fm = "title: 通知\ndate: 2024-01-02\n"
body = "正文。\n"
if case == "keys":
    fm += "".join(f"k{i}: 1\n" for i in range(n))
elif case == "blanks":
    body = "".join(f"第__个工作日 {i}\n\n" for i in range(n))
elif case == "mobiles":
    body = "".join(f"联系人{i} 1380013{i % 10000:04d}\n\n" for i in range(n))
elif case == "oneline":
    body = "".join(f"1380013{i % 10000:04d}，" for i in range(n)) + "\n"
elif case == "links":
    body = "".join(f"[见](missing{i}.md)\n\n" for i in range(n))
elif case == "nested":
    site += "holidays: {off: " + "[" * n + "]" * n + "}\n"
elif case == "headings":
    body = "".join("## 说明\n\n内容。\n\n" for _ in range(n))
elif case == "lines":
    body = "".join("- 组织全体教职工开展学习活动\n" for _ in range(n))
elif case == "random":
    # n bytes of mixed Markdown, CJK, digits and punctuation.
    rnd = random.Random(1)
    parts = ["## 标题\n", "- 项目\n", "第__个", "1380013", "\n\n", "**重点**", "[a](b.md)",
             "工会", "教职工", "2024年", "`code`", "| a | b |\n", "> 引用\n", "某某", "20xx",
             "110105194912310025", "6222021234567890", " ", "_", "*", "[", "]", "(", ")"]
    out, size = [], 0
    while size < n:
        p = rnd.choice(parts)
        out.append(p)
        size += len(p.encode())
    body = "".join(out)
open(f"{d}/site.yaml", "w").write(site)
open(f"{d}/content/notices/a.md", "w").write(f"---\n{fm}---\n\n{body}")
