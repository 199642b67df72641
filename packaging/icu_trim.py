"""Make a smaller ICU data library for the Linux bundle: English and Welsh locale data only.

    python packaging/icu_trim.py LIBICUDATA_SO OUTPUT_SO     (the spec calls trim() for the Linux build)

PySide6's Linux wheels ship Qt built with ICU, whose data library (``libicudata.so.NN``, 31 MB) holds
the locale data of every language and about 200 legacy character sets. Qt uses ICU for collation,
time-zone names and legacy character sets; PanelReview's text is English or Welsh, and its files are
UTF-8 or read by Python's own codecs. This keeps, per ICU's own packaging tool (``icupkg``):

* everything that is not per-locale (Unicode properties, normalisation, collation root, time zones,
  break rules and the word-break dictionaries the root break rules need), in full;
* the per-locale data of :data:`KEEP_LOCALES` (root, English, Welsh);
* the converters of :data:`KEEP_CONVERTERS` (the Windows and ISO Western European sets);

and drops the rest. The data goes back into a shared library with the same name and the same one
exported symbol (``icudtNN_dat``), so Qt's ICU libraries load it unchanged. Needs ``icupkg``
(Debian: icu-devtools), ``readelf`` and ``gcc``; :func:`trim` returns None when one is missing, and
the build then keeps the full library. Standard library only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = {"root", "en", "en_001", "en_150", "en_GB", "cy", "cy_GB"}
KEEP_CONVERTERS = {
    "ibm-5346_P100-1998.cnv",
    "ibm-5347_P100-1998.cnv",
    "ibm-5348_P100-1997.cnv",
    "ibm-5349_P100-1998.cnv",
    "ibm-5350_P100-1998.cnv",
    "ibm-5351_P100-1998.cnv",
    "ibm-5352_P100-1998.cnv",
    "ibm-5353_P100-1998.cnv",
    "ibm-5354_P100-1998.cnv",
    "iso-8859_10-1998.cnv",
    "iso-8859_14-1998.cnv",
    "ibm-912_P100-1995.cnv",
    "ibm-913_P100-2000.cnv",
    "ibm-914_P100-1995.cnv",
    "ibm-923_P100-1998.cnv",
}
NOT_LOCALES = {"root", "pool", "res_index"}
LOCALE_ID = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]*)*")  # also "de_" and "de__PHONEBOOK" (collation variants)


def keep(item: str) -> bool:
    """Whether an item of the ICU data package (e.g. ``coll/de.res``) stays."""
    folder, _, name = item.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    if suffix == "cnv":
        return name in KEEP_CONVERTERS
    if suffix == "res" and stem not in NOT_LOCALES and LOCALE_ID.fullmatch(stem):
        return stem in KEEP_LOCALES
    return folder != "translit" or stem in KEEP_LOCALES


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The exported ``icudtNN_dat`` symbol: its name, file offset and size."""
    symbols = subprocess.run(
        ["readelf", "-sW", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(
        r"^\s*\d+:\s+([0-9a-f]+)\s+(\S+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+(icudt\d+_dat)$", symbols, re.M
    )
    if match is None:
        raise ValueError(f"{library} exports no icudtNN_dat symbol")
    address, size, section = int(match[1], 16), int(match[2], 0), int(match[3])
    sections = subprocess.run(
        ["readelf", "-SW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    header = re.search(rf"^\s*\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections, re.M)
    if header is None:
        raise ValueError(f"{library}: section {section} not found")
    return match[4], address - int(header[1], 16) + int(header[2], 16), size


def trim(library: Path, output: Path) -> Path | None:
    """Write the trimmed library to ``output``; None (and a message) when the tools are missing."""
    missing = [tool for tool in ("icupkg", "readelf", "gcc") if shutil.which(tool) is None]
    if missing:
        print(f"icu_trim: {', '.join(missing)} not found: keeping the full ICU data", file=sys.stderr)
        return None
    symbol, offset, size = _data_symbol(library)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        # icupkg names a package after its file: icudt73l.dat for ICU 73, little-endian.
        package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b") + ".dat"
        full, kept = work / "in" / package, work / "out" / package
        full.parent.mkdir()
        kept.parent.mkdir()
        with open(library, "rb") as handle:
            handle.seek(offset)
            full.write_bytes(handle.read(size))
        items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True, check=True)
        drop = [item for item in items.stdout.split() if not keep(item)]
        (work / "drop.txt").write_text("\n".join(drop) + "\n", encoding="ascii")
        subprocess.run(
            ["icupkg", "-r", str(work / "drop.txt"), str(full), str(kept)], check=True, capture_output=True
        )
        (work / "data.S").write_text(
            f".section .rodata\n.balign 16\n.globl {symbol}\n.type {symbol}, @object\n{symbol}:\n"
            f'.incbin "{kept}"\n.size {symbol}, . - {symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "gcc",
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{library.name}",
                "-o",
                str(output),
                str(work / "data.S"),
            ],
            check=True,
        )
        print(
            f"icu_trim: kept {len(items.stdout.split()) - len(drop)} of {len(items.stdout.split())} ICU "
            f"data items; {size / 1e6:.1f} MB -> {output.stat().st_size / 1e6:.1f} MB",
            file=sys.stderr,
        )
    return output


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.splitlines()[2].strip())
    sys.exit(0 if trim(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
