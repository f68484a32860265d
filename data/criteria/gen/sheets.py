"""Readers for the reference sheets (title,description,level,stars,score) of ../shared/reference.

Shared by qd26.py (the 26-2026 generator). Standard library only.
"""
import csv
import re
import unicodedata

LETTERS = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n']
STAR_RE = re.compile(r'\s*\*{3,5}\s*$')
# "1.1. ", "6.2 ", "6.1.1 ", "8 " (numbering slips kept in the source)
NUM_RE = re.compile(r'^\s*(\d+(?:\.\d+)*)\.?\s+(.*)$', re.S)
CASE_RE = re.compile(r'^\s*([a-z])[.)]\s*(Trường hợp.*)$', re.S)
PART_RE = re.compile(r'^\s*ph[aầ]n\s*([ABC])', re.I)


def nfc(s):
    return unicodedata.normalize('NFC', s)


def num(s):
    s = (s or '').strip()
    if s == '':
        return None
    if re.fullmatch(r'-?\d+', s):
        return int(s)
    return s


def rows(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def option_text(title):
    """Official option wording: leading box and trailing star marks removed."""
    t = nfc(title).strip()
    t = re.sub(r'^□\s*', '', t)
    t = STAR_RE.sub('', t)
    return t.strip()


def parse26(path):
    """One 26-2026 sheet -> {"parts": [...], "sections": [...]}.

    part    = {"id", "max", "title", "desc", "record"}
    section = {"number", "part", "max", "title", "text", "desc", "record", "criteria": [crit]}
    crit    = {"id", "max", "text", "desc", "record", "options": [opt], "subs": [crit],
               "case": bool, "direct": bool}
    opt     = {"points", "stars", "text", "title", "record"}
    A section whose options sit directly under it gets one criterion with the bare section
    number as id ("direct": True), sharing the section's text.
    """
    parts, sections = [], []
    part = sec = crit = parent = None
    for rec, r in enumerate(rows(path), 2):
        lvl = int(r['level'])
        title = nfc(r['title'])
        desc = nfc(r['description'] or '')
        sc = num(r['score'])
        st = num(r['stars'])
        if lvl == 0:
            part = PART_RE.match(title).group(1)
            parts.append({'id': part, 'max': sc, 'title': title, 'desc': desc, 'record': rec})
        elif lvl == 1:
            m = NUM_RE.match(title)
            sec = {'number': int(m.group(1)), 'part': part, 'max': sc, 'title': title,
                   'text': m.group(2).strip(), 'desc': desc, 'record': rec, 'criteria': []}
            sections.append(sec)
            crit = parent = None
        elif lvl == 2:
            m = CASE_RE.match(title)
            if m:
                c = {'id': '%d.%s' % (sec['number'], m.group(1)), 'text': m.group(2).strip(),
                     'case': True}
            else:
                m = NUM_RE.match(title)
                c = {'id': m.group(1), 'text': m.group(2).strip(), 'case': False}
            c.update({'max': sc, 'stars': st, 'desc': desc, 'record': rec, 'options': [],
                      'subs': [], 'direct': False, 'title': title})
            if len(c['id'].split('.')) == 3 and parent is not None:
                parent['subs'].append(c)
            else:
                sec['criteria'].append(c)
                parent = c
            crit = c
        elif lvl == 3:
            if crit is None:
                crit = {'id': str(sec['number']), 'text': sec['text'], 'max': sec['max'],
                        'stars': None, 'desc': '', 'record': sec['record'], 'options': [],
                        'subs': [], 'case': False, 'direct': True, 'title': sec['title']}
                sec['criteria'].append(crit)
            crit['options'].append({'points': sc, 'stars': st, 'text': option_text(title),
                                    'title': title, 'record': rec})
    return {'parts': parts, 'sections': sections}


def parse148(path):
    """148 reference sheet with titles, ids assigned as tests/data/check_reference.py does."""
    sections = []
    part = sec = crit = parent = None
    for r in rows(path):
        lvl = int(r['level'])
        t = nfc(r['title'])
        if lvl == 0:
            part = re.search(r'Phần\s*([ABC])', t).group(1)
        elif lvl == 1:
            m = re.match(r'\s*(\d+)\.', t)
            sec = {'number': int(m.group(1)), 'part': part, 'title': t, 'criteria': []}
            sections.append(sec)
            crit = parent = None
        elif lvl == 2:
            c = {'id': None, 'title': t, 'options': [], 'subs': []}
            if t.strip().startswith('-') and parent is not None:
                parent['subs'].append(c)
            else:
                sec['criteria'].append(c)
                parent = c
            crit = c
        elif lvl == 3:
            if crit is None:
                crit = {'id': None, 'title': sec['title'], 'options': [], 'subs': []}
                sec['criteria'].append(crit)
                parent = crit
            crit['options'].append(option_text(t))
    for s in sections:
        cs = s['criteria']
        for i, c in enumerate(cs):
            c['id'] = str(s['number']) if len(cs) == 1 else '%d.%s' % (s['number'], LETTERS[i])
            for j, sub in enumerate(c['subs']):
                sub['id'] = '%s.%d' % (c['id'], j + 1)
    return sections
