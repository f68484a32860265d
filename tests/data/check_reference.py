#!/usr/bin/env python3
"""Compare the shipped criteria data with the reference tables it was transcribed from.

Usage: python3 tests/data/check_reference.py [--data DIR] [-v] [REFERENCE_DIR]

REFERENCE_DIR holds qd148-2023/, qd1048-2019/ and qd26-2026/ (default: ../shared/reference next
to the repo root). If it does not exist the check is skipped (exit 0). --data DIR is the directory
holding 148.json, 1048.json and 26-2026.json (default: the repo's data/criteria).

For every set of 148.json, 1048.json and 26-2026.json the matching reference CSV (file NN = set
number) is walked in sheet order and criteria are matched by position exactly as the conversion
did (148: letters a b c d dd e g ..., sub-criteria <id>.<n> for "- ..." rows, bare section number
for a section whose options sit under the section row; 1048: the sheet's own numbering, a repeated
sub-criterion number gets the first unused one; 26-2026: the sheet's own numbering, "a./b.
Trường hợp" rows as <section>.a / <section>.b). Compared: every option's points and star mark,
every criterion's maximum and star mark, every section's and part's maximum, and the presence
of each criterion and option; for 26-2026 also: a criterion without options on paper must be a
yes/no criterion ("yesno": true, no options) and no other may be; a choose-one-case section must
be exactly one alternatives group with one case per case row. A yes/no or alternatives
difference needs "structure". The text_vi check below covers 26-2026 as it covers 148 and 1048.

A difference is resolved when a resolution of the set names it (the criterion's id, its
parent's id, "section N" of its section, or "part X" of its part; for a section maximum:
"section N" or "part X"; for a part maximum: "part X") AND the resolution's "changes" lists the
difference's kind: an option's points -> "points"; an option's or criterion's star mark ->
"marks"; a criterion, section or part maximum -> "max"; a criterion, option or section missing
or extra, or a section in another part -> "structure". So a resolution that only changes labels
or gates silences nothing. A section, parent-criterion or part maximum that differs only because
of resolved differences below it is also resolved ("derived"): the reference is internally
consistent there (its maximum equals the sum of its children's reference maxima) and every child
maximum that differs is resolved. Everything else fails, and so does a resolution naming a
criterion, section or part the set does not have, a resolution without a non-empty "changes"
list, and one whose "changes" holds a word outside the vocabulary (CHANGE_KINDS). Resolutions
that match no difference are reported (they may document labels or gates) but do not fail.

Official text: every section, criterion and option whose reference row has text must carry
text_vi equal to official_text() of that row (see below: the sheet's wording, less numbering,
option boxes, star marks and run-in notes), and nothing else may carry text_vi. A missing,
different or unbacked text_vi fails its set. data/criteria/gen/add_text_vi.py writes them.
"""
import argparse
import csv
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
DEFAULT_REF = os.path.normpath(os.path.join(REPO, '..', 'shared', 'reference'))
DEFAULT_DATA = os.path.join(REPO, 'data', 'criteria')
# vocabulary of a resolution's "changes" (see data/criteria/FORMAT.md, Resolutions)
CHANGE_KINDS = ('points', 'marks', 'max', 'structure', 'labels', 'gates', 'none')
LETTERS = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n']


def num(s):
    """Reference score/stars cell -> int, or the raw text (None when empty)."""
    s = (s or '').strip()
    if s == '':
        return None
    if re.fullmatch(r'-?\d+', s):
        return int(s)
    return s


class Text(str):
    """A description (shown as is), not a raw reference cell (shown quoted)."""


def show(v):
    if v is None:
        return 'none'
    if isinstance(v, Text):
        return str(v)
    if isinstance(v, str):
        return repr(v)
    return str(v)


# --------------------------------------------------------------------------- reference parsing
# Both parsers return a list of sections:
#   {"number", "part", "max", "criteria": [crit], "title"}  and parts {letter: max}
#   crit = {"id", "max", "mark", "options": [(points, stars, title)], "subs": [crit], "title"}
#   ("title" is the row's raw reference text; None for a criterion made up of a section's options)

def read_rows(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def parse148(path):
    parts = {}
    sections = []
    part = sec = crit = parent = None
    for r in read_rows(path):
        lvl = int(r['level'])
        t = r['title']
        sc = num(r['score'])
        st = num(r['stars'])
        if lvl == 0:
            part = re.search(r'Phần\s*([ABC])', t).group(1)
            parts[part] = sc
        elif lvl == 1:
            m = re.match(r'\s*(\d+)\.', t)
            sec = {'number': int(m.group(1)), 'part': part, 'max': sc, 'criteria': [], 'title': t}
            sections.append(sec)
            crit = parent = None
        elif lvl == 2:
            c = {'id': None, 'max': sc, 'mark': st, 'options': [], 'subs': [], 'title': t}
            if t.strip().startswith('-') and parent is not None:
                parent['subs'].append(c)
            else:
                sec['criteria'].append(c)
                parent = c
            crit = c
        elif lvl == 3:
            if crit is None:  # options directly under the section row
                crit = {'id': None, 'max': sec['max'], 'mark': None, 'options': [], 'subs': [],
                        'title': None}
                sec['criteria'].append(crit)
                parent = crit
            crit['options'].append((sc, st, t))
    for s in sections:
        cs = s['criteria']
        for i, c in enumerate(cs):
            c['id'] = str(s['number']) if len(cs) == 1 else '%d.%s' % (s['number'], LETTERS[i])
            for j, sub in enumerate(c['subs']):
                sub['id'] = '%s.%d' % (c['id'], j + 1)
    return parts, sections


NUMRE = re.compile(r'^\s*(\d+(?:\.\d+)*)\.?\s*(.*)$', re.S)


def parse1048(path):
    parts = {}
    sections = []
    part = sec = parent = leaf = None
    for r in read_rows(path):
        lvl = int(r['level'])
        t = r['title']
        sc = num(r['score'])
        st = num(r['stars'])
        if lvl == 0:
            part = re.search(r'Phần\s*([ABC])', t).group(1)
            parts[part] = sc
        elif lvl == 1:
            n = NUMRE.match(t.strip()).group(1)
            sec = {'number': int(n), 'part': part, 'max': sc, 'criteria': [], 'title': t}
            sections.append(sec)
            parent = leaf = None
        elif lvl == 2:
            n = NUMRE.match(t.strip()).group(1)
            c = {'id': n, 'max': sc, 'mark': st, 'options': [], 'subs': [], 'title': t}
            if len(n.split('.')) == 3 and parent is not None:
                parent['subs'].append(c)
            else:
                sec['criteria'].append(c)
                parent = c
            leaf = c
        elif lvl == 3:
            if leaf is None:  # one unnamed criterion directly under the section row
                leaf = {'id': str(sec['number']), 'max': sec['max'], 'mark': None,
                        'options': [], 'subs': [], 'title': None}
                sec['criteria'].append(leaf)
            leaf['options'].append((sc, st, t))
    # repeated sub-criterion numbers: first unused number after the largest (as conv1048 did)
    for s in sections:
        for c in s['criteria']:
            nums = {int(x['id'].split('.')[-1]) for x in c['subs']}
            seen = set()
            for x in c['subs']:
                if x['id'] in seen:
                    n = max(nums) + 1
                    nums.add(n)
                    x['id'] = '%s.%d' % (c['id'], n)
                seen.add(x['id'])
    return parts, sections


CASERE = re.compile(r'^\s*([a-z])[.)]\s*(Trường hợp.*)$', re.S)


def parse26(path):
    """26-2026 sheets: ids are the sheet's own numbers ("1.1", "6.1.1"), a section scored by its
    options is its bare number, "a./b. Trường hợp …" rows are the cases <section>.a / .b of a
    choose-one-case section (recorded in the section's "cases"); a criterion with neither options
    nor sub-criteria is a yes/no criterion. Titles are kept for the text_vi check."""
    parts = {}
    sections = []
    part = sec = parent = leaf = None
    for r in read_rows(path):
        lvl = int(r['level'])
        t = r['title']
        sc = num(r['score'])
        st = num(r['stars'])
        if lvl == 0:
            part = re.search(r'Ph[aầ]n\s*([ABC])', t, re.I).group(1)
            parts[part] = sc
        elif lvl == 1:
            n = NUMRE.match(t.strip()).group(1)
            sec = {'number': int(n), 'part': part, 'max': sc, 'criteria': [], 'cases': [],
                   'title': t}
            sections.append(sec)
            parent = leaf = None
        elif lvl == 2:
            m = CASERE.match(t)
            n = '%d.%s' % (sec['number'], m.group(1)) if m else NUMRE.match(t.strip()).group(1)
            c = {'id': n, 'max': sc, 'mark': st, 'options': [], 'subs': [], 'title': t}
            if m:
                sec['cases'].append(n)
            if not m and len(n.split('.')) == 3 and parent is not None:
                parent['subs'].append(c)
            else:
                sec['criteria'].append(c)
                parent = c
            leaf = c
        elif lvl == 3:
            if leaf is None:  # options directly under the section row
                leaf = {'id': str(sec['number']), 'max': sec['max'], 'mark': None,
                        'options': [], 'subs': [], 'title': sec['title']}
                sec['criteria'].append(leaf)
            leaf['options'].append((sc, st, t))
    return parts, sections


REGIMES = [
    # (data file, reference subdirectory, parser)
    ('148.json', 'qd148-2023', parse148),
    ('1048.json', 'qd1048-2019', parse1048),
    ('26-2026.json', 'qd26-2026', parse26),
]


# --------------------------------------------------------------------------- official text
# text_vi (data/criteria/FORMAT.md): the reference row's title verbatim, less what the sheet prints
# around the wording: the leading number or letter ("1.", "1.1.", "a)", "a )", "a.", "- ") of
# sections and criteria, the option box "□ ", star marks at the end of a line ("***", "****",
# "*****", a full stop after them is kept), and notes that the transcription ran into a title (a
# line starting "Ghi chú:" or "Chỉ áp dụng khi có câu chuyện": they are gates or notes, see the
# set's resolutions). Lines are trimmed, line breaks kept as "\n", NFC. data/criteria/gen/
# add_text_vi.py writes text_vi with these same functions, and the check below compares them.

LEAD_SECTION = re.compile(r'^\s*\d+\s*\.?\s*')
LEAD_CRITERION = re.compile(r'^\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\s*[).]|-)\s*')
STARS_EOL = re.compile(r'\s*\*{3,5}(?=[.,;:]?$)')
RUN_IN_NOTE = re.compile(r'^(?:Ghi chú\s*:|Chỉ áp dụng khi có câu chuyện)')


def official_text(title, kind):
    """kind: 'section', 'criterion' or 'option'. Returns '' when nothing is left."""
    if title is None:
        return ''
    t = unicodedata.normalize('NFC', title)
    lines = [ln.strip() for ln in t.replace('\r\n', '\n').split('\n')]
    if kind == 'option':
        lines[0] = re.sub(r'^□\s*', '', lines[0])
    elif kind == 'section':
        lines[0] = LEAD_SECTION.sub('', lines[0], count=1)
    else:
        lines[0] = LEAD_CRITERION.sub('', lines[0], count=1)
    lines = [lines[0]] + [ln for ln in lines[1:] if not RUN_IN_NOTE.match(ln)]
    lines = [STARS_EOL.sub('', ln).strip() for ln in lines]
    return '\n'.join(ln for ln in lines if ln)


def expected_texts(dset, rsections):
    """[(data object, expected text_vi or None)] for every section, criterion and option of dset.

    Reference rows are matched to data as the comparison does: sections by number, criteria by
    id (ids come from sheet position), options by position within their criterion. Where a
    resolution regrouped a section (its criterion ids, sub-criteria included, differ from the
    reference's), its criteria get no text, and a criterion whose option count differs from the
    reference (options added or removed) gets no option texts: position would no longer say which
    criterion or option is which."""
    out = []
    rsec = {rs['number']: rs for rs in rsections}
    rcrit = {}
    for rs in rsections:
        for c in rs['criteria']:
            rcrit[c['id']] = c
            for x in c['subs']:
                rcrit[x['id']] = x

    def blank(dc):
        out.append((dc, None))
        for x in dc.get('options', []):
            out.append((x, None))
        for x in dc.get('criteria', []):
            blank(x)

    def crit(dc):
        rc = rcrit.get(dc['id'])
        text = official_text(rc['title'], 'criterion') if rc else ''
        out.append((dc, text or None))
        dopts = dc.get('options', [])
        ropts = rc['options'] if rc else []
        same = len(dopts) == len(ropts)
        for i, do in enumerate(dopts):
            t = official_text(ropts[i][2], 'option') if same else ''
            out.append((do, t or None))
        for x in dc.get('criteria', []):
            crit(x)

    def ids(criteria, key):
        return {x['id'] for c in criteria for x in [c] + c.get(key, [])}

    for ds in dset['sections']:
        rs = rsec.get(ds['number'])
        text = official_text(rs['title'], 'section') if rs else ''
        out.append((ds, text or None))
        regrouped = rs is None or ids(rs['criteria'], 'subs') != ids(ds['criteria'], 'criteria')
        for c in ds['criteria']:
            if regrouped:
                blank(c)
            else:
                crit(c)
    return out


def where(obj):
    if 'points' in obj:
        return 'option %s %s' % (show(obj.get('points')), show(obj.get('label_vi')))
    if 'number' in obj:
        return 'section %s' % obj['number']
    return obj.get('id', '?')


def check_texts(code, dset, rsections):
    """Lines describing every text_vi that is missing, different or not backed by the reference."""
    bad = []
    for obj, want in expected_texts(dset, rsections):
        have = obj.get('text_vi')
        if want is None:
            if have is not None:
                bad.append('set %s %s: text_vi %s, but the reference has no text there'
                           % (code, where(obj), show(have)))
        elif have is None:
            bad.append('set %s %s: text_vi missing (reference %s)' % (code, where(obj), show(want)))
        elif have != want:
            bad.append('set %s %s: text_vi %s, reference %s' % (code, where(obj), show(have),
                                                               show(want)))
    return bad


# --------------------------------------------------------------------------- comparison

class SetCheck:
    def __init__(self, code, dset):
        self.code = code
        self.dset = dset
        self.diffs = []  # dicts: kind, id, what, ref, data, scope
        # data lookups
        self.dcrit = {}      # id -> (criterion, section number, part, parent id or None)
        self.dsec = {}
        for s in dset['sections']:
            self.dsec[s['number']] = s
            for c in s['criteria']:
                self.dcrit[c['id']] = (c, s['number'], s['part'], None)
                for x in c.get('criteria', []):
                    self.dcrit[x['id']] = (x, s['number'], s['part'], c['id'])
        self.parts = {s['part'] for s in dset['sections']}

    @staticmethod
    def change_kind(d):
        """The "changes" word a resolution needs to allow difference d."""
        if d['kind'] in ('max', 'partmax'):
            return 'max'
        if d['kind'] == 'secmax':
            return 'max' if d['what'] == 'max' else 'structure'
        if d['kind'] == 'sec':
            return 'structure'
        # kind 'crit'
        if d['what'] == 'mark' or d['what'].endswith(' mark'):
            return 'marks'
        if d['what'].endswith(' points'):
            return 'points'
        return 'structure'  # 'criterion', 'option N' missing/extra, 'yes/no', 'alternatives'

    def diff(self, kind, ident, what, ref, data, section, part, parent=None):
        self.diffs.append({'kind': kind, 'id': ident, 'what': what, 'ref': ref, 'data': data,
                           'section': section, 'part': part, 'parent': parent})

    def compare_crit(self, rc, dc, section, part, parent):
        cid = rc['id'] if rc else dc['id']
        if rc is None:
            self.diff('crit', cid, 'criterion', None, Text('present (max %s)' % show(dc.get('max'))),
                      section, part, parent)
            return
        if dc is None:
            self.diff('crit', cid, 'criterion', Text('present (max %s)' % show(rc['max'])), None,
                      section, part, parent)
            return
        if rc['max'] != dc.get('max'):
            self.diff('max', cid, 'max', rc['max'], dc.get('max'), section, part, parent)
        if rc['mark'] != dc.get('mark'):
            self.diff('crit', cid, 'mark', rc['mark'], dc.get('mark'), section, part, parent)
        dsubs = dc.get('criteria', [])
        if rc['subs'] or dsubs:
            self.compare_list(rc['subs'], dsubs, section, part, cid)
        dopts = dc.get('options', [])
        # a criterion with neither options nor sub-criteria on paper is yes/no: 0 or its maximum
        ryn = not rc['options'] and not rc['subs']
        dyn = dc.get('yesno') is True
        if ryn != dyn or (dyn and (dopts or dsubs)):
            self.diff('crit', cid, 'yes/no', Text('yes/no' if ryn else 'options'),
                      Text('yes/no' if dyn else 'options') if not (dyn and (dopts or dsubs))
                      else Text('yes/no with options'), section, part, parent)

        for i in range(max(len(rc['options']), len(dopts))):
            ro = rc['options'][i] if i < len(rc['options']) else None
            do = dopts[i] if i < len(dopts) else None
            label = 'option %d' % (i + 1)
            if ro is None or do is None:
                self.diff('crit', cid, label,
                          None if ro is None else Text('points %s' % show(ro[0])),
                          None if do is None else Text('points %s' % show(do.get('points'))),
                          section, part, parent)
                continue
            if ro[0] != do.get('points'):
                self.diff('crit', cid, label + ' points', ro[0], do.get('points'),
                          section, part, parent)
            if ro[1] != do.get('mark'):
                self.diff('crit', cid, label + ' mark', ro[1], do.get('mark'),
                          section, part, parent)


    def compare_list(self, rlist, dlist, section, part, parent):
        """Match reference criteria to data criteria by id (ids come from sheet position)."""
        dby = {c['id']: c for c in dlist}
        rids = set()
        for rc in rlist:
            rids.add(rc['id'])
            self.compare_crit(rc, dby.get(rc['id']), section, part, parent)
        for dc in dlist:
            if dc['id'] not in rids:
                self.compare_crit(None, dc, section, part, parent)

    def compare(self, rparts, rsections):
        dsecs = self.dset['sections']
        rnums = [s['number'] for s in rsections]
        for rs in rsections:
            ds = self.dsec.get(rs['number'])
            if ds is None:
                self.diff('secmax', 'section %d' % rs['number'], 'section', Text('present'), None,
                          rs['number'], rs['part'])
                continue
            if ds['part'] != rs['part']:
                self.diff('sec', 'section %d' % rs['number'], 'part', rs['part'], ds['part'],
                          rs['number'], rs['part'])
            if rs['max'] != ds['max']:
                self.diff('secmax', 'section %d' % rs['number'], 'max', rs['max'], ds['max'],
                          rs['number'], rs['part'])

            if 'cases' in rs:
                # a choose-one-case section: one alternatives group, one case per case row
                want = [[c] for c in rs['cases']]
                got = [a.get('cases') for a in self.dset.get('alternatives', [])
                       if a.get('section') == rs['number']]
                have = got[0] if len(got) == 1 else (None if not got else got)
                if (want or got) and have != want:
                    self.diff('secmax', 'section %d' % rs['number'], 'alternatives',
                              Text('cases %s' % want if want else 'none'),
                              Text('cases %s' % have if got else 'none'),
                              rs['number'], rs['part'])
            self.compare_list(rs['criteria'], ds['criteria'], rs['number'], rs['part'], None)
        for ds in dsecs:
            if ds['number'] not in rnums:
                self.diff('secmax', 'section %d' % ds['number'], 'section', None, Text('present'),
                          ds['number'], ds['part'])
        for p in sorted(set(rparts) | self.parts):
            dmax = sum(s['max'] for s in dsecs if s['part'] == p) if p in self.parts else None
            if rparts.get(p) != dmax:
                self.diff('partmax', 'part %s' % p, 'max', rparts.get(p), dmax, None, p)
        self.rsections = rsections
        self.rparts = rparts

    # ------------------------------------------------------------------ resolutions
    def resolve(self):
        res = self.dset.get('resolutions', [])
        self.stale = []
        self.bad = []  # (where, problem) for resolutions with missing or unknown "changes"
        targets = []  # per resolution: ('crit', id) / ('section', n) / ('part', X)
        for r in res:
            w = str(r.get('where', '')).strip()
            m = re.fullmatch(r'section (\d+)', w)
            if m:
                t = ('section', int(m.group(1)))
                ok = t[1] in self.dsec
            else:
                m = re.fullmatch(r'part ([A-Z])', w)
                if m:
                    t = ('part', m.group(1))
                    ok = t[1] in self.parts
                else:
                    t = ('crit', w)
                    ok = w in self.dcrit
            targets.append(t)
            if not ok:
                self.stale.append(w)
            ch = r.get('changes')
            if not isinstance(ch, list) or not ch:
                self.bad.append((w, 'resolution without changes'))
            else:
                for k in ch:
                    if k not in CHANGE_KINDS:
                        self.bad.append((w, 'unknown change kind %s' % show(k)))
        used = [False] * len(res)

        def names(d):
            need = self.change_kind(d)
            hits = []
            for i, t in enumerate(targets):
                ch = res[i].get('changes')
                if not isinstance(ch, list) or need not in ch:
                    continue
                if t == ('part', d['part']):
                    hits.append(i)
                elif d['kind'] != 'partmax' and t == ('section', d['section']):
                    hits.append(i)
                elif d['kind'] in ('crit', 'max') and t[0] == 'crit' and (
                        t[1] == d['id'] or (d['parent'] is not None and t[1] == d['parent'])):
                    hits.append(i)
            return hits

        for d in self.diffs:
            hits = names(d)
            d['by'] = [res[i]['where'] for i in hits]
            d['resolved'] = bool(hits)
            for i in hits:
                used[i] = True

        # derived maxima: parents (criteria with sub-criteria), then sections, then parts
        def rsum(items):
            vals = [x['max'] for x in items]
            return sum(vals) if vals and all(isinstance(v, int) for v in vals) else None

        rcrit = {}
        for rs in self.rsections:
            for c in rs['criteria']:
                rcrit[c['id']] = c
        for d in self.diffs:
            if d['resolved'] or d['kind'] != 'max' or d['id'] not in rcrit:
                continue
            rc = rcrit[d['id']]
            if not rc['subs'] or rsum(rc['subs']) != rc['max']:
                continue
            kids = [x for x in self.diffs if x['kind'] in ('max', 'crit') and x['parent'] == d['id']
                    and (x['kind'] == 'max' or x['what'] == 'criterion')]
            if kids and all(x['resolved'] for x in kids):
                d['resolved'] = True
                d['by'] = ['derived']
        rsec = {s['number']: s for s in self.rsections}
        for d in self.diffs:
            if d['resolved'] or d['kind'] != 'secmax' or d['what'] != 'max':
                continue
            rs = rsec[d['section']]
            if rsum(rs['criteria']) != rs['max']:
                continue
            kids = [x for x in self.diffs if x['section'] == d['section'] and x['parent'] is None
                    and (x['kind'] == 'max' or (x['kind'] == 'crit' and x['what'] == 'criterion'))]
            if kids and all(x['resolved'] for x in kids):
                d['resolved'] = True
                d['by'] = ['derived']
        for d in self.diffs:
            if d['resolved'] or d['kind'] != 'partmax':
                continue
            secs = [s for s in self.rsections if s['part'] == d['part']]
            if rsum(secs) != self.rparts.get(d['part']):
                continue
            kids = [x for x in self.diffs if x['kind'] == 'secmax' and x['part'] == d['part']]
            if kids and all(x['resolved'] for x in kids):
                d['resolved'] = True
                d['by'] = ['derived']

        self.unmatched = [res[i]['where'] for i in range(len(res))
                          if not used[i] and targets[i] and res[i]['where'] not in self.stale]
        self.failed = [d for d in self.diffs if not d['resolved']]

    def line(self, d):
        label = d['id'] if d['what'] in ('criterion', 'section') else '%s %s' % (d['id'], d['what'])
        return 'set %s %s: reference %s, data %s' % (self.code, label, show(d['ref']), show(d['data']))


def main(argv=None):
    ap = argparse.ArgumentParser(description='Compare data/criteria with the reference tables.')
    ap.add_argument('reference', nargs='?', default=DEFAULT_REF,
                    help='directory holding qd148-2023/ and qd1048-2019/')
    ap.add_argument('--data', default=DEFAULT_DATA,
                    help='directory holding 148.json and 1048.json (default: data/criteria)')
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='also list every resolved difference and what resolved it')
    a = ap.parse_args(argv)

    ref = os.path.abspath(a.reference)
    if not os.path.isdir(ref):
        print('check_reference: skipped (no reference tables at %s)' % ref)
        return 0

    checks = []
    problems = []  # failures that are not per-difference (missing tables, stale resolutions)
    failed_sets = set()
    for fname, sub, parser in REGIMES:
        dpath = os.path.join(a.data, fname)
        rdir = os.path.join(ref, sub)
        if not os.path.isdir(rdir):
            problems.append('%s: no reference directory %s' % (fname, rdir))
            failed_sets.add(fname)
            continue
        with open(dpath, encoding='utf-8') as f:
            regime = json.load(f)
        sets = regime.get('sets', [])
        seen = set()
        for dset in sets:
            n = dset['number']
            seen.add(n)
            code = dset.get('code', '%s#%d' % (fname, n))
            hits = sorted(glob.glob(os.path.join(rdir, '%02d-*.csv' % n)))
            if len(hits) != 1:
                problems.append('set %s: %d reference tables %s/%02d-*.csv' % (code, len(hits), sub, n))
                failed_sets.add(code)
                continue
            rparts, rsections = parser(hits[0])
            sc = SetCheck(code, dset)
            sc.regime = fname
            sc.compare(rparts, rsections)
            sc.resolve()
            sc.textbad = check_texts(code, dset, rsections)
            sc.ntexts = sum(1 for _, want in expected_texts(dset, rsections) if want is not None)
            checks.append(sc)
        for p in sorted(glob.glob(os.path.join(rdir, '[0-9][0-9]-*.csv'))):
            n = int(os.path.basename(p)[:2])
            if n not in seen:
                problems.append('%s: reference table %s has no set %d in the data'
                                % (fname, os.path.basename(p), n))
                failed_sets.add('%s#%d' % (fname, n))

    ndiff = nres = nfail = 0
    for sc in checks:
        ndiff += len(sc.diffs)
        nres += sum(1 for d in sc.diffs if d['resolved'])
        nfail += len(sc.failed) + len(sc.stale) + len(sc.bad) + len(sc.textbad)
        for d in sc.failed:
            print(sc.line(d))
        for line in sc.textbad:
            print(line)
        for w in sc.stale:
            print('set %s: resolution "%s" names nothing in the set (stale)' % (sc.code, w))
        for w, why in sc.bad:
            print('set %s: resolution "%s": %s' % (sc.code, w, why))
        if a.verbose:
            for d in sc.diffs:
                if d['resolved']:
                    print('  resolved: %s  [by %s]' % (sc.line(d), ', '.join(d['by'])))
        if sc.failed or sc.stale or sc.bad or sc.textbad:
            failed_sets.add(sc.code)
    for p in problems:
        print('check_reference: ' + p)
    nfail += len(problems)
    for sc in checks:
        if sc.unmatched:
            print('note: set %s: resolutions matching no point/mark/maximum difference: %s'
                  % (sc.code, ', '.join(sc.unmatched)))

    for fname, sub, _ in REGIMES:
        mine = [sc for sc in checks if sc.regime == fname]
        if mine:
            print('check_reference: %s against %s: %d sets, %d differences, %d resolved, %d failed'
                  % (fname, sub, len(mine), sum(len(sc.diffs) for sc in mine),
                     sum(1 for sc in mine for d in sc.diffs if d['resolved']),
                     sum(len(sc.failed) + len(sc.stale) + len(sc.bad) for sc in mine)))
    nsets = len(checks)
    print('check_reference: %d sets compared, %d differences, %d resolved, %d failed'
          % (nsets, ndiff, nres, nfail))
    print('check_reference: %d official texts (text_vi) checked, %d wrong or missing'
          % (sum(sc.ntexts for sc in checks), sum(len(sc.textbad) for sc in checks)))
    passed = sum(1 for sc in checks if sc.code not in failed_sets)
    print('%d passed, %d failed' % (passed, len(failed_sets)))
    return 1 if failed_sets else 0


if __name__ == '__main__':
    sys.exit(main())
