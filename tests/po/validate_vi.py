"""Checks the runs of tests/po/validate_vi.sh (which says what is checked and why).

usage: python3 tests/po/validate_vi.py DIR
DIR holds, per case NAME and language LANG (vi, en): NAME.LANG.ran (the case was run), NAME.LANG.json
(what `ocop validate -f json` printed) and NAME.LANG.err (its standard error). Prints each fault under
its case, then the count of cases passed and failed; exits 1 on a fault.
"""
import json
import os
import re
import sys
import unicodedata

# Common English words: one left in a Vietnamese message means a message (or a piece of one) was not
# translated. ("do", "true", "false" and "byte" are not here: Vietnamese writes "lý do", and JSON's
# true/false and the unit "byte" are the same in both languages.)
STOP = set("""
a an the is are was be been not no must should expected expect has have had with without from of to
in on at by for and or but than then this that these those it its here there only more less
line lines column columns record records field fields file files header missing unknown invalid
cannot can does did you mean value values product products member members set sets criteria
criterion points point option options number numbers string object array key keys given empty
blank twice appears disagrees already sheet sheets regime regimes score scored scoring read error
memory out range while after before under over whole contains holds looks like text encoding save
convert give choose leave cell control character characters bidirectional overrides nested deeper
levels level date closed closing quote quoted inside ends end first last name named new old newest
malformed syntax too many large long longer bytes found used use none any all each every
which what where when why how who other another same case cases section sections part parts total
stars star yes error warning problem problems usage command input output standard directory
such denied permission space device
""".split())
# The dossier's field names: identifiers where they name a field ("set \"I.1.b\" …", "(member)").
FIELDS = """product_id product_name producer commune district province set member level evaluated_on
recognised_on submitted_on criterion points verified_by prior_level prior_total prior_stars""".split()
FIELD = r'\b(?:' + '|'.join(FIELDS) + r')\b'
# Combining marks of Vietnamese letters: the five tones, circumflex, breve, horn (đ apart).
VI_MARKS = {0x0300, 0x0301, 0x0303, 0x0309, 0x0323, 0x0302, 0x0306, 0x031B}


def unquote(s):
    s = re.sub(r'"(?:[^"\\]|\\.)*"', ' ', s)
    s = re.sub(r'“[^”]*”', ' ', s)
    # '…' around words only: an apostrophe inside a word is not a quote
    return re.sub(r"(?<![\w])'[^']*'(?![\w])", ' ', s)


def english_words(msg):
    s = re.sub(FIELD + r'(?=\s*(?:"|=))', ' ', msg)     # a field name before its value
    s = re.sub(r'\(' + FIELD + r'\)', ' ', s)            # a column named in brackets
    s = unquote(s)
    s = re.sub(r'\$\S*', ' ', s)                         # JSON paths
    s = re.sub(r'\S+\.(?:csv|json|ndjson|xlsx)\b', ' ', s)  # file names
    s = re.sub(r'--?[A-Za-z][\w-]*', ' ', s)             # options
    found = []
    for chunk in s.split():
        if re.search(r'[\d_]', chunk):
            continue                                     # an identifier: 1.a, I.1.a, TV1, x_y
        for w in re.findall(r"[\w'’]+", chunk):
            if len(w) == 1 and w != 'a':
                continue                                 # a part (A, B, C), a letter to type
            if w.lower() in STOP:
                found.append(w)
    return sorted(set(found))


def vietnamese(msg):
    for ch in unquote(msg):
        if ch in 'đĐ' or any(ord(c) in VI_MARKS for c in unicodedata.normalize('NFD', ch)[1:]):
            return ch
    return None


def read(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def main():
    out = sys.argv[1]
    passed = failed = 0
    for name in sorted(set(f.split('.')[0] for f in os.listdir(out))):
        faults = []
        for lang in ('vi', 'en'):
            base = os.path.join(out, name + '.' + lang)
            if not os.path.exists(base + '.ran'):
                continue
            if not os.path.exists(base + '.json') and not os.path.exists(base + '.err'):
                faults.append('(%s) the wrapper never ran ocop validate' % lang)
                continue
            texts = [('message', json.loads(m.group(1))) for m in
                     re.finditer(r'"message":("(?:[^"\\]|\\.)*")', read(base + '.json'))]
            for line in read(base + '.err').splitlines():
                if line.startswith('ocop: untranslated message: '):
                    faults.append('(%s) untranslated: %s' % (lang, line[28:]))
                elif line.startswith('ocop'):
                    # the place (ocop: FILE:LINE:COL: or ocop CMD:) is not the message
                    texts.append(('stderr', re.sub(r'^ocop[^:]*: (?:[^ ]*:[0-9:]*: )?', '', line)))
            for where, t in texts:
                if lang == 'vi':
                    w = english_words(t)
                    bad = w and 'English words %s' % w
                else:
                    c = vietnamese(t)
                    bad = c and 'Vietnamese letter %r' % c
                if bad:
                    faults.append('(%s) %s in %s: %s' % (lang, bad, where, t))
        if faults:
            failed += 1
            print('--- ' + name)
            for f in faults:
                print('  ' + f)
        else:
            passed += 1
    print('validate in both languages: %d cases passed, %d failed' % (passed, failed))
    return 1 if failed or not passed else 0


sys.exit(main())
