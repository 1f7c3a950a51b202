#!/usr/bin/env python3
"""Convert the shared admin-unit reference data into GiamNgheo.Rules' embedded CSVs.

Usage:
    python3 tools/admin-units-import/import.py /path/to/admin-units [--out DIR]

The input folder must hold units-legacy.csv, units-2025.csv, commune-mapping-2025.csv and
units-2025-later-changes.csv (format documented in that folder's README.md). The output
goes to shared/GiamNgheo.Rules/AdminUnits/Data/ unless --out is given.

Standard library only. The run is deterministic apart from the import date written to
Data/README.md, so re-running on unchanged input leaves the CSVs byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "shared" / "GiamNgheo.Rules" / "AdminUnits" / "Data"

REFORM_DATE = dt.date(2025, 7, 1)
LEGACY_END = REFORM_DATE - dt.timedelta(days=1)

# Official totals; the import refuses to write anything that disagrees with them.
EXPECTED = {
    "legacy_provinces": 63,
    "legacy_districts": 696,
    "legacy_communes": 10035,
    "provinces_2025": 34,
    "communes_2025": 3321,
}

# The five legacy districts with no communes cannot appear in a one-row-per-commune file, so
# the reference README lists them in a table; they are repeated here (code, name, province).
COMMUNELESS_DISTRICTS = [
    ("318", "Huyện Bạch Long Vĩ", "31"),
    ("471", "Huyện Cồn Cỏ", "45"),
    ("498", "Huyện Hoàng Sa", "48"),
    ("536", "Huyện Lý Sơn", "51"),
    ("755", "Huyện Côn Đảo", "77"),
]

# Codes other systems may still send for a 2025 commune (reference README, "Caveats").
ALIASES = [
    (
        "06978",
        "06970",
        "commune",
        REFORM_DATE,
        "Xã Ba Chẽ: 06978 is in the source's 2025 data and apparently in the signed "
        "QĐ 19/2025/QĐ-TTg; CV 1027/CTK-CSCL and the statistics office give 06970",
    ),
    (
        "23737",
        "23938",
        "commune",
        REFORM_DATE,
        "Xã Ia Mơ: CV 1027/CTK-CSCL prints 23737 (before 2025-07-01 the code of Xã Ia Mơ Nông; "
        "merged into Ia Ly); the 2025 list keeps Ia Mơ's unchanged code 23938",
    ),
]

# Longest prefix first so "Thành phố" is not shadowed and "Thị trấn" beats "Thị xã" cleanly.
PREFIX_TYPES = {
    "province": [("Thành phố ", "thanh_pho"), ("Tỉnh ", "tinh")],
    "district": [
        ("Thành phố ", "thanh_pho_thuoc_tinh"),
        ("Thị xã ", "thi_xa"),
        ("Quận ", "quan"),
        ("Huyện ", "huyen"),
    ],
    "commune": [
        ("Đặc khu ", "dac_khu"),
        ("Thị trấn ", "thi_tran"),
        ("Phường ", "phuong"),
        ("Xã ", "xa"),
    ],
}

LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
CODE_LENGTH = {"province": 2, "district": 3, "commune": 5}
MAPPING_KINDS = {"split", "merge", "unchanged", "rename"}

UNIT_COLUMNS = ["level", "code", "name", "type", "province_code", "district_code", "valid_from", "valid_to"]
CHANGE_COLUMNS = [
    "effective_from", "level", "code", "name_before", "name_after",
    "type_before", "type_after", "legal_basis", "source",
]


class DataError(Exception):
    """Data problem that must stop the import before anything is written."""


def fail(message: str) -> None:
    raise DataError(message)


def type_from_name(level: str, name: str) -> str:
    for prefix, code in PREFIX_TYPES[level]:
        if name.startswith(prefix):
            return code
    fail(f"{level} name without a known type prefix: {name!r}")
    raise AssertionError  # unreachable, keeps type checkers quiet


def check_code(level: str, code: str, where: str) -> None:
    if len(code) != CODE_LENGTH[level] or not code.isdigit():
        fail(f"{where}: bad {level} code {code!r}")


def read_csv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    # utf-8-sig tolerates a BOM if someone re-saves the reference files in a spreadsheet.
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            fail(f"{path.name}: expected columns {columns}, got {reader.fieldnames}")
        rows = list(reader)
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            fail(f"{path.name}:{i}: wrong number of fields")
    return rows


def unit(level, code, name, type_, province, district, valid_from, valid_to) -> dict:
    return {
        "level": level, "code": code, "name": name, "type": type_,
        "province_code": province, "district_code": district,
        "valid_from": valid_from, "valid_to": valid_to,
    }


def add_once(index: dict, key, value: dict, where: str) -> None:
    """Keep one unit per key, but insist repeated rows (province per commune row) agree."""
    existing = index.get(key)
    if existing is None:
        index[key] = value
    elif existing != value:
        fail(f"{where}: conflicting rows for {key}: {existing} vs {value}")


def build_legacy(rows: list[dict[str, str]]) -> tuple[list[dict], set[str]]:
    provinces: dict[str, dict] = {}
    districts: dict[str, dict] = {}
    communes: dict[str, dict] = {}
    for i, r in enumerate(rows, start=2):
        where = f"units-legacy.csv:{i}"
        p, d, c = r["province_code"], r["district_code"], r["commune_code"]
        check_code("province", p, where)
        check_code("district", d, where)
        check_code("commune", c, where)
        add_once(provinces, p, unit("province", p, r["province_name"],
                                    type_from_name("province", r["province_name"]), p, None, None, LEGACY_END), where)
        add_once(districts, d, unit("district", d, r["district_name"],
                                    type_from_name("district", r["district_name"]), p, None, None, LEGACY_END), where)
        if c in communes:
            fail(f"{where}: duplicate commune {c}")
        communes[c] = unit("commune", c, r["commune_name"],
                           type_from_name("commune", r["commune_name"]), p, d, None, LEGACY_END)
    for d, name, p in COMMUNELESS_DISTRICTS:
        if d in districts:
            fail(f"commune-less district {d} has communes in units-legacy.csv; drop it from COMMUNELESS_DISTRICTS")
        if p not in provinces:
            fail(f"commune-less district {d}: unknown province {p}")
        districts[d] = unit("district", d, name, type_from_name("district", name), p, None, None, LEGACY_END)

    counts = (len(provinces), len(districts), len(communes))
    want = (EXPECTED["legacy_provinces"], EXPECTED["legacy_districts"], EXPECTED["legacy_communes"])
    if counts != want:
        fail(f"legacy counts {counts} != expected {want}")
    return list(provinces.values()) + list(districts.values()) + list(communes.values()), set(communes)


def build_2025(rows: list[dict[str, str]]) -> tuple[list[dict], set[str]]:
    provinces: dict[str, dict] = {}
    communes: dict[str, dict] = {}
    for i, r in enumerate(rows, start=2):
        where = f"units-2025.csv:{i}"
        p, c = r["province_code"], r["commune_code"]
        check_code("province", p, where)
        check_code("commune", c, where)
        add_once(provinces, p, unit("province", p, r["province_name"],
                                    type_from_name("province", r["province_name"]), p, None, REFORM_DATE, None), where)
        derived = type_from_name("commune", r["commune_name"])
        if derived != r["commune_type"]:
            fail(f"{where}: commune_type {r['commune_type']!r} disagrees with name {r['commune_name']!r}")
        if c in communes:
            fail(f"{where}: duplicate commune {c}")
        communes[c] = unit("commune", c, r["commune_name"], derived, p, None, REFORM_DATE, None)
    counts = (len(provinces), len(communes))
    want = (EXPECTED["provinces_2025"], EXPECTED["communes_2025"])
    if counts != want:
        fail(f"2025 counts {counts} != expected {want}")
    return list(provinces.values()) + list(communes.values()), set(communes)


def apply_changes(units: list[dict], changes: list[dict[str, str]]) -> tuple[list[dict], list[dict[str, str]]]:
    """Turn dated changes into closed/opened versions; return the undated ones as pending."""
    pending: list[dict[str, str]] = []
    dated: list[tuple[dt.date, int, dict[str, str]]] = []
    for i, ch in enumerate(changes, start=2):
        where = f"units-2025-later-changes.csv:{i}"
        if ch["level"] not in ("province", "commune"):
            fail(f"{where}: unexpected level {ch['level']!r}")
        check_code(ch["level"], ch["code"], where)
        for side in ("before", "after"):
            if type_from_name(ch["level"], ch[f"name_{side}"]) != ch[f"type_{side}"]:
                fail(f"{where}: type_{side} disagrees with name_{side}")
        if not ch["effective_from"]:
            # Without a date we cannot say when the old name stopped being valid, so the change
            # stays out of units.csv rather than guessing.
            pending.append(ch)
            continue
        try:
            day = dt.date.fromisoformat(ch["effective_from"])
        except ValueError:
            fail(f"{where}: bad effective_from {ch['effective_from']!r}")
        if day <= REFORM_DATE:
            fail(f"{where}: change dated on or before the reform; it belongs in the 2025 list itself")
        dated.append((day, i, ch))

    for day, i, ch in sorted(dated, key=lambda t: (t[0], t[1])):
        where = f"units-2025-later-changes.csv:{i}"
        open_versions = [u for u in units
                         if u["level"] == ch["level"] and u["code"] == ch["code"] and u["valid_to"] is None]
        if len(open_versions) != 1:
            fail(f"{where}: expected one open version of {ch['level']} {ch['code']}, found {len(open_versions)}")
        current = open_versions[0]
        # Guards against applying a change twice or against the wrong unit.
        if (current["name"], current["type"]) != (ch["name_before"], ch["type_before"]):
            fail(f"{where}: current {current['name']!r}/{current['type']} != before "
                 f"{ch['name_before']!r}/{ch['type_before']}")
        if current["valid_from"] is not None and day <= current["valid_from"]:
            fail(f"{where}: change date not after the current version's start")
        current["valid_to"] = day - dt.timedelta(days=1)
        units.append({**current, "name": ch["name_after"], "type": ch["type_after"],
                      "valid_from": day, "valid_to": None})
    return units, pending


def check_no_overlap(units: list[dict]) -> None:
    by_key: dict[tuple[str, str], list[dict]] = {}
    for u in units:
        by_key.setdefault((u["level"], u["code"]), []).append(u)
    lo, hi = dt.date.min, dt.date.max
    for key, versions in by_key.items():
        spans = sorted(((v["valid_from"] or lo), (v["valid_to"] or hi)) for v in versions)
        for (a_from, a_to), (b_from, _) in zip(spans, spans[1:]):
            if b_from <= a_to:
                fail(f"overlapping versions for {key}")
        for f_, t_ in spans:
            if f_ > t_:
                fail(f"empty validity for {key}")


def build_mapping(rows: list[dict[str, str]], legacy: set[str], new: set[str]) -> list[list[str]]:
    out: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    for i, r in enumerate(rows, start=2):
        where = f"commune-mapping-2025.csv:{i}"
        old, nw, kind = r["old_commune_code"], r["new_commune_code"], r["kind"]
        if old not in legacy:
            fail(f"{where}: old code {old} not in legacy list")
        if nw not in new:
            fail(f"{where}: new code {nw} not in 2025 list")
        if kind not in MAPPING_KINDS:
            fail(f"{where}: unknown kind {kind!r}")
        if (old, nw) in seen:
            fail(f"{where}: duplicate pair {old}->{nw}")
        seen.add((old, nw))
        out.append([old, nw, kind])
    missing = legacy - {o for o, _ in seen}
    if missing:
        fail(f"{len(missing)} legacy communes have no mapping row, e.g. {sorted(missing)[:5]}")
    return out


def check_aliases(units: list[dict]) -> None:
    for alias, target, level, valid_from, _ in ALIASES:
        targets = [u for u in units if u["level"] == level and u["code"] == target
                   and (u["valid_to"] is None or u["valid_to"] >= valid_from)]
        if not targets:
            fail(f"alias {alias}: target {level} {target} not valid from {valid_from}")
        # An alias that is also a live code would make lookups ambiguous.
        clash = [u for u in units if u["level"] == level and u["code"] == alias
                 and (u["valid_to"] is None or u["valid_to"] >= valid_from)]
        if clash:
            fail(f"alias {alias} is itself a {level} code valid from {valid_from}")


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    # newline="" + lineterminator keeps LF on every platform; QUOTE_MINIMAL quotes a name only
    # if it ever contains a comma or quote (none do today; the C# reader handles both).
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_readme(out: Path, src: Path, inputs: list[Path], stats: dict[str, int], pending: int) -> None:
    readme = src / "README.md"
    built = "unknown"
    if readme.exists():
        m = re.search(r"^Built (\d{4}-\d{2}-\d{2})", readme.read_text(encoding="utf-8"), re.MULTILINE)
        if m:
            built = m.group(1)
    hashes = "\n".join(f"| `{p.name}` | `{sha256(p)}` |" for p in inputs)
    text = TEMPLATE.format(
        imported=dt.date.today().isoformat(), built=built, hashes=hashes, pending=pending, **stats)
    (out / "README.md").write_text(text, encoding="utf-8", newline="\n")


TEMPLATE = """\
# Administrative units (embedded data)

Generated by `tools/admin-units-import/import.py`; do not edit by hand. Re-run the script instead
(see `tools/admin-units-import/README.md`). Imported {imported} from the project's reference
folder `shared/data/admin-units/` (built {built}), which is not part of this repository.

## Files

| file | rows | columns |
|---|---:|---|
| `units.csv` | {units} | `level,code,name,type,province_code,district_code,valid_from,valid_to` |
| `commune-mapping-2025.csv` | {mapping} | `old_code,new_code,kind` (`split`/`merge`/`unchanged`/`rename`) |
| `aliases.csv` | {aliases} | `alias_code,code,level,valid_from,note` |
| `changes-pending.csv` | {pending} | announced changes with no effective date, **not** applied to `units.csv` |

`units.csv` holds one row per unit *version*. Dates are inclusive ISO dates; an empty `valid_from`
means "start unknown" (the legacy list is the state on 30 June 2025, not a history) and an empty
`valid_to` means "still valid". Legacy units end 2025-06-30; the two-tier list starts 2025-07-01.
Codes are zero-padded digit strings (province 2, district 3, commune 5 digits) and the same code
can belong to different units in the two lists, so always join on code plus date, never on names.

Rows per level: {provinces} province versions, {districts} district versions, {communes} commune
versions. Types: `tinh`, `thanh_pho` (provinces); `quan`, `huyen`, `thi_xa`,
`thanh_pho_thuoc_tinh` (districts; derived from the name prefix); `phuong`, `xa`, `thi_tran`,
`dac_khu` (communes).

## Provenance

Codes and names are public facts taken from these repositories (exact commits as recorded in the
reference README):

| used for | repository @ commit |
|---|---|
| 2025 list and unit types | `thanglequoc/vietnamese-provinces-database` @ `346f8b19e2eaf902f99fdaf3a3d2f9912fc49f96` |
| 2025 cross-check (CV 915, CV 1027/CTK-CSCL) | `dvhcvn/20250701` @ `dd94887ce32324380bc5bb0a76fe39867dafc73b` |
| legacy list (state on 30 June 2025) | `thanglequoc/vietnamese-provinces-database` @ `e8c5f8000e2bed69e284ba67ae474160bbaea23f` |
| legacy cross-check | `daohoangson/dvhcvn` @ `eaddcea82fc336d59e908989f04178c336a9db10` (tag `v20250301`) |
| old → new mapping | `dvhcvn/20250701` @ `dd94887ce32324380bc5bb0a76fe39867dafc73b` (`mapping/splits.json`, `mapping/merges.json`), checked against NQ 1654–1687/NQ-UBTVQH15 |
| Đồng Nai 2026 | `thanglequoc/vietnamese-provinces-database` @ `6b91bdb725d7fe25f36f7ccb9dd00a913c92d883` |
| Quảng Ninh / Bắc Ninh 2026 | same repository, `patch/v5.1.0/README.md` @ `3c36aa65d7e2…`, `patch/v5.2.0/README.md` @ `adfc8d5cd9b5…` |

Licences: thanglequoc/vietnamese-provinces-database and dvhcvn/20250701 are MIT;
daohoangson/dvhcvn is GPL-3.0 and was used only as a comparison. Only facts (codes, names, which old
commune went where) are used; no code or text from these repositories is included.

Legal basis: QĐ 19/2025/QĐ-TTg (2025 list, from 01/07/2025); the 34 resolutions
1654–1687/NQ-UBTVQH15 (commune reorganisation); for the 2026 versions NQ 30/2026/QH16 and
NQ 237/NQ-UBTVQH16 (Đồng Nai), NQ 36/2026/QH16 (Quảng Ninh); pending: NQ 39/2026/QH16 and
NQ 388/NQ-UBTVQH16 (Bắc Ninh). The 2026 changes are reported by one source only and were not
checked against the legal texts. The legacy code system goes back to QĐ 124/2004/QĐ-TTg (not named
by the sources).

## Corrections relative to the sources

Applied in the reference data before this import (see its README for the evidence):

- 2025 list: `06978 Xã Ba Chẽ` → `06970` (CV 1027; the source later made the same fix). `06978` is
  kept as an input alias.
- 2025 list: `00745 Xã Phó Bảng` → `Xã Phố Bảng` (NQ 1684, CV 1027).
- 2025 list: Xã Ia Mơ is `23938` (CV 1027 prints `23737`, the legacy code of Xã Ia Mơ Nông).
  `23737` is kept as an input alias from 2025-07-01 only; before that it is Ia Mơ Nông.
- Mapping: new codes aligned to the 2025 list, and 25 old communes re-pointed where the LLM-extracted
  source confused same-named communes (table in the reference README).

Applied by this import:

- Dated changes of `units-2025-later-changes.csv` become versions: the old version ends the day
  before `effective_from`, a new one starts on it (Đồng Nai and 10 of its communes on 2026-04-30;
  Quảng Ninh on 2026-09-01). Changes without a date (Bắc Ninh and 12 communes) are listed in
  `changes-pending.csv` and not applied.
- The five legacy districts without communes (318, 471, 498, 536, 755) are added from the reference
  README's table.
- Aliases: only the two documented ones, valid from 2025-07-01.

## Input checksums (SHA-256)

| file | sha256 |
|---|---|
{hashes}
"""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="folder with the four reference CSVs")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    args = ap.parse_args(argv)
    src: Path = args.source
    out: Path = args.out

    inputs = [src / n for n in ("units-legacy.csv", "units-2025.csv",
                                "commune-mapping-2025.csv", "units-2025-later-changes.csv")]
    for p in inputs:
        if not p.is_file():
            print(f"missing input: {p}", file=sys.stderr)
            return 2

    try:
        legacy_units, legacy_communes = build_legacy(read_csv(inputs[0], [
            "province_code", "province_name", "district_code", "district_name", "commune_code", "commune_name"]))
        new_units, new_communes = build_2025(read_csv(inputs[1], [
            "province_code", "province_name", "commune_code", "commune_name", "commune_type"]))
        mapping = build_mapping(read_csv(inputs[2], [
            "old_commune_code", "old_commune_name", "new_commune_code", "new_commune_name", "kind"]),
            legacy_communes, new_communes)
        units, pending = apply_changes(legacy_units + new_units, read_csv(inputs[3], CHANGE_COLUMNS))
        check_no_overlap(units)
        check_aliases(units)
    except DataError as e:
        print(f"import failed, nothing written: {e}", file=sys.stderr)
        return 1

    # Legacy (empty valid_from) sorts before dated versions of the same code.
    units.sort(key=lambda u: (LEVEL_ORDER[u["level"]], u["code"], u["valid_from"] or dt.date.min))
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "units.csv", UNIT_COLUMNS, [[fmt(u[c]) for c in UNIT_COLUMNS] for u in units])
    write_csv(out / "commune-mapping-2025.csv", ["old_code", "new_code", "kind"], mapping)
    write_csv(out / "aliases.csv", ["alias_code", "code", "level", "valid_from", "note"],
              [[a, t, lvl, fmt(vf), note] for a, t, lvl, vf, note in ALIASES])
    write_csv(out / "changes-pending.csv", CHANGE_COLUMNS, [[ch[c] for c in CHANGE_COLUMNS] for ch in pending])

    stats = {
        "units": len(units),
        "provinces": sum(u["level"] == "province" for u in units),
        "districts": sum(u["level"] == "district" for u in units),
        "communes": sum(u["level"] == "commune" for u in units),
        "mapping": len(mapping),
        "aliases": len(ALIASES),
    }
    write_readme(out, src, inputs, stats, len(pending))

    total = 0
    for name in ("units.csv", "commune-mapping-2025.csv", "aliases.csv", "changes-pending.csv", "README.md"):
        size = (out / name).stat().st_size
        total += size
        print(f"{name:28} {size:>9,} bytes")
    print(f"{'total':28} {total:>9,} bytes")
    print(", ".join(f"{k}={v}" for k, v in stats.items()) + f", pending={len(pending)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
