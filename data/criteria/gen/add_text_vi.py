#!/usr/bin/env python3
"""Write text_vi (the official wording) into 148.json and 1048.json from the reference tables.

Usage: python3 data/criteria/gen/add_text_vi.py [--data DIR] [REFERENCE_DIR]

A development tool (python3 stdlib), not part of the build. It walks each set's reference CSV
exactly as tests/data/check_reference.py does (same parsers, same matching: sections by number,
criteria by their position-derived id, options by position) and sets text_vi to that check's
official_text() of the row, so the check and the data cannot disagree. text_vi goes right after
label_en (name_en for sections); labels are not touched. Where the reference has no text (a
criterion made up of a section's options, an empty "a)" row, a criterion whose options a
resolution added or removed) text_vi is left out, and any stale one is removed. The files are
rewritten in their usual layout (json.dumps, indent 1, UTF-8, trailing newline); run again, it
changes nothing.
"""
import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(REPO, 'tests', 'data'))
import check_reference as cr  # noqa: E402


def place(obj, text):
    """obj with text_vi set (or removed) right after label_en / name_en, keys otherwise in order."""
    after = 'label_en' if 'label_en' in obj else 'name_en'
    items = [(k, v) for k, v in obj.items() if k != 'text_vi']
    obj.clear()
    for k, v in items:
        obj[k] = v
        if k == after and text is not None:
            obj['text_vi'] = text
    if text is not None and 'text_vi' not in obj:
        obj['text_vi'] = text


def main(argv=None):
    ap = argparse.ArgumentParser(description='Write text_vi from the reference tables.')
    ap.add_argument('reference', nargs='?', default=cr.DEFAULT_REF)
    ap.add_argument('--data', default=cr.DEFAULT_DATA)
    a = ap.parse_args(argv)
    for fname, sub, parser in cr.REGIMES:
        path = os.path.join(a.data, fname)
        with open(path, encoding='utf-8') as f:
            regime = json.load(f)
        nset = ntext = nnone = 0
        for dset in regime['sets']:
            hits = sorted(glob.glob(os.path.join(a.reference, sub, '%02d-*.csv' % dset['number'])))
            if len(hits) != 1:
                sys.exit('%s: set %s: %d reference tables' % (fname, dset['code'], len(hits)))
            _, rsections = parser(hits[0])
            for obj, text in cr.expected_texts(dset, rsections):
                place(obj, text)
                if text is None:
                    nnone += 1
                else:
                    ntext += 1
            nset += 1
        with open(path, 'w', encoding='utf-8') as f:
            f.write(json.dumps(regime, ensure_ascii=False, indent=1) + '\n')
        print('%s: %d sets, %d text_vi written, %d items without reference text'
              % (fname, nset, ntext, nnone))
    return 0


if __name__ == '__main__':
    sys.exit(main())
