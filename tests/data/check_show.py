#!/usr/bin/env python3
"""What `ocop criteria show SET --regime R --format json` prints agrees with the criteria file, leaf by
leaf: ids, maxima, option points and marks, yes/no criteria, alternatives. Together with
check_reference.py (the file against the official sheets) this ties the command's output to the
reference.

Usage: python3 tests/data/check_show.py BIN [REGIME...]   (default regimes: 26-2026 148 1048)
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'data', 'criteria')


def leaves_of_file(crits, out):
    for c in crits:
        if 'criteria' in c and 'options' not in c and not c.get('yesno'):
            leaves_of_file(c['criteria'], out)
            continue
        opts = [] if c.get('yesno') else [(o['points'], o.get('mark')) for o in c['options']]
        out.append((c['id'], c['max'], c.get('mark'), bool(c.get('yesno')), opts))


def leaves_of_show(crits, out):
    for c in crits:
        if c['criteria']:
            leaves_of_show(c['criteria'], out)
            continue
        opts = [(o['points'], o['mark']) for o in c['options']]
        out.append((c['id'], c['max'], c['mark'], bool(c.get('yesno')), opts))


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    binary, regimes = sys.argv[1], sys.argv[2:] or ['26-2026', '148', '1048']
    failed = checked = 0
    for regime in regimes:
        with open(os.path.join(DATA, regime + '.json'), encoding='utf-8') as f:
            data = json.load(f)
        for s in data['sets']:
            want = []
            for sec in s['sections']:
                leaves_of_file(sec['criteria'], want)
            out = subprocess.run([binary, 'criteria', 'show', s['code'], '--regime', regime,
                                  '--format', 'json'], capture_output=True, check=True).stdout
            shown = json.loads(out)
            got = []
            leaves_of_show(shown['criteria'], got)
            alts_want = [[sorted(c) for c in a['cases']] for a in s.get('alternatives', [])]
            alts_got = [[sorted(c) for c in a['cases']] for a in shown['alternatives']]
            checked += 1
            if got != want or alts_got != alts_want:
                failed += 1
                for w, g in zip(want, got):
                    if w != g:
                        print('check_show: %s %s: file %s, shown %s' % (regime, s['code'], w, g))
                        break
                else:
                    print('check_show: %s %s: %d leaves in the file, %d shown, or alternatives '
                          'differ' % (regime, s['code'], len(want), len(got)))
    print('check_show: %d sets, %d failed' % (checked, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
