#!/usr/bin/env python3
"""The printed outputs, checked as a reader sees them (make report-test, part of make check).

usage: check_report.py OCOP OUTDIR

- HTML: the season report (Vietnamese and English, with --at), the members' sheets, the blank
  form and the injection case pass html5lib's strict parser; each page has the CSP meta, no
  script, nothing fetched from outside.
- Chromium (headless) prints the report to PDF; pdftotext finds every product id and the
  Vietnamese headings with their diacritics; the page count is the layout's (front pages, then
  exactly one page per product, each product on its own page, in order, "N / M" at the foot of
  every page); the first page is kept as OUTDIR/report-page1.png. The injection case prints its
  product name literally.
- xlsx: score, promote and rank workbooks hold the values of their JSON output; the report
  workbook's summary holds the score values and a sheet per product; every template's drop-downs
  list exactly each criterion's allowed points, and only the entry cells are unlocked.

Chromium and poppler are make check's dependencies; without chromium (or pdftotext) the PDF part
is skipped with a message saying so, and everything else still runs.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEASON = os.path.join(TOP, "data/examples/chau-phu-2024.csv")
SEASON_2026 = os.path.join(TOP, "data/examples/tay-ninh-2026.csv")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


def ocop(*args, ok=(0, 1)):
    p = run([OCOP] + list(args))
    if p.returncode not in ok:
        fail("ocop %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return p


# ---- HTML ----

def check_html(path):
    import html5lib
    data = open(path, "rb").read()
    try:
        html5lib.HTMLParser(strict=True).parse(data)
    except Exception as e:  # html5lib raises ParseError with the position
        fail("%s: not valid HTML5: %s" % (path, e))
    text = data.decode("utf-8")
    if "Content-Security-Policy" not in text or "script-src 'none'" not in text \
            or "default-src 'none'" not in text:
        fail("%s: no Content-Security-Policy forbidding script and external assets" % path)
    ids = re.findall(r'\sid="([^"]*)"', text)
    if len(ids) != len(set(ids)):
        fail("%s: an id is used twice" % path)
    if not re.search(r'<html lang="(vi|en)">', text):
        fail("%s: no language on the html element" % path)
    if re.search(r"<script", text, re.I):
        fail("%s: holds a script element" % path)
    if re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|url\(|@import""", text, re.I):
        fail("%s: refers to something outside the file" % path)
    return text


# ---- PDF ----

def chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return name
    return None


def to_pdf(browser, html, pdf):
    prof = tempfile.mkdtemp(prefix="ocop-chromium.")
    try:
        p = run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--user-data-dir=" + prof,
                 "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                 "file://" + os.path.abspath(html)], timeout=300)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    if p.returncode != 0 or not os.path.exists(pdf):
        fail("chromium could not print %s: %s" % (html, p.stderr.decode()[-500:]))
        return False
    return True


def pages(pdf):
    info = run(["pdfinfo", pdf]).stdout.decode()
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


def page_text(pdf, i):
    return run(["pdftotext", "-f", str(i), "-l", str(i), "-enc", "UTF-8", pdf,
                "-"]).stdout.decode("utf-8")


def check_pdf(browser, out, name, products, headings):
    pdf = os.path.join(out, name + ".pdf")
    if not to_pdf(browser, os.path.join(out, name + ".html"), pdf):
        return
    n = pages(pdf)
    texts = [page_text(pdf, i) for i in range(1, n + 1)]
    whole = "\n".join(texts)
    for pid in products:
        if pid not in whole:
            fail(name + ".pdf: product %s not found by pdftotext" % pid)
    for h in ("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP",
              "Bảng tổng hợp kết quả đánh giá, phân hạng", "Số sản phẩm theo số sao",
              "Phân tích hội đồng", "Mức độ dễ/khó của từng thành viên",
              "Tiêu chí có ý kiến chênh lệch nhiều nhất", "Sản phẩm sát ngưỡng",
              "CHỦ TỊCH HỘI ĐỒNG", "THƯ KÝ HỘI ĐỒNG", "Vì sao xếp hạng này") + headings:
        if h not in whole:
            fail(name + ".pdf: heading %r not found with its diacritics" % h)
    # Layout: a product's page opens with "ID · name"; each product has exactly one page.
    starts = []
    for pid in products:
        hits = [i for i, t in enumerate(texts) if t.lstrip().startswith(pid + " · ")]
        if len(hits) != 1:
            fail(name + ".pdf: product %s opens %d pages, expected 1" % (pid, len(hits)))
            return
        starts.append(hits[0])
    first = starts[0]
    if starts != list(range(first, first + len(products))):
        fail(name + ".pdf: products do not follow one page each: pages %s"
             % [s + 1 for s in starts])
    if n != first + len(products):
        fail(name + ".pdf: %d pages, the layout implies %d (%d front pages + %d products)"
             % (n, first + len(products), first, len(products)))
    analysis = [i for i, t in enumerate(texts) if t.lstrip().startswith("3. Phân tích hội đồng")]
    if len(analysis) != 1 or not 0 < analysis[0] < first:
        fail(name + ".pdf: the council analysis does not open its own page before the products")
    for i, t in enumerate(texts):
        if "%d / %d" % (i + 1, n) not in t:
            fail(name + ".pdf: page %d has no page number '%d / %d'" % (i + 1, i + 1, n))
            break
    png = os.path.join(out, name + "-page1")
    run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, png])
    if not os.path.exists(png + ".png"):
        fail("no screenshot of the first page")
    print(name + ".pdf: %d pages (%d front + %d products), first page in %s.png"
          % (n, first, len(products), png))


def check_injection_pdf(browser, out):
    pdf = os.path.join(out, "injection.pdf")
    if not to_pdf(browser, os.path.join(out, "injection.html"), pdf):
        return
    whole = "\n".join(page_text(pdf, i) for i in range(1, pages(pdf) + 1))
    for s in ("<script>alert(1)</script>", "<b>TV&1</b>", "\"Quote\" & 'apostrophe'"):
        if s not in whole:
            fail("injection.pdf: %r is not printed literally" % s)


# ---- xlsx ----

def sheet_rows(path, index=0):
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[index]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return wb, ws, rows


def same(a, b):
    """A workbook cell against a JSON value: numbers as numbers, empty as null."""
    if b is None or b == "" or b == []:
        return a is None or a == ""
    if isinstance(b, list):
        return a == "; ".join(b)
    if isinstance(b, bool):
        return a == ("yes" if b else "no")
    if isinstance(b, (int, float)):
        return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) < 1e-9
    return a == b


def compare(name, path, records, fields, frozen=True):
    wb, ws, rows = sheet_rows(path)
    head = rows[0]
    if frozen and ws.freeze_panes != "A2":
        fail("%s: header row not frozen (%s)" % (name, ws.freeze_panes))
    if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
        fail("%s: no autofilter" % name)
    if len(rows) - 1 != len(records):
        fail("%s: %d rows, JSON has %d" % (name, len(rows) - 1, len(records)))
    for k, rec in enumerate(records):
        row = dict(zip(head, rows[k + 1]))
        for f in fields:
            want = rec.get(f)
            if f == "failed_marks":
                continue
            if not same(row.get(f), want):
                fail("%s: row %d, %s: %r, JSON says %r" % (name, k + 2, f, row.get(f), want))
    print("%s: %d rows agree with the JSON output" % (name, len(records)))


def check_xlsx(out):
    cases = [
        ("score", ["score"], ["product_id", "product_name", "set", "regime", "criteria_hash",
                              "level", "members", "part_a", "part_b", "part_c", "total",
                              "band_stars", "stars", "recognised", "spread", "status",
                              "reason", "warnings"]),
        ("promote", ["promote", "--at", "district"],
         ["product_id", "product_name", "set", "regime", "level", "decision", "stars",
          "next_level", "total", "reason"]),
        ("rank", ["rank"], ["rank", "product_id", "product_name", "set", "total", "stars",
                            "part_c", "part_a", "part_b", "status"]),
    ]
    for name, args, fields in cases:
        path = os.path.join(out, name + ".xlsx")
        ocop(*args, "-o", path, SEASON)
        records = json.loads(ocop(*args, "-f", "json", SEASON).stdout)
        compare(name, path, records, fields)
    # Standard output that is not a terminal takes a workbook too.
    p = ocop("score", "-f", "xlsx", SEASON)
    if not p.stdout.startswith(b"PK"):
        fail("score -f xlsx > file: not a zip/xlsx stream")
    # The report's workbook: a summary (as score's JSON) and a sheet per product.
    path = os.path.join(out, "report.xlsx")
    ocop("report", "--lang", "en", "-o", path, SEASON)
    import openpyxl
    wb = openpyxl.load_workbook(path)
    scores = json.loads(ocop("score", "-f", "json", SEASON).stdout)
    rows = [[c.value for c in r] for r in wb.worksheets[0].iter_rows()]
    head = rows[0]
    for k, rec in enumerate(scores):
        row = dict(zip(head, rows[k + 1]))
        for f in ("product_id", "product_name", "set", "members", "total", "band_stars",
                  "stars"):
            if rec["status"] == "invalid" and f in ("total", "band_stars", "stars"):
                continue
            if not same(row.get(f), rec[f]):
                fail("report.xlsx: summary row %d, %s: %r, JSON says %r"
                     % (k + 2, f, row.get(f), rec[f]))
    if wb.sheetnames[1:] != [r["product_id"] for r in scores]:
        fail("report.xlsx: not one sheet per product, in order")
    explain = json.loads(ocop("explain", "-f", "json", scores[0]["product_id"], SEASON).stdout)
    ws = wb[scores[0]["product_id"]]
    got = {r[0].value: [c.value for c in r[2:2 + len(explain["member_names"])]]
           for r in ws.iter_rows(min_row=2)}
    for c in explain["criteria"]:
        if got.get(c["id"]) != c["points"]:
            fail("report.xlsx: %s, criterion %s: %r, explain says %r"
                 % (scores[0]["product_id"], c["id"], got.get(c["id"]), c["points"]))
    print("report.xlsx: summary and %d product sheets agree with score and explain"
          % (len(wb.sheetnames) - 1))
    check_templates(out)


def leaves(criteria):
    for c in criteria:
        if c["criteria"]:
            yield from leaves(c["criteria"])
        else:
            yield c


def check_templates(out):
    import openpyxl
    regimes = json.loads(ocop("criteria", "list", "-f", "json").stdout)["regimes"]
    ntemplates = 0
    for reg in regimes:
        sets = json.loads(ocop("criteria", "list", "--regime", reg["id"], "-f",
                               "json").stdout)["sets"]
        for s in sets:
            show = json.loads(ocop("criteria", "show", s["code"], "--regime", reg["id"], "-f",
                                   "json").stdout)
            path = os.path.join(out, "template.xlsx")
            ocop("criteria", "template", s["code"], "--regime", reg["id"], "--members", "4",
                 "-o", path, ok=(0,))
            ws = openpyxl.load_workbook(path).worksheets[0]
            head = [c.value for c in ws[1]]
            col = {h: i + 1 for i, h in enumerate(head)}
            dv = {}
            for v in ws.data_validations.dataValidation:
                dv[str(v.sqref)] = (v.type, v.formula1)
            for c in leaves(show["criteria"]):
                allowed = sorted({0} | {o["points"] for o in c["options"]}
                                 | ({c["max"]} if c.get("yesno") else set()))
                letter = openpyxl.utils.get_column_letter(col[c["id"]])
                want = ("list", '"%s"' % ",".join(map(str, allowed)))
                got = dv.get("%s2:%s5" % (letter, letter))
                if got != want:
                    fail("template %s %s: %s allows %r, expected %r"
                         % (reg["id"], s["code"], c["id"], got, want))
                if not ws.cell(1, col[c["id"]]).comment:
                    fail("template %s %s: %s has no note" % (reg["id"], s["code"], c["id"]))
            if not ws.protection.sheet:
                fail("template %s %s: sheet not protected" % (reg["id"], s["code"]))
            for r in range(1, 8):
                for k in range(1, len(head) + 2):
                    entry = 2 <= r <= 5 and k <= len(head) and head[k - 1] != "set"
                    if ws.cell(r, k).protection.locked == entry:
                        fail("template %s %s: cell %s%d %s" % (
                            reg["id"], s["code"], openpyxl.utils.get_column_letter(k), r,
                            "locked" if entry else "unlocked"))
                        break
            ntemplates += 1
    print("templates: %d sets' drop-downs list exactly the allowed points" % ntemplates)
    check_filled_template(out)
    check_yesno(out)


def check_yesno(out):
    """A yes/no criterion (no options on the sheet): □ Có / □ Không on the form, 0 or max in the
    workbook. Made from regime 148 by turning 1.e of I.1.a into one."""
    import openpyxl
    d = json.load(open(os.path.join(TOP, "data/criteria/148.json"), encoding="utf-8"))
    d["id"] = "148-yesno"
    crit = None
    for st in d["sets"]:
        if st["code"] == "I.1.a":
            for sec in st["sections"]:
                for c in sec["criteria"]:
                    if c["id"] == "1.e":
                        crit = c
    crit.pop("options")
    crit["yesno"] = True
    path = os.path.join(out, "yesno.json")
    json.dump(d, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    html = ocop("criteria", "template", "I.1.a", "--criteria", path, "-f", "html",
                ok=(0,)).stdout.decode()
    want = ('<td class="num">tối đa %d</td></tr>\n<tr><td class="box">□</td><td>Có</td>'
            '<td class="num">%d</td></tr>\n<tr><td class="box">□</td><td>Không</td>'
            '<td class="num">0</td></tr>' % (crit["max"], crit["max"]))
    if want not in html:
        fail("yes/no criterion 1.e: the form does not offer □ Có / □ Không")
    xl = os.path.join(out, "yesno.xlsx")
    ocop("criteria", "template", "I.1.a", "--criteria", path, "-o", xl, ok=(0,))
    ws = openpyxl.load_workbook(xl).worksheets[0]
    col = openpyxl.utils.get_column_letter([c.value for c in ws[1]].index("1.e") + 1)
    got = [v.formula1 for v in ws.data_validations.dataValidation
           if str(v.sqref).startswith(col + "2:")]
    if got != ['"0,%d"' % crit["max"]]:
        fail("yes/no criterion 1.e: the drop-down holds %r, expected 0 and %d"
             % (got, crit["max"]))
    else:
        print("template: a yes/no criterion offers Có/Không on paper, 0 or %d in the workbook"
              % crit["max"])


def check_filled_template(out):
    """A template filled in (the highest allowed points everywhere) and saved as CSV is read."""
    import csv
    import openpyxl
    path = os.path.join(out, "filled.xlsx")
    ocop("criteria", "template", "I.1.a", "--regime", "148", "--members", "3", "-o", path,
         ok=(0,))
    ws = openpyxl.load_workbook(path).worksheets[0]
    head = [c.value for c in ws[1]]
    allowed = {}
    for v in ws.data_validations.dataValidation:
        col = re.match(r"([A-Z]+)2:", str(v.sqref)).group(1)
        allowed[col] = max(int(p) for p in v.formula1.strip('"').split(","))
    rows = []
    for r in range(2, 5):
        row = [ws.cell(r, k + 1).value for k in range(len(head))]
        row[0] = "T-1"
        row[3] = "Sản phẩm thử"
        row[9] = "2024-09-12"
        for k in range(10, len(head)):
            row[k] = allowed[openpyxl.utils.get_column_letter(k + 1)]
        rows.append(["" if v is None else v for v in row])
    csv_path = os.path.join(out, "filled.csv")
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([head] + rows)
    p = ocop("score", "-f", "json", "--regime", "148", csv_path, ok=(0,))
    res = json.loads(p.stdout) if p.returncode == 0 else []
    if len(res) != 1 or res[0]["total"] != 100 or res[0]["stars"] != 5:
        fail("a filled template saved as CSV does not score 100 and 5★: %r" % res)
    else:
        print("template: filled with the top points and saved as CSV, it scores 100, 5★")


def main():
    global OCOP
    if len(sys.argv) != 3:
        sys.exit("usage: check_report.py OCOP OUTDIR")
    OCOP = os.path.abspath(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    try:
        import html5lib  # noqa: F401
        import openpyxl  # noqa: F401
    except ImportError as e:
        sys.exit("check_report: %s (make check installs python3-html5lib and python3-openpyxl)"
                 % e)
    products = [r["product_id"] for r in json.loads(ocop("score", "-f", "json",
                                                          SEASON).stdout)]
    ocop("report", "-o", os.path.join(out, "report.html"), SEASON)
    products_2026 = [r["product_id"] for r in json.loads(ocop("score", "-f", "json",
                                                               SEASON_2026).stdout)]
    ocop("report", "--at", "province", "-o", os.path.join(out, "tay-ninh.html"), SEASON_2026)
    ocop("report", "--lang", "en", "--at", "district", "-o", os.path.join(out, "report-en.html"),
         SEASON)
    ocop("report", "--sheets", "-o", os.path.join(out, "sheets.html"), SEASON)
    ocop("criteria", "template", "I.3.d", "-f", "html", "-o", os.path.join(out, "form.html"),
         ok=(0,))
    inj = os.path.join(TOP, "tests/report/injection.csv")
    ocop("report", "-o", os.path.join(out, "injection.html"), inj)
    for f in ("report.html", "report-en.html", "sheets.html", "form.html", "injection.html",
              "tay-ninh.html"):
        check_html(os.path.join(out, f))
    text = open(os.path.join(out, "report-en.html"), encoding="utf-8").read()
    if "Decision of the district council" not in text:
        fail("report-en.html: --at district adds no decision")
    print("html: 6 pages parse strictly, each with its CSP and no script")
    check_xlsx(out)
    browser = chromium()
    if not browser or not shutil.which("pdftotext"):
        print("SKIP: PDF checks: chromium or pdftotext is not installed "
              "(make check installs chromium and poppler-utils)")
    else:
        check_pdf(browser, out, "report", products, ("Xoài Đài Loan Bình Thủy",
                                                    "Châu Phú, An Giang"))
        # 26-2026, a province council deciding, yes/no criteria.
        check_pdf(browser, out, "tay-ninh", products_2026, ("HỘI ĐỒNG OCOP CẤP TỈNH",
                                                            "Quyết định của hội đồng cấp tỉnh"))
        check_injection_pdf(browser, out)
    if failures:
        sys.exit("check_report: %d failures" % len(failures))
    print("check_report: all passed")


if __name__ == "__main__":
    main()
