#!/usr/bin/env python3
"""Derives the suite's compact unit resources from the official dataset in ../data.

    python3 build/make_resources.py          # from platform/admin-units; Python 3 standard library only

Reads   data/units-before-2025-07-01.csv, data/units-from-2025-07-01.csv, data/successors-2025-07-01.csv
Writes  src/main/resources/vn/qcdc/units/units.csv       one row per version of a code
        src/main/resources/vn/qcdc/units/successors.csv  old code -> new code, whole/partial, legal basis

A code listed before the reform gets a version valid until 2025-06-30 (its start is not in the data: empty
valid_from); a code listed from 1 July 2025 gets a version valid from 2025-07-01. A code in both lists (the new unit
kept a predecessor's code) has both versions. Stops on any inconsistency.
"""
import collections
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(HERE)
DATA = os.path.join(MODULE, 'data')
OUT = os.path.join(MODULE, 'src', 'main', 'resources', 'vn', 'qcdc', 'units')
REFORM_EVE, REFORM_DAY = '2025-06-30', '2025-07-01'


def read(name):
    with open(os.path.join(DATA, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def check(cond, msg):
    print(('OK   ' if cond else 'FAIL ') + msg)
    if not cond:
        sys.exit('check failed: ' + msg)


def main():
    before = read('units-before-2025-07-01.csv')
    after = read('units-from-2025-07-01.csv')
    succ = read('successors-2025-07-01.csv')
    old = {r['code']: r for r in before}
    new = {r['code']: r for r in after}
    check(len(old) == len(before) == 10794, '10,794 distinct codes before the reform')
    check(len(new) == len(after) == 3355, '3,355 distinct codes from the reform')
    for era, units in (('before', old), ('after', new)):
        check(all(not r['parent_code'] or r['parent_code'] in units for r in units.values()),
              f'every parent {era} the reform exists in the same list')
    check(all(s['old_code'] in old and s['new_code'] in new for s in succ),
          'every successor row links an old code to a new code')
    check(set(old) == {s['old_code'] for s in succ}, 'every old unit has a successor')
    check(set(new) == {s['new_code'] for s in succ}, 'every new unit has a predecessor')
    preds = collections.defaultdict(set)
    for s in succ:
        preds[s['new_code']].add(s['old_code'])
    reused = [c for c in new if c in old]
    check(all(c in preds[c] for c in reused), 'a reused code always names one of its own predecessors')
    versions = []
    for r in before:
        versions.append([r['code'], r['name'], r['level'], r['type'], r['parent_code'], '', REFORM_EVE])
    for r in after:
        versions.append([r['code'], r['name'], r['level'], r['type'], r['parent_code'], REFORM_DAY, ''])
    versions.sort(key=lambda v: (v[0], v[5]))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'units.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'name', 'level', 'type', 'parent_code', 'valid_from', 'valid_to'])
        w.writerows(versions)
    rows = sorted(([s['old_code'], s['new_code'], s['relation'], s['basis']] for s in succ),
                  key=lambda r: (r[0], r[1]))
    with open(os.path.join(OUT, 'successors.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['old_code', 'new_code', 'relation', 'basis'])
        w.writerows(rows)
    counts = collections.Counter((v[2], 'until ' + REFORM_EVE if v[6] else 'from ' + REFORM_DAY) for v in versions)
    print(f'{len(versions)} versions of {len({v[0] for v in versions})} codes; {len(reused)} codes continue '
          f'across the reform; {len(rows)} successor rows')
    for (level, era), n in sorted(counts.items()):
        print(f'  {level:9} {era}: {n}')


if __name__ == '__main__':
    main()
