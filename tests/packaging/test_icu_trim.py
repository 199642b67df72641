"""The Linux bundle's smaller ICU data: English and Welsh stay, and Qt keeps working with it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from icu_trim import keep, trim  # noqa: E402

from tests.conftest import require_tools  # noqa: E402


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("en_GB.res", True),
        ("cy.res", True),
        ("coll/cy.res", True),
        ("coll/ucadata.icu", True),  # the root collation every locale falls back to
        ("zone/en_GB.res", True),
        ("res_index.res", True),
        ("supplementalData.res", True),
        ("nfkc.nrm", True),
        ("brkitr/cjdict.dict", True),  # the root break rules refer to it
        ("ibm-5348_P100-1997.cnv", True),  # windows-1252
        ("de.res", False),
        ("coll/de__PHONEBOOK.res", False),
        ("zone/ja.res", False),
        ("gb18030.cnv", False),
        ("translit/el.res", False),
    ],
)
def test_what_stays_in_the_icu_data(item: str, kept: bool) -> None:
    assert keep(item) is kept


def test_qt_works_with_the_smaller_icu_data(tmp_path: Path) -> None:
    """Collation, Welsh dates, case mapping and time zones are as before; only far-off data is gone."""
    import PySide6

    library = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"), None)
    if library is None:
        pytest.skip("needs PySide6's bundled ICU, which it has on Linux only")
    require_tools("icupkg", "readelf", "gcc", package="icu-devtools binutils gcc")
    trimmed = trim(library, tmp_path / library.name)
    assert trimmed is not None
    assert trimmed.stat().st_size < library.stat().st_size / 3
    code = (
        "import functools\n"
        "from PySide6.QtCore import QCollator, QDate, QLocale, QStringDecoder, QTimeZone\n"
        "collator = QCollator(QLocale('en_GB'))\n"
        "print(sorted(['zebra', 'Éclair', 'apple', 'Banana'], key=functools.cmp_to_key(collator.compare)))\n"
        "print(QLocale('cy_GB').toString(QDate(2026, 3, 1), QLocale.FormatType.LongFormat))\n"
        "print(QLocale('tr_TR').toUpper('istanbul'))\n"
        "print(QTimeZone(b'Europe/London').isValid())\n"
        "print(QStringDecoder('windows-1252').isValid(), QStringDecoder('Shift_JIS').isValid())\n"
    )
    env = dict(os.environ, LD_PRELOAD=str(trimmed))  # Qt's ICU then loads the trimmed data
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [
        "['apple', 'Banana', 'Éclair', 'zebra']",
        "Dydd Sul, 1 Mawrth 2026",
        "İSTANBUL",
        "True",
        "True False",  # Western character sets stay; Japanese ones are the kind of data left out
    ]
