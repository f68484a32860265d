#!/usr/bin/env python3
"""Generate the example 2026 round: Tây Ninh's province OCOP council under regime 26-2026.

Usage: python3 data/examples/gen/tay-ninh-2026.py [--check]

Writes data/examples/tay-ninh-2026.csv (wide), tay-ninh-2026-long.csv (long) and
tay-ninh-2026.json (JSON) — the same season in three forms. Products, producers and communes are
invented (realistic names of the province's specialities); every point comes from the criteria
data (data/criteria/26-2026.json): each member's sheet picks, leaf by leaf, one of the options the
sheet offers (or 0 for the yes/no bilingual label), with a deterministic random source seeded by
the product and member, so the files are the same on every run.

Each product is described by the council's size, the total each member should reach (a target
and per-member offsets) and the highest star whose marks its sheets must meet; a sheet starts at
the smallest options that meet those marks and is raised or lowered option by option, at random
but deterministically, towards its member's target. A few products are exact cases, asserted
here before writing: one eliminated by a dossier flag, one whose spread needs re-scoring, one with
a mean of 90 or more (forwarded to central), one with the bilingual label at 0 for every member,
one in the 4★ band that misses a 4★ mark (3★), one in the 3★ band that misses a 3★ mark (not
recognised). --check regenerates in memory and fails if the files
differ. Standard library only.
"""
import argparse
import csv
import io
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
CRITERIA = os.path.join(REPO, 'data', 'criteria', '26-2026.json')
OUT = os.path.join(REPO, 'data', 'examples')
NAME = 'tay-ninh-2026'
PROVINCE = 'Tây Ninh'
FLAGS = ['imported_raw_material']

# product id, set number, name, producer, commune, submitted_on, evaluated_on, members,
# target mean, member offsets (cycled), star whose marks are met, extras
P = [
    ('TN26-001', 1, 'Mãng cầu ta Bà Đen', 'HTX Nông nghiệp Thạnh Tân', 'Thạnh Đức',
     '2026-08-10', '2026-09-15', 5, 74, (0, 2, -2, 1, -1), 4, {}),
    ('TN26-002', 1, 'Thanh long ruột đỏ Châu Thành', 'HTX Thanh long Hiệp Thạnh', 'Châu Thành',
     '2026-08-10', '2026-09-15', 5, 61, (1, -1, 2, -2, 0), 3, {}),
    ('TN26-003', 1, 'Chuối già Nam Mỹ Tân Châu', 'Công ty TNHH Nông sản Tân Hòa', 'Tân Hòa',
     '2026-08-12', '2026-09-15', 5, 45, (0, 3, -3, 1, -1), 2, {}),
    ('TN26-004', 3, 'Gạo Nàng Thơm Chợ Đào', 'HTX Nông nghiệp Mỹ Lệ', 'Cần Đước',
     '2026-08-05', '2026-09-15', 6, 82, (0, 2, -2, 3, -3, 0), 4, {}),
    ('TN26-005', 3, 'Đậu phộng Trảng Bàng', 'Hộ kinh doanh Nguyễn Thị Hoa', 'Hưng Thuận',
     '2026-08-14', '2026-09-16', 4, 57, (1, -1, 2, -2), 3, {}),
    ('TN26-006', 4, 'Mật ong hoa cao su Dương Minh Châu', 'Tổ hợp tác Ong mật Suối Đá',
     'Dương Minh Châu', '2026-08-16', '2026-09-16', 5, 68, (0, 1, -1, 2, -2), 3, {}),
    ('TN26-007', 5, 'Bánh canh Trảng Bàng đóng gói', 'Công ty TNHH Thực phẩm Trảng Bàng',
     'Trảng Bàng', '2026-08-18', '2026-09-22', 5, 64, (0, 2, -2, 1, -1), 3, {}),
    ('TN26-008', 6, 'Bánh tráng phơi sương Trảng Bàng', 'HTX Bánh tráng Phước Chỉ',
     'Phước Chỉ', '2026-08-03', '2026-09-22', 7, 93, (0, 1, -1, 2, -2, 1, -1), 5, {}),
    ('TN26-009', 6, 'Bánh tráng me Gò Dầu', 'Hộ kinh doanh Lê Văn Tài', 'Gò Dầu',
     '2026-08-20', '2026-09-22', 4, 52, (1, -1, 0, 0), 3, {}),
    ('TN26-010', 7, 'Mãng cầu sấy dẻo Núi Bà', 'Công ty TNHH Nông sản Núi Bà', 'Thạnh Đức',
     '2026-08-21', '2026-09-23', 5, 79, (0, 2, -2, 1, -1), 4, {}),
    ('TN26-011', 7, 'Mít sấy giòn Thạnh Hóa', 'Công ty TNHH Thực phẩm Hòa An', 'Thạnh Hóa',
     '2026-08-21', '2026-09-23', 5, 66, (0, 2, -2, 1, -1), 3,
     {'imported_raw_material': True}),
    ('TN26-012', 7, 'Chanh dây sấy dẻo Tân Biên', 'HTX Nông nghiệp Tân Lập', 'Tân Lập',
     '2026-08-22', '2026-09-23', 5, 59, (0, 1, -1, 2, -2), 3, {}),
    ('TN26-013', 8, 'Lạp xưởng tươi Cần Đước', 'Cơ sở Lạp xưởng Bà Tám', 'Cần Đước',
     '2026-08-25', '2026-10-06', 6, 72, (0, 1, -1, 2, -2, 0), 4, {'bilingual_zero': True}),
    ('TN26-014', 8, 'Bò tơ xông khói Tây Ninh', 'Công ty TNHH Bò tơ Năm Sánh', 'Trảng Bàng',
     '2026-08-26', '2026-10-06', 5, 55, (0, 2, -2, 1, -1), 3, {}),
    ('TN26-015', 9, 'Nước mắm cá linh Tân Hưng', 'HTX Thủy sản Tân Hưng', 'Tân Hưng',
     '2026-08-27', '2026-10-06', 5, 63, (0, 1, -1, 2, -2), 3, {}),
    ('TN26-016', 10, 'Muối tôm Tây Ninh Ba Hiền', 'Công ty TNHH Muối tôm Ba Hiền', 'Tân Ninh',
     '2026-08-04', '2026-10-07', 7, 84, (0, 2, -2, 1, -1, 3, -3), 4, {}),
    ('TN26-017', 10, 'Muối ớt xanh Hòa Thành', 'Hộ kinh doanh Trần Thị Mỹ', 'Long Hoa',
     '2026-08-28', '2026-10-07', 5, 76, (0, 6, -7, 1, 0), 4, {'rescore': True}),
    ('TN26-018', 10, 'Tiêu đen Lộc Ninh Tân Châu', 'Tổ hợp tác Tiêu sạch Suối Ngô', 'Tân Châu',
     '2026-08-29', '2026-10-07', 4, 48, (1, -1, 2, -2), 2, {}),
    ('TN26-019', 12, 'Trà mãng cầu Thạnh Tân', 'HTX Nông nghiệp Thạnh Tân', 'Thạnh Đức',
     '2026-08-30', '2026-10-08', 5, 67, (0, 1, -1, 2, -2), 3, {}),
    ('TN26-020', 13, 'Cà phê rang xay Núi Bà', 'Công ty TNHH Cà phê Bà Đen', 'Tây Ninh',
     '2026-08-30', '2026-10-08', 5, 74, (0, 2, -2, 1, -1), 4, {'miss_4_mark': '3.5'}),
    ('TN26-021', 14, 'Rượu đế Gò Đen', 'Cơ sở Rượu Gò Đen Út Hiền', 'Phước Lợi',
     '2026-09-01', '2026-10-20', 6, 73, (0, 2, -2, 1, -1, 0), 4, {}),
    ('TN26-022', 14, 'Rượu nếp than Tân Biên', 'Hộ kinh doanh Võ Văn Hùng', 'Tân Biên',
     '2026-09-02', '2026-10-20', 4, 54, (1, -1, 2, -2), 3, {}),
    ('TN26-023', 17, 'Nước mãng cầu ép đóng chai', 'Công ty CP Thực phẩm Tây Ninh Xanh',
     'Dương Minh Châu', '2026-09-03', '2026-10-20', 5, 71, (0, 1, -1, 2, -2), 4, {}),
    ('TN26-024', 17, 'Nước mía Hòa Thành đóng chai', 'HTX Mía đường Hòa Thành', 'Hòa Thành',
     '2026-09-04', '2026-10-21', 5, 43, (0, 2, -2, 1, -1), 2, {}),
    ('TN26-025', 18, 'Cao dược liệu Xạ đen Núi Bà', 'Công ty CP Dược liệu Tây Ninh',
     'Thạnh Đức', '2026-09-05', '2026-10-21', 6, 77, (0, 2, -2, 1, -1, 0), 4, {}),
    ('TN26-026', 19, 'Dầu gội bồ kết thảo dược Tân Châu', 'HTX Dược liệu Tân Châu', 'Tân Châu',
     '2026-09-06', '2026-10-21', 5, 58, (0, 1, -1, 2, -2), 3, {}),
    ('TN26-027', 20, 'Tinh dầu sả chanh Châu Thành', 'Tổ hợp tác Tinh dầu Hảo Đước',
     'Hảo Đước', '2026-09-07', '2026-11-03', 5, 69, (0, 1, -1, 2, -2), 3, {}),
    ('TN26-028', 21, 'Giỏ lục bình Thạnh Hóa', 'HTX Thủ công Lục bình Thạnh Phước',
     'Thạnh Hóa', '2026-09-08', '2026-11-03', 5, 75, (0, 2, -2, 1, -1), 4, {}),
    ('TN26-029', 21, 'Tre đan mỹ nghệ Bến Cầu', 'Hộ kinh doanh Phạm Văn Lượm', 'Bến Cầu',
     '2026-09-09', '2026-11-03', 4, 56, (1, -1, 2, -2), 3, {}),
    ('TN26-030', 22, 'Khăn rằn dệt tay Long Khánh', 'Tổ hợp tác Dệt Long Khánh', 'Bến Cầu',
     '2026-09-10', '2026-11-04', 5, 62, (0, 1, -1, 2, -2), 3, {'miss_3_mark': '2.2'}),
    ('TN26-031', 26, 'Làng nổi Tân Lập — du lịch sinh thái', 'Công ty CP Du lịch Làng nổi Tân Lập',
     'Tân Lập', '2026-09-11', '2026-11-17', 7, 81, (0, 2, -2, 1, -1, 3, -3), 4, {'case': 2}),
    ('TN26-032', 26, 'Du lịch cộng đồng Ấp Trường Cửu', 'Tổ hợp tác Du lịch cộng đồng Trường Hòa',
     'Trường Hòa', '2026-09-12', '2026-11-17', 5, 58, (0, 1, -1, 2, -2), 3, {'case': 1}),
]


def leaves(dset, case=None):
    """(id, sorted option points, {points: mark}, yes/no) for every leaf a member scores."""
    skip = set()
    for a in dset.get('alternatives', []):
        for i, ids in enumerate(a['cases'], 1):
            if i != (case or 1):
                skip.update(ids)
    out = []
    for sec in dset['sections']:
        for c in sec['criteria']:
            for x in c.get('criteria') or [c]:
                if x['id'] in skip:
                    continue
                if x.get('yesno'):
                    out.append((x['id'], [0, x['max']], {}, True))
                    continue
                pts = sorted({o['points'] for o in x['options']} | {0})
                marks = {}
                for o in x['options']:
                    if o.get('mark'):
                        marks[o['points']] = o['mark']
                out.append((x['id'], pts, marks, False))
    return out


def sheet(dset, target, star, rng, case=None, fixed=None, positive=()):
    """One member's points: marks up to `star` met, total as close to `target` as the options
    allow; `fixed` leaves keep the given points; `positive` leaves never score 0."""
    fixed = fixed or {}
    ls = leaves(dset, case)
    floor, pts = {}, {}
    for cid, opts, marks, _ in ls:
        need = max([p for p, m in marks.items() if m <= star] or [0])
        if cid in positive:
            need = max(need, min(p for p in opts if p > 0))
        floor[cid] = need
        pts[cid] = fixed.get(cid, need)
    opts_of = {cid: opts for cid, opts, _, _ in ls}
    free = [cid for cid, _, _, _ in ls if cid not in fixed]
    total = sum(pts.values())
    for _ in range(2000):
        if total == target:
            break
        if total < target:
            ups = [c for c in free
                   if any(p > pts[c] and p - pts[c] <= target - total for p in opts_of[c])]
            if not ups:
                break
            c = rng.choice(ups)
            nxt = min(p for p in opts_of[c] if p > pts[c])
        else:
            downs = [c for c in free if any(floor[c] <= p < pts[c] for p in opts_of[c])]
            if not downs:
                break
            c = rng.choice(downs)
            nxt = max(p for p in opts_of[c] if floor[c] <= p < pts[c])
        total += nxt - pts[c]
        pts[c] = nxt
    return [(cid, pts[cid]) for cid, _, _, _ in ls]


def build(regime):
    sets = {s['number']: s for s in regime['sets']}
    season = []
    for (pid, setno, name, producer, commune, submitted, evaluated, n, target, offsets, star,
         extra) in P:
        dset = sets[setno]
        members = []
        for m in range(n):
            rng = random.Random('%s/TV%d' % (pid, m + 1))
            fixed = {}
            if extra.get('bilingual_zero'):
                fixed['2.4'] = 0
            if extra.get('miss_4_mark'):
                fixed[extra['miss_4_mark']] = 1
            if extra.get('miss_3_mark'):
                fixed[extra['miss_3_mark']] = 0
            positive = ['5.1']
            jitter = rng.choice((-1, 0, 0, 1))
            pts = sheet(dset, target + offsets[m % len(offsets)] + jitter, star, rng,
                        extra.get('case'), fixed, positive)
            members.append(('TV%d' % (m + 1), pts))
        season.append({'product_id': pid, 'set': dset['code'], 'product_name': name,
                       'producer': producer, 'commune': commune, 'province': PROVINCE,
                       'level': 'province', 'submitted_on': submitted, 'evaluated_on': evaluated,
                       'flags': {k: v for k, v in extra.items() if k in FLAGS},
                       'members': members, 'extra': extra, 'dset': dset})
    return season


def mean100(totals):
    return sum(totals) * 100 // len(totals)


def verify(season):
    """The exact cases the example promises, computed here from the points written."""
    for p in season:
        totals = [sum(v for _, v in pts) for _, pts in p['members']]
        spread = max(totals) - min(totals)
        e = p['extra']
        if e.get('rescore'):
            assert spread > 10, (p['product_id'], totals)
        else:
            assert spread <= 10, (p['product_id'], totals)
        if p['product_id'] == 'TN26-008':
            assert sum(totals) >= 90 * len(totals), (p['product_id'], totals)
        if e.get('bilingual_zero'):
            assert all(dict(pts)['2.4'] == 0 for _, pts in p['members'])
        p['totals'] = totals


HEAD = ['product_id', 'set', 'member', 'product_name', 'producer', 'commune', 'province', 'level',
        'submitted_on', 'evaluated_on']


def flag_cell(p, f):
    return 'yes' if p['flags'].get(f) else ''


def wide(season):
    ids = []
    for p in season:
        for _, pts in p['members']:
            for cid, _ in pts:
                if cid not in ids:
                    ids.append(cid)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(HEAD + FLAGS + ids)
    for p in season:
        for member, pts in p['members']:
            d = dict(pts)
            w.writerow([p['product_id'], p['set'], member] + [p[k] for k in HEAD[3:]] +
                       [flag_cell(p, f) for f in FLAGS] + [d.get(c, '') for c in ids])
    return buf.getvalue()


def long(season):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(HEAD + FLAGS + ['criterion', 'points'])
    for p in season:
        for member, pts in p['members']:
            for cid, v in pts:
                w.writerow([p['product_id'], p['set'], member] + [p[k] for k in HEAD[3:]] +
                           [flag_cell(p, f) for f in FLAGS] + [cid, v])
    return buf.getvalue()


def as_json(season):
    out = []
    for p in season:
        d = {'product_id': p['product_id'], 'set': p['set']}
        for k in HEAD[3:]:
            d[k] = p[k]
        for f in FLAGS:
            if f in p['flags']:
                d[f] = p['flags'][f]
        d['members'] = [{'member': m, 'points': dict(pts)} for m, pts in p['members']]
        out.append(d)
    return json.dumps(out, ensure_ascii=False, indent=1) + '\n'


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true',
                    help='fail if the files on disk differ from what would be written')
    a = ap.parse_args(argv)
    with open(CRITERIA, encoding='utf-8') as f:
        regime = json.load(f)
    season = build(regime)
    verify(season)
    files = {NAME + '.csv': wide(season), NAME + '-long.csv': long(season),
             NAME + '.json': as_json(season)}
    bad = 0
    for fname, text in files.items():
        path = os.path.join(OUT, fname)
        if a.check:
            try:
                with open(path, encoding='utf-8') as f:
                    same = f.read() == text
            except OSError:
                same = False
            if not same:
                sys.stderr.write('tay-ninh-2026: %s is not what the generator writes\n' % path)
                bad = 1
            continue
        tmp = path + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(text)
        os.replace(tmp, path)
    if not a.check:
        for p in season:
            t = p['totals']
            sys.stderr.write('%s %-7s n=%d totals %-28s mean %6.2f\n'
                             % (p['product_id'], p['set'], len(t), ','.join(map(str, t)),
                                sum(t) / len(t)))
    return bad


if __name__ == '__main__':
    sys.exit(main())
