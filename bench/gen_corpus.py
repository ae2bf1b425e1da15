#!/usr/bin/env python3
"""Generates a gongkai site of N realistic Chinese documents (plans, notices,
summaries) for benchmarks: python3 bench/gen_corpus.py OUT_DIR [N] [SEED].

Deterministic for a given N and seed. Bodies are 800-2,000 characters with headings,
lists and tables; notices have disclosure periods, plans month-by-month schedules."""

import os
import random
import sys

ORGS = ["校工会", "机关分工会", "文学院分工会", "理学院分工会", "后勤分工会", "女教职工委员会", "经审委员会", "教代会提案工作委员会"]
TOPICS = ["工会经费预算", "困难职工帮扶", "送温暖慰问", "教职工体检", "春季运动会", "三八妇女节活动", "教代会提案办理",
          "先进集体评选", "职工之家建设", "年度考核结果", "疗休养安排", "青年教师联谊", "退休教职工慰问", "会员代表推选",
          "劳动模范推荐", "工会小组长培训", "师德标兵评选", "健步走活动", "读书月活动", "集体合同协商"]
CATS = ["经费公开", "评优评先", "帮扶慰问", "文体活动", "民主管理", "会员服务"]
PHRASES = [
    "根据《中华人民共和国工会法》和《基层工会经费收支管理办法》有关规定",
    "按照学校党委的统一部署",
    "经校工会委员会研究决定",
    "为进一步加强民主管理和民主监督",
    "切实维护教职工的合法权益",
    "本着公开、公平、公正的原则",
    "各分工会要高度重视，认真组织",
    "广泛听取教职工意见和建议",
    "确保各项工作落到实处",
    "现将有关情况公示如下",
    "如有异议，请在公示期内以书面形式向校工会反映",
    "全年共走访慰问困难教职工四十余人次",
    "进一步完善了职工之家的服务功能",
    "组织开展了丰富多彩的文体活动",
    "推动学校各项事业高质量发展",
    "充分发挥工会组织的桥梁纽带作用",
    "严格执行财务管理制度，做到专款专用",
    "经审委员会对经费使用情况进行了审查",
    "教职工满意度达到百分之九十五以上",
    "下一步，校工会将继续围绕中心、服务大局",
]


def para(rng, n):
    return "，".join(rng.choice(PHRASES) for _ in range(n)) + "。"


def body(rng, kind):
    parts = [para(rng, rng.randint(3, 6))]
    for h in range(rng.randint(2, 4)):
        parts.append(f"## {['一', '二', '三', '四'][h]}、{rng.choice(['基本情况', '主要做法', '具体安排', '工作要求', '存在问题', '下一步打算'])}")
        parts.append(para(rng, rng.randint(3, 7)))
        if rng.random() < 0.5:
            parts.append("\n".join(f"{i + 1}. {para(rng, 2)}" for i in range(rng.randint(2, 5))))
    if rng.random() < 0.4:
        rows = "\n".join(f"| {rng.choice(ORGS)} | {rng.randint(1, 90)} | {rng.randint(1000, 90000)} |" for _ in range(rng.randint(3, 8)))
        parts.append("| 单位 | 人数 | 金额（元） |\n|---|---:|---:|\n" + rows)
    parts.append(para(rng, 2))
    return "\n\n".join(parts) + "\n"


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("title: 青山师范大学工会信息公开\nbase_url: https://union.example.edu.cn/gk/\n"
                "organization: 青山师范大学工会\ncontact: 校工会办公室，电话 0571-88880000\npaginate: 30\n")
    kinds = [("notices", "notice"), ("plans", "plan"), ("summaries", "summary")]
    for i in range(n):
        folder, kind = kinds[i % 10 % 3] if i % 10 < 9 else kinds[0]
        year = 2014 + rng.randint(0, 11)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        topic = rng.choice(TOPICS)
        label = {"notice": "关于" + topic + "的公示", "plan": f"{year}年{topic}工作计划", "summary": f"{year}年{topic}工作总结"}[kind]
        fm = [f"title: {label}（{i}）", f"date: {year}-{month:02}-{day:02}",
              f"categories: [{rng.choice(CATS)}]", f"department: {rng.choice(ORGS)}",
              f"doc_no: 青师工〔{year}〕{i % 97 + 1}号"]
        if kind == "notice" and rng.random() < 0.7:
            fm.append(f"disclosure: {{start: {year}-{month:02}-{day:02}, days: {rng.choice([5, 7, 10])}}}")
        if kind == "plan":
            fm.append("schedule:")
            for m in sorted(rng.sample(range(1, 13), 3)):
                fm.append(f"  {m}: [{rng.choice(TOPICS)}, {rng.choice(TOPICS)}]")
        d = os.path.join(out, "content", folder, str(year))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"doc-{i:06}.md"), "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(fm) + "\n---\n\n" + body(rng, kind))


if __name__ == "__main__":
    main()
