#!/usr/bin/env python3
"""Generate data/criteria/26-2026.json from the reference sheets of Decision 26/2026/QĐ-TTg.

Usage: python3 data/criteria/gen/qd26.py [--ref DIR] [-o FILE] [--missing] [--check]

A development tool: it reads ../shared/reference/qd26-2026/NN-*.csv (the 26 scoring sheets),
../shared/reference/qd148-2023/NN-*.csv and data/criteria/148.json (to reuse 148's short labels
where a 26-2026 criterion or option is the same), and the hand-written short labels in
qd26-labels.tsv beside this script; it writes the regime file, which is committed. Nothing at run
time reads ../shared.

Points, maxima and star marks come from the sheets as transcribed; `text_vi` is the official
wording verbatim (box, numbering and star marks removed). Short labels: 148's label when the
148 sheet of the same set has the same criterion/option (text similarity), else the table.
--missing lists every text that still needs a short label (tab-separated, ready to fill in) and
exits 1 if any. Exit 1 with a message on any inconsistency (a rule in the sheets that does not
read as expected, a label longer than 60 characters, two options of a criterion with one label).
Standard library only.
"""
import argparse
import difflib
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sheets import STAR_RE, nfc, parse148, parse26  # noqa: E402

REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
DEFAULT_REF = os.path.normpath(os.path.join(REPO, '..', 'shared', 'reference'))
LABELS = os.path.join(HERE, 'qd26-labels.tsv')
MAXLEN = 60

# Appendix I codes (same classification and order as 148), sheet headings as set names.
SETS = [
    ('I.1.a', 'Rau, củ, quả, hạt tươi'),
    ('I.1.b', 'Thịt, thủy sản, trứng, sữa tươi'),
    ('I.2.a', 'Gạo, ngũ cốc, hạt sơ chế khác'),
    ('I.2.b', 'Mật ong, mật khác và nông sản thực phẩm khác'),
    ('I.3.a', 'Đồ ăn nhanh'),
    ('I.3.b', 'Chế biến từ gạo, ngũ cốc'),
    ('I.3.c', 'Chế biến từ rau, củ, quả, hạt'),
    ('I.3.d', 'Chế biến từ thịt, thủy sản, trứng, sữa, các sản phẩm từ mật ong, mật khác và '
              'nông sản thực phẩm khác'),
    ('I.4.a', 'Tương, nước mắm, gia vị dạng lỏng khác'),
    ('I.4.b', 'Gia vị khác (muối, hành, tỏi, tiêu,...)'),
    ('I.5.a', 'Chè tươi, chè chế biến'),
    ('I.5.b', 'Sản phẩm trà từ thực vật khác'),
    ('I.6', 'Sản phẩm cà phê, ca cao'),
    ('II.1.a', 'Rượu trắng'),
    ('II.1.b', 'Đồ uống có cồn khác'),
    ('II.2.a', 'Nước khoáng thiên nhiên, nước uống đóng chai'),
    ('II.2.b', 'Đồ uống không cồn khác'),
    ('III.1', 'Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền'),
    ('III.2', 'Mỹ phẩm có thành phần từ dược liệu'),
    ('III.3', 'Tinh dầu và dược liệu khác'),
    ('IV.1', 'Thủ công mỹ nghệ gia dụng, trang trí'),
    ('IV.2', 'Vải, may mặc'),
    ('V.1', 'Hoa'),
    ('V.2', 'Cây cảnh'),
    ('V.3', 'Động vật cảnh'),
    ('VI.1', 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch'),
]
# English names that differ from 148.json's (the 26-2026 set is not the same product group)
NAME_EN = {
    8: 'Processed meat, seafood, egg, dairy, honey and other farm-food products',
    16: 'Natural mineral water and bottled drinking water',
    18: 'Health supplements, herbal medicines and traditional medicines',
    19: 'Cosmetics with medicinal-herb ingredients',
    20: 'Essential oils and other medicinal herbs',
}


def die(msg):
    sys.stderr.write('qd26: %s\n' % msg)
    sys.exit(1)


# --------------------------------------------------------------------------- labels

def load_labels(path):
    table = {}
    if not os.path.exists(path):
        return table
    with open(path, encoding='utf-8') as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) != 4:
                die('%s:%d: expected 4 tab-separated fields (kind, text_vi, label_vi, label_en)'
                    % (path, no))
            kind, text, lvi, len_ = cols
            key = (kind, tkey(text.replace('\\n', '\n')))
            if key in table:
                die('%s:%d: duplicate entry' % (path, no))
            table[key] = (nfc(lvi), len_)
    return table


def tkey(t):
    """Table key of a text: case, spacing and punctuation do not matter; "…" in a table entry
    stands for any text (an entry "head …" or "head … tail")."""
    return '…'.join(re.sub(r'[^\w%<≥]+', '', p) for p in nfc(t).lower().split('…'))


def norm(t):
    t = nfc(t).lower().split('\n')[0]
    t = re.sub(r'^\s*[a-zđ]\s?\)\s*', '', t)
    t = re.sub(r'^\s*-\s*', '', t)
    t = re.sub(r'^\s*\d+(\.\d+)*\.?\s*', '', t)
    t = STAR_RE.sub('', t)
    return ' '.join(t.split())


def ratio(a, b):
    return difflib.SequenceMatcher(None, norm(a), norm(b)).ratio()


def stale_label(label, text):
    """A 148 label that names the district level cannot describe a 26-2026 text without it."""
    low = label.lower()
    word = re.compile(r'(?<!\w)huyện(?!\w)')
    return bool(word.search(low) or 'district' in low) and not word.search(text.lower())


class Old:
    """148's labels of one set, reachable from the 148 reference sheet's titles."""

    def __init__(self, ref_sheet, dset):
        self.sections = {}
        dcrit = {}
        for s in dset['sections']:
            self.sections[s['number']] = s
            for c in s['criteria']:
                dcrit[c['id']] = c
                for x in c.get('criteria', []):
                    dcrit[x['id']] = x
        self.crits = []  # (section number, section title, ref crit, data crit)
        for s in ref_sheet:
            for c in s['criteria']:
                for x in [c] + c['subs']:
                    d = dcrit.get(x['id'])
                    if d is not None:
                        self.crits.append((s['number'], s['title'], x, d))
        self.ref_sections = {s['number']: s for s in ref_sheet}

    def section(self, sec):
        best, r = None, 0
        for n, s in self.ref_sections.items():
            q = ratio(sec['text'], s['title'])
            if q > r:
                best, r = n, q
        if r >= 0.85 and best in self.sections:
            return self.sections[best]
        return None

    def criterion(self, crit, secnum):
        best, r = None, 0
        for n, stitle, x, d in self.crits:
            title = x['title']
            if crit['direct'] and d['id'] == str(n):
                title = stitle
            q = ratio(crit['text'], title) + (0.02 if n == secnum else 0)
            if q > r:
                best, r = (x, d), q
        if r >= 0.87:
            return best
        return None

    def option(self, text, idx, match):
        """Label of the 148 option with the same wording, preferring the matched criterion."""
        best, r = None, 0
        pools = []
        if match is not None:
            pools.append((match, 0.90))
        pools.extend(((x, d), 0.95) for _, _, x, d in self.crits)
        for (x, d), need in pools:
            opts = d.get('options', [])
            for i, t in enumerate(x['options']):
                if i >= len(opts):
                    continue
                q = ratio(text, t) + (0.01 if i == idx else 0)
                if q >= need and q > r:
                    best, r = opts[i], q
            if best is not None:
                break
        return best


class Labeller:
    def __init__(self, table):
        self.table = table
        self.missing = []  # (kind, text, where)
        self.used = set()
        self.reused = 0
        self.written = 0

    def lookup(self, kind, text):
        """The table key for a text: its own entry, else the most specific "head … tail" one."""
        k = tkey(text)
        if (kind, k) in self.table:
            return (kind, k)
        best = None
        for (tk, pat) in self.table:
            if tk != kind or '…' not in pat:
                continue
            head, _, tail = pat.partition('…')
            if k.startswith(head) and k.endswith(tail) and len(k) >= len(head) + len(tail):
                if best is None or len(pat) > len(best[1]):
                    best = (tk, pat)
        return best if best else (kind, k)

    def get(self, kind, text, where, old=None):
        key = self.lookup(kind, text)
        if old is not None and not stale_label(old[0], text) and key not in self.table:
            self.reused += 1
            if os.environ.get('QD26_DEBUG'):
                sys.stderr.write('reuse\t%s\t%s\t%s\t%s\n' % (where, text.replace('\n', ' '),
                                                                old[0], old[1]))
            return old
        if key in self.table:
            self.used.add(key)
            self.written += 1
            return self.table[key]
        self.missing.append((kind, text, where))
        return ('', '')


# --------------------------------------------------------------------------- rules and gates

def clause(desc, part, where):
    if part not in desc:
        die('%s: the sheet no longer reads %r' % (where, part))
    return part


def sheet_gates(n, desc):
    """Eliminations of the sheet-level rule (description of the Phần A row)."""
    where = 'set %d, rule at the head of the sheet' % n
    if n == 26:
        if desc:
            die('%s: set 26 now has a rule: %r' % (where, desc))
        return []
    head = 'Bị loại khi: ' if desc.startswith('Bị loại khi:') else 'Hồ sơ bị loại khi: '
    clause(desc, head.strip(), where)
    g = []

    def add(flag, is_, text, en):
        clause(desc, text, where)
        g.append({'kind': 'eliminate', 'effect': 'eliminate', 'when': {'flag': flag, 'is': is_},
                  'note_vi': head + text, 'note_en': 'Dossier eliminated: ' + en})

    add('forged_dossier', True, 'Giả mạo hồ sơ', 'forged dossier')
    if n <= 17:
        add('food_safety_cert', False,
            'không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện an toàn '
            'thực phẩm theo quy định',
            'the rules on the food-safety eligibility certificate are not fully complied with')
    if n == 15:
        add('production_licence', False, 'không có giấy phép sản xuất theo quy định',
            'no production licence as required')
    if n == 17:
        clause(desc, 'hoặc giấy phép sản xuất theo quy định', where)
        g.append({'kind': 'eliminate', 'effect': 'eliminate',
                  'when': {'flag': 'production_licence', 'is': False},
                  'note_vi': head + '[không có] giấy phép sản xuất theo quy định',
                  'note_en': 'Dossier eliminated: no production licence as required ("không có" '
                             'supplied, see resolutions)'})
    if n == 18:
        add('production_conditions', False,
            'không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện sản xuất '
            'sản phẩm (GMP đối với thực phẩm bảo vệ hoặc tương đương)',
            'the production-facility certificate (GMP for health supplements, or equivalent) '
            'is not fully complied with')
        add('product_declaration', False,
            'Hồ sơ đăng ký bản đăng ký công bố chất lượng sản phẩm, ghi nhãn sản phẩm, quảng cáo '
            'sản phẩm',
            'the registration of the product quality declaration, labelling and advertising '
            'is not compliant')
    if n in (19, 20):
        cond = ('không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo quy định quản lý '
                'chuyên ngành của Bộ Y tế' if n == 19 else
                'không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo quy định quản lý '
                'chuyên ngành')
        add('production_conditions', False, cond,
            'the mandatory production conditions of the sector rules%s are not met'
            % (' of the Ministry of Health' if n == 19 else ''))
        decl = ('không có Bản công bố sản phẩm (hoặc tương đương)' if n == 19 else
                'không có bản công bố sản phẩm (hoặc tương đương)')
        add('product_declaration', False, decl, 'no product declaration (or equivalent)')
    if n <= 20:
        reg = {3: 'Hồ sơ', 6: 'Hồ sơ', 8: 'Hồ sơ', 9: 'Hồ sơ', 10: 'Hồ sơ', 11: 'Hồ sơ',
               13: 'Hồ sơ', 19: 'Hồ sơ'}.get(n, 'hồ sơ')
        text = ('không đáp ứng quy định hồ sơ đăng ký theo quy định' if n == 18 else
                'không đáp ứng về %s đăng ký theo quy định' % reg)
    else:
        text = 'không đáp ứng quy định %s đăng ký theo quy định' % (
            'hồ sơ' if n in (23, 24) else 'Hồ sơ')
    add('registration_incomplete', True, text, 'the registration dossier does not meet the rules')
    return g


def leaves(c):
    return [x['id'] for x in c['subs']] if c['subs'] else [c['id']]


def section_leaves(sec):
    out = []
    for c in sec['criteria']:
        out.extend(leaves(c))
    return out


def find_crit(sheet, cid):
    for s in sheet['sections']:
        for c in s['criteria']:
            if c['id'] == cid:
                return s, c
            for x in c['subs']:
                if x['id'] == cid:
                    return s, x
    return None, None


def note_gates(n, sheet):
    """Gates and eliminations written as notes inside the sheet; returns (gates, resolutions)."""
    gates, res = [], []
    where = 'set %d' % n
    # all-imported or unknown raw material (1.1)
    s, c = find_crit(sheet, '1.1')
    imp = 'Ghi chú: Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu hoặc không rõ nguồn gốc'
    if c['desc'].startswith(imp):
        gates.append({'kind': 'eliminate', 'effect': 'eliminate',
                      'when': {'flag': 'imported_raw_material', 'is': True},
                      'note_vi': 'Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu hoặc không rõ '
                                 'nguồn gốc',
                      'note_en': 'Eliminated: all raw material imported or of unknown origin'})
        res.append({'where': '1.1', 'changes': ['gates'],
                    'defect': 'the note "%s" eliminates the product but is text, not a rule' % imp,
                    'resolution': 'encoded as an eliminate gate on the dossier flag '
                                  'imported_raw_material',
                    'reason': 'the note eliminates the product outright; a flag keeps it visible '
                              'and testable'})
    elif n in range(7, 16) or n in (18, 19, 20):
        die('%s: 1.1 lost its raw-material note' % where)
    # identical to another producer's product (2.1)
    s, c = find_crit(sheet, '2.1')
    idn = ('Ghi chú: Bị loại nếu phát hiện giống hệt sản phẩm của nhà sản xuất khác, chỉ thay đổi '
           'tên sản phẩm, nhà sản xuất')
    if c['desc'].startswith(idn):
        gates.append({'kind': 'eliminate', 'effect': 'eliminate',
                      'when': {'flag': 'identical_product', 'is': True},
                      'note_vi': 'Bị loại nếu phát hiện giống hệt sản phẩm của nhà sản xuất khác, '
                                 'chỉ thay đổi tên sản phẩm, nhà sản xuất',
                      'note_en': 'Eliminated: identical to another producer\'s product, only the '
                                 'product or producer name changed'})
        res.append({'where': '2.1', 'changes': ['gates'],
                    'defect': 'the note "%s" eliminates the product but is text, not a rule' % idn,
                    'resolution': 'encoded as an eliminate gate on the dossier flag '
                                  'identical_product',
                    'reason': 'the note eliminates the product outright; a flag keeps it visible '
                              'and testable'})
    elif 5 <= n <= 14:
        die('%s: 2.1 lost its identical-product note' % where)
    common = ('Ghi chú: Không đánh giá những sản phẩm có tính phổ biến của nhóm sản phẩm chủ lực '
              'cấp quốc gia, cấp tỉnh')
    if c['desc'].startswith(common):
        res.append({'where': '2.1', 'changes': ['none'],
                    'defect': 'note "%s" (products common to a national or provincial key product '
                              'group without distinctive quality are not evaluated) has no '
                              'scoring effect the data can express' % c['desc'],
                    'resolution': 'not encoded: no gate, no flag',
                    'reason': 'whether a product is "common without distinction" is the '
                              'council\'s judgement before scoring, not a rule over the sheet\'s '
                              'points; SPEC-26 agrees no flag for it; recorded so it is not silent'})
    # intellectual-property violation (6.2 of sets 21, 22)
    if n in (21, 22):
        s, c = find_crit(sheet, '6.2')
        ip = 'Ghi chú: Nếu sản phẩm vi phạm sở hữu trí tuệ, sẽ bị loại bỏ'
        if c['desc'] != ip:
            die('%s: 6.2 lost its IP note' % where)
        gates.append({'kind': 'eliminate', 'effect': 'eliminate',
                      'when': {'flag': 'ip_violation', 'is': True},
                      'note_vi': 'Nếu sản phẩm vi phạm sở hữu trí tuệ, sẽ bị loại bỏ',
                      'note_en': 'Eliminated: the product infringes intellectual property'})
        res.append({'where': '6.2', 'changes': ['gates'],
                    'defect': 'the note "%s" is printed inside the last option\'s cell of 6.2 '
                              '(reference README item 8 moved it to the criterion)' % ip,
                    'resolution': 'encoded as an eliminate gate on the dossier flag ip_violation; '
                                  'the option\'s text_vi is the option wording without the note',
                    'reason': 'the note eliminates the product; it is not part of the option'})
    # story (5.2 and 5.3 only when there is a story)
    s, c52 = find_crit(sheet, '5.2')
    story = 'Chỉ áp dụng khi có câu chuyện sản phẩm'
    if c52['desc'] == story:
        _, c51 = find_crit(sheet, '5.1')
        if c51['options'][0]['points'] != 0 or \
                not c51['options'][1]['text'].startswith('Có câu chuyện sản phẩm'):
            die('%s: 5.1 no longer starts "no story" (0), "has a story" (1)' % where)
        gates.append({'kind': 'story', 'when': {'criterion': '5.1', 'at_most': 0},
                      'zero': ['5.2', '5.3'],
                      'note_vi': 'Chỉ áp dụng khi có câu chuyện sản phẩm',
                      'note_en': 'Scored only when the product has a story'})
        res.append({'where': '5.2', 'changes': ['gates'],
                    'defect': 'note "%s" on 5.2; 5.3 carries "Yêu cầu: Nội dung câu chuyện sản '
                              'phẩm OCOP phải thể hiện rõ …", which assesses the story\'s content'
                              % story,
                    'resolution': 'story gate: when 5.1 scores 0 ("Không có câu chuyện sản '
                                  'phẩm"), 5.2 and 5.3 score 0; from 5.1 = 1 they are scored',
                    'reason': 'under 26-2026 option 1 of 5.1 already reads "Có câu chuyện sản '
                              'phẩm" (a story exists), unlike 148/1048 where option 1 was '
                              'introduction material only; 5.3 judges the story itself, so '
                              'without one it cannot score'})
    elif n <= 25:
        die('%s: 5.2 lost its story note' % where)
    else:
        res.append({'where': 'section 5', 'changes': ['none'],
                    'defect': 'the tourism sheet has no "Chỉ áp dụng khi có câu chuyện" note on '
                              '5.2 or 5.3 (its 5.1 has no 0 option: "Cẩm nang/câu chuyện" from 1)',
                    'resolution': 'no story gate on set 26',
                    'reason': 'a gate needs the sheet\'s note; none is printed, and 5.1 cannot '
                              'score "no story" except by picking no option'})
    # section 6: impurities / sensory zeros / cosmetic declaration
    sec6 = next(x for x in sheet['sections'] if x['number'] == 6)
    imp_note = None
    for c in sec6['criteria']:
        for x in [c] + c['subs']:
            if 'không đánh giá các bước tiếp theo' in x['desc'] or \
                    'Không xem xét các chỉ tiêu khác' in x['desc']:
                imp_note = (x['id'], x['desc'])
    if imp_note:
        zero = section_leaves(sec6)
        gates.append({'kind': 'contaminants', 'when': {'flag': 'contaminants', 'is': True},
                      'zero': zero, 'note_vi': imp_note[1],
                      'note_en': 'Unacceptable impurities (food-safety risk) found: the sensory '
                                 'criteria are not assessed further (score 0)'})
        res.append({'where': 'section 6', 'changes': ['gates'],
                    'defect': 'note on %s: "%s" — "the next steps" are not defined'
                              % (imp_note[0], imp_note[1]),
                    'resolution': 'contaminants gate on the dossier flag contaminants: every '
                                  'leaf of section 6 (%s) scores 0; later sections are still '
                                  'scored' % ', '.join(zero),
                    'reason': '"the next steps" are the remaining criteria of the sensory '
                              'section: the evaluator stops tasting a product with unacceptable '
                              'impurities; the other sections rest on the dossier, not on the '
                              'sample, and the sheet does not eliminate the product (SPEC-26 '
                              'decision)'})
    elif n in range(1, 14) or n in (15, 17):
        die('%s: section 6 lost its impurity note' % where)
    if n == 16:
        note = 'Ghi chú: Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các ' \
               'bước tiếp theo.'
        if sec6['desc'] != note:
            die('%s: section 6 lost its zero note' % where)
        ids = section_leaves(sec6)
        for k, cid in enumerate(ids[:-1]):
            gates.append({'kind': 'sensory', 'when': {'criterion': cid, 'at_most': 0},
                          'zero': ids[k + 1:],
                          'note_vi': 'Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không '
                                     'đánh giá các bước tiếp theo (%s = 0)' % cid,
                          'note_en': 'A sensory criterion at 0 (%s): the next sensory criteria '
                                     'are not assessed (score 0)' % cid})
        res.append({'where': 'section 6', 'changes': ['gates'],
                    'defect': 'note "%s" printed after 6.4 refers to all sensory criteria '
                              '6.1-6.4 (reference README item 9)' % note,
                    'resolution': 'one sensory gate per criterion %s: when a member scores it 0, '
                                  'the sensory criteria after it in section 6 score 0 (what was '
                                  'assessed before stands); later sections are still scored'
                                  % ', '.join(ids[:-1]),
                    'reason': '"các bước tiếp theo" are the following steps of the sensory '
                              'assessment: the evaluator stops there; the sheet does not eliminate '
                              'the product, so the other sections are scored'})
    if n in (19, 20):
        sec = sec6
        if not sec['desc'].startswith('Ghi chú: Không đánh giá các bước tiếp theo nếu không có '
                                      'Phiếu công bố sản phẩm'):
            die('%s: section 6 lost its declaration note' % where)
        res.append({'where': 'section 6', 'changes': ['gates'],
                    'defect': 'note "%s": without the cosmetic product declaration the next '
                              'steps are not assessed' % sec['desc'],
                    'resolution': 'no separate gate: the same fact (no product declaration) '
                                  'eliminates the dossier through the sheet-level rule, gate on '
                                  'the flag product_declaration',
                    'reason': 'the sheet\'s head rule eliminates a dossier without the product '
                              'declaration ("không có %sản công bố sản phẩm"), so nothing is left '
                              'to score; a second gate would never change a result'
                              % ('B' if n == 19 else 'b')})
    if n == 14:
        res.append({'where': 'section 6', 'changes': ['none'],
                    'defect': 'the sheet prints no impurity note in section 6 (sets 13, 15 and '
                              '17 do)',
                    'resolution': 'no contaminants gate on set 14',
                    'reason': 'a gate needs the sheet\'s note; none is printed for white spirits'})
    return gates, res


# --------------------------------------------------------------------------- defects (README)

def defect_resolutions(n, sheet):
    """The reference README's corrections, normalisations, derived values and kept values."""
    r = []

    def add(where, changes, defect, resolution, reason):
        r.append({'where': where, 'changes': changes, 'defect': defect,
                  'resolution': resolution, 'reason': reason})

    def option_points(cid, idx):
        _, c = find_crit(sheet, cid)
        return c['options'][idx]['points']

    if n in (4, 7, 10, 11):
        if option_points('1.2', 0) != 0:
            die('set %d: 1.2 first option is not 0 in the reference' % n)
        add('1.2', ['none'],
            'source: the score cell of "□ Không được cấp giấy chứng nhận chất lượng" is blank',
            'the reference\'s correction kept: 0 points',
            '"not certified" is the lowest option of a 0/1/2 criterion; the same option scores 0 '
            'in sets 1, 2, 3, 6, 8, 12, 13 and 18 (reference README item 1)')
    if n == 4:
        if option_points('7', 2) != 3:
            die('set 4: section 7 option 3 is not 3')
        add('7', ['none'], 'source: option "□ Có trên 2 chỉ tiêu" of 7. DINH DƯỠNG scores 13',
            'the reference\'s correction kept: 3 points',
            '13 exceeds the section maximum 3; sets 1 and 3 give the same option 3 '
            '(reference README item 2)')
    if n == 11:
        if option_points('6.1.1', 1) != 1:
            die('set 11: 6.1.1 option 2 is not 1')
        add('6.1.1', ['none'],
            'source: option "□ Có rất ít tạp chất, chấp nhận được" scores 11',
            'the reference\'s correction kept: 1 point',
            '11 exceeds the criterion maximum 2; the same option scores 1 in sets 4-10, 12-15, 17 '
            '(reference README item 3)')
    if n == 23:
        add('section 9', ['none'],
            'source: the maximum cell of 9. HƯỚNG DẪN SỬ DỤNG holds two paragraphs, "4" and "1"',
            'the reference\'s correction kept: maximum 4',
            'the best option is 4 (options 2, 4) and Part C then adds up to 35 '
            '(reference README item 4)')
        add('6.2', ['none'],
            'options "□ Chấp nhận được" and "□ Phù hợp với đặc tính sản phẩm" both score 1 '
            '(148: 0 and 1); probably 0 was meant for the first',
            'kept as printed: 1 and 1',
            'not evident enough to change without the signed PDF; the maximum (5) and the star '
            'marks do not depend on it; a member choosing either scores 1 (reference README '
            'item 12)')
    if n == 7:
        add('7', ['labels'],
            'source: the last option of 7. TÍNH ĐỘC ĐÁO begins with "o" (a Wingdings box turned '
            'into a letter)',
            'the reference\'s normalisation kept (box "□", removed from text_vi like every box)',
            'form, not content (reference README item 5)')
        add('3.1', ['none'],
            'the "□ Công ty TNHH; …" option scores 1, the same as the household option; in all 25 '
            'other sets it scores 2 (probably a slip for 2)',
            'kept as printed: options 1, 1, 3',
            'not evident enough to change without the signed PDF: the maximum (3) is unaffected '
            'and no star mark rests on it; changing it would raise some products\' totals on no '
            'direct evidence (reference README item 11)')
    if n == 3:
        add('5.1', ['none'],
            'source: the star mark of the last option of 5.1 is printed "* * * *"',
            'the reference\'s normalisation kept: mark 4',
            'the spaced asterisks are the same mark as "****" in every other set '
            '(reference README item 6)')
    if n == 1:
        add('part A', ['none'],
            'source: the "Hồ sơ bị loại khi: …" paragraph is printed twice above the table',
            'one rule, encoded once as the eliminate gates of this set',
            'a duplicate paragraph, not a second rule (reference README item 7)')
        add('8', ['none'],
            'the top option of 8. TÍNH ĐỘC ĐÁO carries no ***** mark (sets 2-20 have it)',
            'kept as printed: no 5-star mark',
            'a missing mark cannot be told from a deliberate one without the signed PDF; adding '
            'one would tighten the 5-star rule on no direct evidence (reference README item 15)')
    if n == 10:
        add('3.5', ['none'],
            'option 2 of 3.5. Sở hữu trí tuệ has no **** mark (all 25 other sets have it)',
            'kept as printed: no 4-star mark on 3.5',
            'a missing mark cannot be told from a deliberate one without the signed PDF; adding '
            'it would tighten the 4-star rule on no direct evidence (reference README item 15)')
        add('section 8', ['none'],
            'numbering slip: the section is printed "8 CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM" (no full stop)',
            'kept; the id is the bare number "8" as for every section scored by its options',
            'form only (reference README item 17)')
    if n == 24:
        add('2.2', ['none'],
            'the top option of 2.2 carries ***** where sets 21, 23 and 25 carry ****',
            'kept as printed: mark 5',
            'not evident enough to change without the signed PDF (reference README item 15)')
    if n == 2:
        add('1.2', ['none'],
            'the top option of 1.2. Gia tăng giá trị has no ***** mark (sets 1, 3 and 4 have it)',
            'kept as printed: no 5-star mark',
            'not evident enough to change without the signed PDF (reference README item 15)')
    if n in (5, 6, 11, 12, 13):
        add('1.1', ['none'],
            '1.1. Nguồn nguyên liệu carries *** on the "50% đến dưới 75%" option here but on the '
            '"dưới 50%" option in sets 7-10 and 14-22',
            'kept as printed: the 3-star mark on the second option',
            'two groups of sets, each consistent within itself; not evident enough to change '
            '(reference README item 15)')
    if n == 26:
        for s in (8, 9, 15):
            add('section %d' % s, ['none'],
                'source: the two "a./b. Trường hợp …" rows of section %d have an empty score cell'
                % s,
                'the reference\'s derived case maxima kept (each case\'s best option, equal to '
                'the section maximum); the cases are criteria %d.a and %d.b in an alternatives '
                'group, counted once' % (s, s),
                'the sheet\'s note "Lựa chọn một trong hai trường hợp sau:" (reference README '
                'item 10)')
        add('part A', ['none'],
            'the Part A title reads "SẢN PHẨM VÀ SỨC MẠNH CỘNG ĐỒNG (35 Điểm)" but its score cell '
            'is 40 and its sections add to 40',
            'kept: maximum 40 (the regime\'s part A); the title is not used',
            'the sections and the 100-point total confirm 40; the title\'s "35" is a slip '
            '(reference README item 13)')
    if n == 19:
        add('2.3', ['labels'],
            'the first option of 2.3. Phong cách, ghi nhãn hàng hóa reads "Đơn đăng ký nhãn hiệu '
            'đã được cơ quan có thẩm quyền chấp nhận hoặc công bố (đã qua vòng thẩm định hình '
            'thức)", the text of option 1 of 3.5; every other set has "Có nhãn, ghi nhãn hàng '
            'hóa đầy đủ, theo đúng quy định" here',
            'text_vi kept verbatim; points (1) and mark (3) as printed; the short label is the '
            'siblings\' ("complete, compliant label")',
            'the points and mark agree with the siblings; only the wording was pasted from 3.5; '
            'a label naming a trademark application would mislead on a labelling criterion '
            '(reference README item 14)')
    if n == 17:
        add('part A', ['gates'],
            'the head rule reads "…; hoặc giấy phép sản xuất theo quy định hoặc …": a "không có" '
            'seems missing (set 15 has "không có giấy phép sản xuất theo quy định")',
            'read as set 15: eliminate gate on the dossier flag production_licence (false = no '
            'licence)',
            'as printed the clause would eliminate a dossier that has a licence, which cannot be '
            'meant; set 15 (the sibling drinks set) prints the intended wording (reference README '
            'item 18)')
    if n == 26:
        add('section 8', ['none'],
            'case 2 of section 8 is "Điểm dịch vụ du lịch" but case 2 of sections 9 and 15 is '
            '"Dịch vụ du lịch do tổ chức, cá nhân cung cấp" (case 1 is "Dịch vụ du lịch do cộng '
            'đồng cung cấp" in all three)',
            'kept as printed: each section\'s case texts verbatim; cases are 8.b, 9.b, 15.b by '
            'position and the council picks a case per section',
            'both wordings describe a service not provided by the community; nothing in the '
            'points depends on it (reference README item 18)')
    if n == 26:
        add('part A', ['none'],
            'the tourism sheet prints no "Hồ sơ bị loại khi: …" rule (sets 1-25 do)',
            'no sheet-level eliminate gate on set 26; a dossier flag such as forged_dossier '
            'given on it has no gate to act on (the program warns)',
            'a gate needs the sheet\'s rule; none is printed for set 26')
    _, c11 = find_crit(sheet, '1.1')
    if c11 is not None and c11['desc'].startswith('Yêu cầu: 100%'):
        add('1.1', ['none'],
            'note "%s" (a requirement on the product\'s origin within the province) has no '
            'scoring effect the data can express' % c11['desc'],
            'not encoded: no gate, no flag',
            'the sheet attaches no consequence to it (no "Bị loại" wording) and SPEC-26 agrees '
            'no flag for it; checking it is the council\'s work on the dossier; recorded so it '
            'is not silent')
    if n == 21:
        add('section 7', ['none'],
            'note on 7. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM: "Áp dụng bắt buộc đối với các sản phẩm phải '
            'công bố chất lượng theo quy định; khuyến khích các sản phẩm còn lại …"',
            'not encoded: the section is scored as printed for every product',
            'the note says who must declare quality, not how the section scores; a product '
            'without a declaration simply picks no option (0)')
    if n == 21:
        add('8', ['none'],
            'the handicraft sheet keeps food-safety wording in Part C: options of 8. ĐẢM BẢO '
            'CHẤT LƯỢNG SẢN PHẨM read "… đủ điều kiện an toàn thực phẩm …"',
            'kept verbatim in text_vi; short labels as in the food sets',
            'official wording is quoted as printed; the points and marks are those of the sheet '
            '(reference README item 18)')
    if n == 18:
        add('part C', ['none'],
            'the star legend under the table ("Ghi chú: Dấu sao là yêu cầu tối thiểu …") lacks its '
            'opening parenthesis',
            'nothing to change: the legend is not data; it is what the options\' "mark" means',
            'form only (reference README item 18)')
    # yes/no bilingual label
    for cid in ('2.4', '2.3'):
        _, c = find_crit(sheet, cid)
        if c is not None and not c['options'] and not c['subs']:
            add(cid, ['none'],
                'criterion "%s" has a maximum of 1 and no options in the source' % c['text'],
                'a yes/no criterion ("yesno": true): 0 or 1; no option text invented',
                'the sheet prints no checkbox; the criterion either holds or not (SPEC-26; '
                'reference README item 16)')
    return r


def numbering_resolutions(n, sheet):
    r = []
    for s in sheet['sections']:
        for c in s['criteria']:
            for x in [c] + c['subs']:
                if x['direct'] or x['case']:
                    continue
                if not re.match(r'^\s*\d+(\.\d+)+\.\s', x['title']):
                    r.append({'where': x['id'], 'changes': ['none'],
                              'defect': 'numbering slip: "%s" has no full stop after its number'
                                        % x['title'].split('\n')[0],
                              'resolution': 'id "%s" (the number without the trailing dot, as '
                                            'for every criterion)' % x['id'],
                              'reason': 'form only (reference README item 17)'})
    return r


WORDING = [
    # (set, slip, intended) — kept verbatim in text_vi and in quoted notes (README item 18)
    (5, 'Ghi chú: Sản Tiêu chuẩn', 'Bản Tiêu chuẩn'),
    (4, 'đường khử tự đo', 'đường khử tự do'),
    (4, 'Có mùi vị/lạ', 'Có mùi vị lạ'),
    (3, 'ở nhiều, tỉnh', 'ở nhiều tỉnh'),
    (8, 'lông, lông', 'lông'),
    (16, 'giá trị độc trưng', 'giá trị đặc trưng'),
    (17, 'giá trị độc trưng', 'giá trị đặc trưng'),
    (24, 'Thị trường ngoài thị trường cấp xã', 'thị trường ngoài địa bàn cấp xã'),
    (25, 'Thị trường ngoài thị trường cấp xã', 'thị trường ngoài địa bàn cấp xã'),
    (25, 'so với đặc tính sản phẩm :', 'so với đặc tính sản phẩm'),
    (2, 'sẽ không đánh giá các bước tiếp theo)', 'sẽ không đánh giá các bước tiếp theo'),
]


def locate(sheet, text):
    """Where a text occurs: the criterion id, or "section N" for a section's own row or note."""
    for s in sheet['sections']:
        if text in s['title'] or text in s['desc']:
            direct = [c for c in s['criteria'] if c['direct']]
            return direct[0]['id'] if direct and text in s['title'] else 'section %d' % s['number']
        for c in s['criteria']:
            for x in [c] + c['subs']:
                if text in x['title'] or text in x['desc'] or \
                        any(text in o['title'] for o in x['options']):
                    return x['id']
    return None


def wording_resolutions(n, sheet):
    r = []
    for sn, slip, meant in WORDING:
        if sn != n:
            continue
        where = locate(sheet, slip)
        if where is None:
            die('set %d: wording slip %r not found' % (n, slip))
        r.append({'where': where, 'changes': ['none'],
                  'defect': 'wording slip in the source: "%s" (for "%s")' % (slip, meant),
                  'resolution': 'kept verbatim in text_vi and in the quoted notes; short labels '
                                'read as intended',
                  'reason': 'official wording is quoted as printed (reference README item 18)'})
    return r


# --------------------------------------------------------------------------- build

def build_option(o, lab, old_opt, where):
    lvi, len_ = lab.get('opt', o['text'], where,
                        (old_opt['label_vi'], old_opt['label_en']) if old_opt else None)
    d = {'points': o['points']}
    if o['stars']:
        d['mark'] = o['stars']
    d.update({'label_vi': lvi, 'label_en': len_, 'text_vi': o['text']})
    return d


# Criteria whose options repeat points as printed: the loader refuses a repeat the data does not
# mark (FORMAT.md, "repeated_points"); each has its resolution (defect_resolutions).
REPEATED_POINTS = {
    (7, '3.1'): 'as printed, the LLC/sole-firm option scores 1 like the household option '
                '(2 in the 25 other sets; kept, see resolutions)',
    (23, '6.2'): 'as printed, "Chấp nhận được" and "Phù hợp với đặc tính sản phẩm" both score 1 '
                 '(kept, see resolutions)',
}


def build_crit(c, secnum, old, lab, n):
    where = 'set %d %s' % (n, c['id'])
    match = old.criterion(c, secnum) if old else None
    oldlab = (match[1]['label_vi'], match[1]['label_en']) if match else None
    kind = 'sec' if c['direct'] else 'crit'
    lvi, len_ = lab.get(kind, c['text'], where, oldlab)
    d = {'id': c['id'], 'max': c['max'], 'label_vi': lvi, 'label_en': len_, 'text_vi': c['text']}
    if (n, c['id']) in REPEATED_POINTS:
        d = {'id': c['id'], 'max': c['max'], 'repeated_points': REPEATED_POINTS[(n, c['id'])],
             'label_vi': lvi, 'label_en': len_, 'text_vi': c['text']}
    if c['stars']:
        d['mark'] = c['stars']
    if c['subs']:
        d['criteria'] = [build_crit(x, secnum, old, lab, n) for x in c['subs']]
        return d
    if not c['options']:
        d['yesno'] = True
        return d
    opts = []
    for i, o in enumerate(c['options']):
        oo = old.option(o['text'], i, match) if old else None
        opts.append(build_option(o, lab, oo, '%s option %d' % (where, i + 1)))
    seen = {}
    for o in opts:
        if o['label_vi'] and o['label_vi'] in seen:
            die('%s: options %d and %d share the label %r'
                % (where, seen[o['label_vi']], o['points'], o['label_vi']))
        seen[o['label_vi']] = o['points']
    d['options'] = opts
    return d


def build_set(n, path26, ref148, d148, lab):
    sheet = parse26(path26)
    old = Old(parse148(ref148), d148) if ref148 else None
    sections = []
    alternatives = []
    for s in sheet['sections']:
        osec = old.section(s) if old else None
        lvi, len_ = lab.get('sec', s['text'], 'set %d section %d' % (n, s['number']),
                            (osec['name_vi'], osec['name_en']) if osec else None)
        crits = [build_crit(c, s['number'], old, lab, n) for c in s['criteria']]
        sections.append({'number': s['number'], 'part': s['part'], 'max': s['max'],
                         'name_vi': lvi, 'name_en': len_, 'text_vi': s['text'],
                         'criteria': crits})
        cases = [c['id'] for c in s['criteria'] if c['case']]
        if cases:
            if len(cases) != len(s['criteria']) or len(cases) != 2:
                die('set %d section %d: a case section must hold exactly two cases'
                    % (n, s['number']))
            if s['desc'] != 'Lựa chọn một trong hai trường hợp sau:':
                die('set %d section %d: case section without its note' % (n, s['number']))
            c1, c2 = s['criteria']
            alternatives.append({
                'section': s['number'], 'cases': [[c1['id']], [c2['id']]],
                'note_vi': 'Lựa chọn một trong hai trường hợp sau: %s; %s'
                           % (c1['text'], c2['text']),
                'note_en': 'Choose one of the two cases: %s or %s' % (
                    'tourism service provided by the community',
                    'tourism service site' if s['number'] == 8 else
                    'tourism service provided by an organisation or person')})
    gates = sheet_gates(n, sheet['parts'][0]['desc'])
    ng, nres = note_gates(n, sheet)
    gates.extend(ng)
    res = []
    if gates and gates[0]['kind'] == 'eliminate' and n != 26:
        res.append({'where': 'part A', 'changes': ['gates'],
                    'defect': 'the rule at the head of the sheet, "%s", eliminates the dossier '
                              'but is text, not a rule' % sheet['parts'][0]['desc'],
                    'resolution': 'one eliminate gate per clause, each on its own dossier flag (%s)'
                                  % ', '.join(g['when']['flag'] for g in gates
                                              if g['kind'] == 'eliminate'
                                              and g['note_vi'].startswith(('Hồ sơ bị loại',
                                                                           'Bị loại khi'))),
                    'reason': 'an eliminated dossier is reported with the rule that eliminated '
                              'it, never starred (SPEC-26)'})
    res.extend(nres)
    res.extend(defect_resolutions(n, sheet))
    res.extend(numbering_resolutions(n, sheet))
    res.extend(wording_resolutions(n, sheet))
    code, name_vi = SETS[n - 1]
    name_en = NAME_EN.get(n, d148['name_en'] if d148 else '')
    # the sheet's own checks: parts, sections, criteria
    for s, ds in zip(sheet['sections'], sections):
        counted = []
        for c in ds['criteria']:
            counted.append(c['max'])
        if cases_of(alternatives, s['number']):
            total = max(counted)
        else:
            total = sum(counted)
        if total != s['max']:
            die('set %d section %d: criteria add to %d, maximum %d' % (n, s['number'], total,
                                                                        s['max']))
    for p in sheet['parts']:
        tot = sum(s['max'] for s in sections if s['part'] == p['id'])
        if tot != {'A': 40, 'B': 25, 'C': 35}[p['id']] or tot != p['max']:
            die('set %d part %s: sections add to %d' % (n, p['id'], tot))
    return {'code': code, 'number': n, 'name_vi': name_vi, 'name_en': name_en,
            'sections': sections, 'gates': gates, 'alternatives': alternatives,
            'resolutions': res}


def cases_of(alts, secnum):
    return [a for a in alts if a['section'] == secnum]


def regime(sets):
    return {
        'format': 'ocop-criteria-1',
        'id': '26-2026',
        'decision': '26/2026/QĐ-TTg',
        'name_vi': 'Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (Quyết định 26/2026/QĐ-TTg, '
                   '22/5/2026)',
        'name_en': 'OCOP product evaluation and rating criteria (Decision 26/2026/QD-TTg, '
                   '22 May 2026)',
        'effective_from': '2026-05-22',
        'effective_to': None,
        'parts': [
            {'id': 'A', 'max': 40, 'name_vi': 'Sản phẩm và sức mạnh cộng đồng',
             'name_en': 'Product and community strength'},
            {'id': 'B', 'max': 25, 'name_vi': 'Khả năng tiếp thị', 'name_en': 'Marketing'},
            {'id': 'C', 'max': 35, 'name_vi': 'Chất lượng sản phẩm', 'name_en': 'Product quality'},
        ],
        'bands': [{'stars': 1, 'min': 0}, {'stars': 2, 'min': 30}, {'stars': 3, 'min': 50},
                  {'stars': 4, 'min': 70}, {'stars': 5, 'min': 90}],
        'recognised_min_stars': 3,
        'spread_limit': 10,
        'certificate_months': 36,
        'notice_days': 30,
        'renewal': {'file_from_days': 180, 'file_to_days': 120, 'late_valid_days': 180},
        'levels': ['commune', 'province', 'central'],
        'promotion': [
            {'level': 'commune', 'certify': [], 'forward_min_stars': None,
             'forward_min_total': None, 'forward_all_complete': True, 'next': 'province'},
            {'level': 'province', 'certify': [3, 4], 'forward_min_stars': None,
             'forward_min_total': 90, 'next': 'central'},
            {'level': 'central', 'certify': [5], 'forward_min_stars': None,
             'forward_min_total': None, 'next': None, 'return_to': 'province'},
        ],
        'sets': sets,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--ref', default=DEFAULT_REF, help='directory holding qd26-2026/, qd148-2023/')
    ap.add_argument('-o', '--output', default=os.path.join(REPO, 'data', 'criteria',
                                                           '26-2026.json'))
    ap.add_argument('--missing', action='store_true',
                    help='list the texts that still need a short label')
    ap.add_argument('--check', action='store_true',
                    help='write nothing; fail if the output file differs from what would be '
                         'written')
    a = ap.parse_args(argv)
    with open(os.path.join(REPO, 'data', 'criteria', '148.json'), encoding='utf-8') as f:
        d148 = json.load(f)
    lab = Labeller(load_labels(LABELS))
    sets = []
    for n in range(1, 27):
        hits = sorted(glob.glob(os.path.join(a.ref, 'qd26-2026', '%02d-*.csv' % n)))
        if len(hits) != 1:
            die('set %d: %d reference sheets qd26-2026/%02d-*.csv' % (n, len(hits), n))
        old = sorted(glob.glob(os.path.join(a.ref, 'qd148-2023', '%02d-*.csv' % n)))
        dset = next(s for s in d148['sets'] if s['number'] == n)
        sets.append(build_set(n, hits[0], old[0] if old else None, dset, lab))
    if lab.missing:
        seen = set()
        for kind, text, where in lab.missing:
            if (kind, tkey(text)) in seen:
                continue
            seen.add((kind, tkey(text)))
            if a.missing:
                print('%s\t%s\t\t\t# %s' % (kind, text.replace('\n', '\\n'), where))
        die('%d texts without a short label (run with --missing)' % len(seen))
    unused = set(lab.table) - lab.used
    if unused:
        die('labels table: %d entries match no text, e.g. %r' % (len(unused), sorted(unused)[0]))
    for s in sets:
        for sec in s['sections']:
            for c in sec['criteria']:
                for x in [c] + c.get('criteria', []) + c.get('options', []) + \
                        [o for y in c.get('criteria', []) for o in y.get('options', [])]:
                    for k in ('label_vi', 'label_en'):
                        if len(x[k]) > MAXLEN:
                            die('set %d: label longer than %d characters: %r'
                                % (s['number'], MAXLEN, x[k]))
    out = json.dumps(regime(sets), ensure_ascii=False, indent=1) + '\n'
    if a.check:
        try:
            with open(a.output, encoding='utf-8') as f:
                same = f.read() == out
        except OSError:
            same = False
        if not same:
            die('%s is not what the generator writes (run it and commit the result)' % a.output)
        sys.stderr.write('qd26: %s is up to date\n' % a.output)
        return 0
    tmp = a.output + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(out)
    os.replace(tmp, a.output)
    sys.stderr.write('qd26: wrote %s (%d sets; labels: %d reused from 148, %d from the table)\n'
                     % (a.output, len(sets), lab.reused, lab.written))
    return 0


if __name__ == '__main__':
    sys.exit(main())
