#!/usr/bin/env python3
"""Generates a corpus of realistic Chinese plans, notices and summaries, as a gongkai
site and as an equivalent Hugo site, for the benchmarks.

usage: corpus.py N OUT_DIR [--seed S] [--rich TEXT_FILE] [--attachments] [--real]
writes OUT_DIR/gongkai (site.yaml, content/) and OUT_DIR/hugo (hugo.toml, content/, layouts/)

The default text is made of a few dozen phrases: a vocabulary of about 200 characters
and 600 pairs of them, far fewer than real notices have. --rich mixes in sentences of
a real text (e.g. ../shared/samples/union-work-plans-2023.txt) and lists of people's
names, as a 公示 of awards has, for a vocabulary closer to a real site's (what the
search index's size and build time depend on).

--real makes documents of the size and shape secretaries publish (the sample plans
are about 4.2 KB; notices with tables and summaries run 3 to 7 KB): a median of about
4.5 KB and a p90 of about 7 KB, with an opening paragraph, sections `一、` with
subsections `（一）`, numbered lists, a table of names in most notices, a quotation now
and then, and a closing line. With --rich, its sentences mix in the sample's.

--attachments makes a tenth of the notices bundles (`doc-N/index.md`, same URL) with a
名单.xlsx of 30 to 80 rows and a 说明.docx of a few paragraphs and a table, as award
公示 carry (gongkai only; made with the standard library's zipfile). The documents
themselves are the same as without it.
"""
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape

SUBJECTS = ["校工会", "各分工会", "女工委员会", "文体委员会", "经审委员会", "教代会执委会", "工会小组", "青年教师联谊会"]
VERBS = ["组织开展", "认真落实", "积极推进", "统筹安排", "广泛动员", "扎实做好", "继续深化", "切实加强"]
OBJECTS = ["送温暖活动", "困难教职工帮扶", "女教职工健康体检", "教职工疗休养", "趣味运动会", "教代会提案征集",
           "校务公开工作", "工会经费预决算", "先进工会小组评选", "职工之家建设", "师德师风建设", "青年教师基本功比赛",
           "退休教职工走访慰问", "合唱比赛", "职业病防治宣传", "安全生产培训", "民主管理", "劳动竞赛"]
TAILS = ["，切实维护教职工的合法权益。", "，不断增强工会组织的凝聚力。", "，确保各项工作落到实处。",
         "，营造和谐向上的校园氛围。", "，提高教职工的满意度和获得感。", "，做到程序规范、结果公开。",
         "，全年计划安排经费约{n}万元。", "，参与教职工共计{n}人次。"]
CATEGORIES = ["经费公开", "福利慰问", "教代会", "文体活动", "评优评先", "女工工作", "民主管理", "安全生产"]
KINDS = [("plans", 0.3), ("notices", 0.5), ("summaries", 0.2)]


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华红玉萍鹏辉玲燕俊峰建波宁飞斌浩凯亮琳雪梅晨"
         "欣怡佳颖子涵轩宇博文思雨嘉琪晓丹蕾倩婷瑶璐珊莉薇卫东国庆志新海荣福春秋冬晶鑫森林昊天翔鸿彬")
RICH = []  # sentences of a real text, with --rich


def sentence(r):
    if RICH and r.random() < 0.5:
        return r.choice(RICH)
    s = r.choice(SUBJECTS) + r.choice(VERBS) + r.choice(OBJECTS) + r.choice(TAILS)
    return s.replace("{n}", str(r.randint(3, 400)))


def name(r):
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.randint(1, 2)))


def paragraph(r):
    text = "".join(sentence(r) for _ in range(r.randint(3, 7)))
    if RICH and r.random() < 0.3:
        text += "名单如下：" + "、".join(name(r) for _ in range(r.randint(5, 30))) + "。"
    return text


CN_NUM = "一二三四五六七八九十"


def real_body(r, section):
    parts = [paragraph(r)]
    sections = r.choice([2, 3, 3, 3, 4, 5])
    for k in range(sections):
        parts.append(f"## {CN_NUM[k]}、{r.choice(OBJECTS)}")
        sub = 0
        for _ in range(r.choice([1, 1, 2, 2, 3])):
            if r.random() < 0.6:
                parts.append(f"### （{CN_NUM[sub]}）{r.choice(VERBS)}{r.choice(OBJECTS)}")
                sub += 1
            parts.append(paragraph(r))
            if r.random() < 0.45:
                parts.append("\n".join(f"{i}. {sentence(r)}" for i in range(1, r.randint(3, 6))))
        if r.random() < 0.12:
            parts.append("> " + sentence(r) + sentence(r))
    if section == "notices" and r.random() < 0.7:
        rows = ["| 序号 | 姓名 | 部门 | 事项 |", "| --- | --- | --- | --- |"]
        for i in range(1, r.randint(6, 24)):
            rows.append(f"| {i} | {name(r)} | {r.choice(SUBJECTS)} | {r.choice(OBJECTS)} |")
        parts.append("\n".join(rows))
    if section == "notices":
        parts.append("公示期间如有异议，请向校工会办公室反映。")
    return "\n\n".join(parts) + "\n"


def body(r):
    parts = []
    for h in ["一、指导思想", "二、主要工作", "三、工作要求"][: r.randint(2, 3)]:
        parts.append("## " + h)
        parts.append(paragraph(r))
        if r.random() < 0.5:
            parts.append("\n".join(f"{i}. {sentence(r)}" for i in range(1, r.randint(3, 6))))
    return "\n\n".join(parts) + "\n"


def xlsx(path, rows):
    """A minimal .xlsx (inline strings) that calamine reads."""
    def col(c):
        return chr(ord("A") + c)
    cells = "".join(
        f'<row r="{i + 1}">' + "".join(
            f'<c r="{col(c)}{i + 1}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for c, v in enumerate(row)
        ) + "</row>" for i, row in enumerate(rows))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f"<sheetData>{cells}</sheetData></worksheet>")


def docx(path, paragraphs, rows):
    """A minimal .docx: paragraphs, then a table."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ps = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    tbl = "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{ps}{tbl}</w:body></w:document>')


def attach(folder, i):
    """名单.xlsx and 说明.docx for notice i, from a stream of its own."""
    r = random.Random(1_000_003 * (i + 1))
    depts = ["语文组", "数学组", "英语组", "物理组", "后勤处", "教务处", "办公室", "体育组"]
    rows = [["序号", "姓名", "部门", "荣誉称号"]] + [
        [str(k), name(r), r.choice(depts), r.choice(["优秀教职工", "先进工作者", "师德标兵"])] for k in range(1, r.randint(30, 80))]
    xlsx(os.path.join(folder, "名单.xlsx"), rows)
    docx(os.path.join(folder, "说明.docx"), [paragraph(r) for _ in range(r.randint(2, 5))], rows[:10])


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    if "--rich" in sys.argv:
        import re
        with open(sys.argv[sys.argv.index("--rich") + 1], encoding="utf-8") as f:
            text = f.read()
        for line in text.splitlines():
            line = re.sub(r"^[-#\s\d、.)）(（]+", "", line.strip())
            # Not the sample's own blanks (`xx年`, `__`): they would be template leftovers.
            RICH.extend(x for x in re.split(r"(?<=[。；！？])", line)
                        if len(x) > 8 and not re.search(r"[xX_＿×○]|某某|[年月]\s*[月日]", x))
    attachments = "--attachments" in sys.argv
    real = "--real" in sys.argv
    r = random.Random(seed)
    g = os.path.join(out, "gongkai")
    h = os.path.join(out, "hugo")
    for d in [g, h]:
        os.makedirs(os.path.join(d, "content"), exist_ok=True)
    with open(os.path.join(g, "site.yaml"), "w") as f:
        f.write("title: 基准测试工会\nbase_url: https://bench.example.org/gk/\npaginate: 30\n"
                "contact: 工会办公室 0571-8888 6000\n")
    with open(os.path.join(h, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://bench.example.org/gk/"\ntitle = "基准测试工会"\nlanguageCode = "zh-CN"\n'
                'hasCJKLanguage = true\n[pagination]\npagerSize = 30\n[taxonomies]\ncategory = "categories"\n')
    write_hugo_layouts(h)
    for i in range(n):
        x = r.random()
        section = "plans" if x < 0.3 else "notices" if x < 0.8 else "summaries"
        year = r.randint(2015, 2026)
        month = r.randint(1, 12 if year < 2026 else 10)
        day = r.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        cats = r.sample(CATEGORIES, r.randint(1, 2))
        title = f"{year}年{r.choice(SUBJECTS)}关于{r.choice(OBJECTS)}的" + {"plans": "工作计划", "notices": "公示", "summaries": "工作总结"}[section]
        fm = [f'title: "{title}"', f"date: {date}", "categories: [" + ", ".join(cats) + "]",
              f"doc_no: 青师工〔{year}〕{i % 90 + 1}号"]
        if section == "plans":
            months = sorted(r.sample(range(1, 13), r.randint(3, 8)))
            fm.append(f"year: {year}")
            fm.append("schedule:")
            for m in months:
                fm.append(f"  {m}: [{r.choice(OBJECTS)}, {r.choice(OBJECTS)}]")
        if section == "notices" and r.random() < 0.7:
            fm.append(f"disclosure: {{start: {date}, working_days: {r.choice([5, 7, 10])}}}")
        text = "---\n" + "\n".join(fm) + "\n---\n\n" + (real_body(r, section) if real else body(r))
        name = f"doc-{i:06d}.md"
        for d in [g, h]:
            folder = os.path.join(d, "content", section)
            os.makedirs(folder, exist_ok=True)
            if d == g and attachments and section == "notices" and i % 10 == 3:
                bundle = os.path.join(folder, name[:-3])
                os.makedirs(bundle, exist_ok=True)
                with open(os.path.join(bundle, "index.md"), "w") as f:
                    f.write(text.replace("\n---\n", "\nattachments: [{file: 名单.xlsx, title: 名单}, {file: 说明.docx, title: 说明}]\n---\n", 1))
                attach(bundle, i)
                continue
            with open(os.path.join(folder, name), "w") as f:
                f.write(text)


def write_hugo_layouts(h):
    L = os.path.join(h, "layouts", "_default")
    os.makedirs(L, exist_ok=True)
    files = {
        "baseof.html": '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title>'
                       '<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>'
                       '<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav></header>'
                       '<main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>',
        "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><dl><dt>发布日期</dt><dd>{{ .Date.Format "2006-01-02" }}</dd>'
                       '<dt>文号</dt><dd>{{ .Params.doc_no }}</dd><dt>分类</dt><dd>{{ range .Params.categories }}<a href="{{ (print "/categories/" (. | urlize)) | relURL }}">{{ . }}</a>{{ end }}</dd></dl>'
                       '<div>{{ .Content }}</div></article>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
                       '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}',
        "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
                     '<time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary | plainify | truncate 120 }}</p></li>{{ end }}</ul>'
                     '{{ template "_internal/pagination.html" . }}{{ end }}',
        "terms.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}',
    }
    for name, text in files.items():
        with open(os.path.join(L, name), "w") as f:
            f.write(text)
    with open(os.path.join(h, "layouts", "index.html"), "w") as f:
        f.write('{{ define "main" }}<h1>{{ site.Title }}</h1><ul>{{ range first 30 site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}')
    os.makedirs(os.path.join(h, "static"), exist_ok=True)
    with open(os.path.join(h, "static", "style.css"), "w") as f:
        f.write("body{font-family:sans-serif}\n")


if __name__ == "__main__":
    main()
