"""The review pack: one member's shared items in one file, checked before anything is imported.

A pack is a ZIP archive (so a curious clerk or an IT officer can look inside):

``mimetype``
    ``application/x-panelreview-pack``, stored first and uncompressed (as in OpenDocument files),
    so even a pack cut short in copying is recognised as a damaged pack rather than a stranger.
``README.txt``
    What the pack holds, in plain words. Not read back.
``manifest.json``
    Format name and version, the pack's id and time, the member, the draft's identity (SHA-256 of
    its bytes), the draft's sections, counts, and the SHA-256 and size of the entries below.
``items.json``
    The rows: ``{"members": [...], "annotations": [...], "replies": [...], "recommendations":
    [...], "recommendation_links": [...]}``, each row a JSON object of the review file's columns.
``draft.bin``
    The draft's bytes, unless the member said the clerk already has it.
``checklist.json``
    The member's views of the statutory checklist's items (``{"checklist_decisions": [...]}``),
    when there are any. It is an entry of its own so that a PanelReview that predates the
    checklist still reads the rest of the pack (it reads only the entries it knows).

The archive's comment, the last bytes of the file, is ``sha256:<hex>``: the SHA-256 of every byte
of the file before the hex digits. Every pack format keeps this trailer and the manifest's
``format_version``, so a newer pack is told apart from a damaged one. Any change (a pack cut
short in copying, a flipped byte, an edited item) is detected before anything is imported, and
the manifest's checksum of each entry is checked again as it is read. This detects damage, not a
forger who recomputes the checksum: packs are carried by hand, not signed. (Forged rows still
cannot touch the clerk's own items or another member's: see :mod:`panelreview.storage.combine`.)

Private notes never go into a pack: the member side (:mod:`panelreview.storage.share`) selects
what travels. An item that was shared and later made private or deleted travels as a *stub*
(id, author, times, ``deleted = 1``, its parent's id), never with its text.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from panelreview import __version__
from panelreview.storage.atomic import atomic_write
from panelreview.storage.errors import DamagedPack, NewerPack, NotAPack, PackError

PACK_FORMAT = "panelreview-pack"
PACK_VERSION = 1
PACK_SUFFIX = ".pcpack"
MIMETYPE = b"application/x-panelreview-pack"
_TRAILER = b"sha256:"
_HEX = 64

_ANCHOR = ("section_id", "heading_path", "quote", "prefix", "suffix", "char_start", "char_end",
           "page_index", "page_label", "rects", "block_index")  # fmt: skip
_TRAVEL = ("created", "updated", "deleted")

#: The columns of every row a pack carries, by table (pack format 1). Each equals the review
#: file's table (a test checks), so a row is stored exactly as it travelled.
PACK_COLUMNS: dict[str, tuple[str, ...]] = {
    "members": ("id", "name", "role", "council", *_TRAVEL),
    "annotations": ("id", "author_id", "draft_id", "kind", "body", "colour", "tags", "visibility",
                    *_ANCHOR, *_TRAVEL),
    "replies": ("id", "annotation_id", "author_id", "body", *_TRAVEL),
    "recommendations": ("id", "author_id", "draft_id", "wording", "rationale", "theme", "priority",
                        "visibility", "supporters", "panel_status", "response_status", "response_text",
                        "response_date", *_ANCHOR, *_TRAVEL, "position", "number", "decided_on"),
    "recommendation_links": ("id", "recommendation_id", "annotation_id", "draft_id", "section_id",
                             "author_id", *_TRAVEL, "source_recommendation_id", "role"),
}  # fmt: skip
PACK_TABLES = tuple(PACK_COLUMNS)
#: Tables carried in entries of their own (see the module's notes), by entry.
EXTRA_ENTRY = "checklist.json"
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    "checklist_decisions": ("id", "author_id", "draft_id", "item_id", "decision", "section_ids", "note",
                            "visibility", "recommendation_id", *_TRAVEL),
}  # fmt: skip
ALL_COLUMNS = {**PACK_COLUMNS, **EXTRA_COLUMNS}
ALL_TABLES = tuple(ALL_COLUMNS)
_INTEGER = {"section_id", "char_start", "char_end", "page_index", "block_index", "deleted", "position"}
#: Columns a stub must still carry: who, when, and the parent it hangs from.
_REQUIRED = {
    "members": ("id", "name", "role", *_TRAVEL),
    "annotations": ("id", "author_id", *_TRAVEL),
    "replies": ("id", "annotation_id", "author_id", *_TRAVEL),
    "recommendations": ("id", "author_id", *_TRAVEL),
    "recommendation_links": ("id", "recommendation_id", "author_id", *_TRAVEL),
    "checklist_decisions": ("id", "author_id", *_TRAVEL),
}
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_MAX_ITEMS = 256 * 1024 * 1024
_MAX_DRAFT = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Pack:
    """A pack read from disk and checked: every row well formed, every checksum right."""

    file_name: str
    sha256: str  # of the whole file
    pack_id: str
    created: str
    app_version: str
    review_id: str
    member: Mapping[str, Any]  # id, name, role, council
    draft: Mapping[str, Any]  # id, file_name, title, format, page_count, size, included
    sections: tuple[tuple[int, str | None, str], ...]
    rows: Mapping[str, Sequence[Mapping[str, Any]]]
    draft_data: bytes | None
    panel: Mapping[str, str] = field(default_factory=dict)  # the member's panel settings (PANEL_SETTINGS)

    @property
    def member_name(self) -> str:
        return str(self.member["name"])


def write_pack(
    path: Path,
    *,
    manifest: Mapping[str, Any],
    rows: Mapping[str, Sequence[Mapping[str, Any]]],
    draft_data: bytes | None,
    readme: str,
) -> int:
    """Write a pack atomically; returns its size in bytes."""
    items = json.dumps({t: list(rows.get(t, ())) for t in PACK_TABLES}, ensure_ascii=False).encode()
    files = {"README.txt": _entry(readme.encode()), "items.json": _entry(items)}
    if draft_data is not None:
        files["draft.bin"] = _entry(draft_data)
    extra = None
    if any(rows.get(t) for t in EXTRA_COLUMNS):
        extra = json.dumps({t: list(rows.get(t, ())) for t in EXTRA_COLUMNS}, ensure_ascii=False).encode()
        files[EXTRA_ENTRY] = _entry(extra)
    full = {"format": PACK_FORMAT, "format_version": PACK_VERSION, "app_version": __version__}
    full |= {**manifest, "files": files}
    manifest_bytes = json.dumps(full, ensure_ascii=False, indent=1).encode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        mimetype = zipfile.ZipInfo("mimetype", (2020, 1, 1, 0, 0, 0))
        archive.writestr(mimetype, MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("README.txt", readme)
        archive.writestr("manifest.json", manifest_bytes)
        archive.writestr("items.json", items)
        if draft_data is not None:
            archive.writestr("draft.bin", draft_data)
        if extra is not None:
            archive.writestr(EXTRA_ENTRY, extra)
        archive.comment = _TRAILER + b"0" * _HEX
    body = buffer.getvalue()[:-_HEX]
    packed = body + hashlib.sha256(body).hexdigest().encode("ascii")

    def write(handle: IO[bytes]) -> None:
        handle.write(packed)

    atomic_write(path, write, "The review pack")
    return len(packed)


def _entry(data: bytes) -> dict[str, object]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def read_pack(path: Path) -> Pack:
    """Read and check a pack; :class:`NotAPack`, :class:`DamagedPack` or :class:`NewerPack` if not right."""
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotAPack(f"There is no file “{path}”. It may have been moved or renamed.") from None
    except IsADirectoryError:
        raise NotAPack(f"“{name}” is a folder, not a review pack.") from None
    except OSError as exc:
        raise NotAPack(f"“{name}” could not be read ({exc.strerror or exc}).") from None
    trailer = data[-(_HEX + len(_TRAILER)) : -_HEX]
    if MIMETYPE not in data[:120] and trailer != _TRAILER:
        raise NotAPack(
            f"“{name}” is not a PanelReview review pack. Members make packs with “Send to clerk” "
            "(or `panelreview share`)."
        )
    damaged = (
        f"“{name}” is damaged (it may have been cut short or changed while it was copied or emailed). "
        "Nothing was imported. Ask the member to send it again."
    )
    intact = trailer == _TRAILER and data[-_HEX:] == hashlib.sha256(data[:-_HEX]).hexdigest().encode()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(_read(archive, "manifest.json", 16 * 1024 * 1024))
            version = manifest.get("format_version") if isinstance(manifest, dict) else None
            if intact and isinstance(version, int) and version > PACK_VERSION:
                raise NewerPack(
                    f"“{name}” was made by a newer version of PanelReview (pack format {version}; this "
                    f"copy reads up to {PACK_VERSION}). Update PanelReview to import it. Nothing was "
                    "imported."
                )
            if not intact or manifest.get("format") != PACK_FORMAT or not isinstance(version, int):
                raise DamagedPack(damaged)
            files = manifest.get("files")
            if not isinstance(files, dict) or "items.json" not in files:
                raise DamagedPack(damaged)
            contents: dict[str, bytes] = {}
            for entry, limit in (
                ("items.json", _MAX_ITEMS),
                ("draft.bin", _MAX_DRAFT),
                (EXTRA_ENTRY, _MAX_ITEMS),
            ):
                if entry in files:
                    contents[entry] = _checked(archive, entry, files[entry], limit)
    except PackError:
        raise
    except Exception:  # a damaged archive fails in many ways (zipfile, zlib, json): all are damage
        raise DamagedPack(damaged) from None
    try:
        return _build(name, data, manifest, contents)
    except Exception:
        raise DamagedPack(damaged) from None


def _read(archive: zipfile.ZipFile, entry: str, limit: int) -> bytes:
    info = archive.getinfo(entry)
    if info.file_size > limit:
        raise ValueError(entry)
    return archive.read(info)


def _checked(archive: zipfile.ZipFile, entry: str, expected: object, limit: int) -> bytes:
    if not isinstance(expected, dict) or not _SHA.match(str(expected.get("sha256"))):
        raise ValueError(entry)
    content = _read(archive, entry, limit)
    if len(content) != expected.get("size") or hashlib.sha256(content).hexdigest() != expected["sha256"]:
        raise ValueError(entry)
    return content


def _build(name: str, data: bytes, manifest: dict[str, Any], contents: dict[str, bytes]) -> Pack:
    member = manifest["member"]
    draft = manifest["draft"]
    if not (_UUID.match(str(member["id"])) and isinstance(member["name"], str) and member["name"].strip()):
        raise ValueError("member")
    if not _SHA.match(str(draft["id"])):
        raise ValueError("draft")
    draft_data = contents.get("draft.bin")
    if draft_data is not None and hashlib.sha256(draft_data).hexdigest() != draft["id"]:
        raise ValueError("draft bytes")
    if not (_UUID.match(str(manifest["pack_id"])) and _TIME.match(str(manifest["created"]))):
        raise ValueError("pack")
    sections = tuple(
        (int(s[0]), None if s[1] is None else str(s[1]), str(s[2])) for s in manifest["sections"]
    )
    raw = json.loads(contents["items.json"])
    if not isinstance(raw, dict) or set(raw) - set(PACK_TABLES):
        raise ValueError("items")
    rows = {t: [_checked_row(t, r) for r in raw.get(t, [])] for t in PACK_TABLES}
    extra = json.loads(contents[EXTRA_ENTRY]) if EXTRA_ENTRY in contents else {}
    if not isinstance(extra, dict) or set(extra) - set(EXTRA_COLUMNS):
        raise ValueError("extra")
    rows |= {t: [_checked_row(t, r) for r in extra.get(t, [])] for t in EXTRA_COLUMNS}
    return Pack(
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        pack_id=str(manifest["pack_id"]),
        created=str(manifest["created"]),
        app_version=str(manifest.get("app_version", "")),
        review_id=str(manifest.get("review_id", "")),
        member={k: member.get(k) for k in ("id", "name", "role", "council")},
        draft={
            k: draft.get(k) for k in ("id", "file_name", "title", "format", "page_count", "size", "included")
        },
        sections=sections,
        rows=rows,
        draft_data=draft_data,
        panel=_panel(manifest.get("panel")),
    )


#: The settings a pack carries about the panel (packs from before they did carry none).
PANEL_SETTINGS = ("panel_name", "plan_title", "commissioner_title", "panel_title")


def _panel(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {
        k: " ".join(v.split())[:300]
        for k in PANEL_SETTINGS
        if isinstance(v := value.get(k), str) and v.strip()
    }


def _checked_row(table: str, row: object) -> dict[str, Any]:
    """A row exactly as the review file would hold it; ValueError if anything is out of place."""
    if not isinstance(row, dict) or set(row) - set(ALL_COLUMNS[table]):
        raise ValueError(table)
    for column in _REQUIRED[table]:
        if row.get(column) is None:
            raise ValueError(column)
    for column, value in row.items():
        if value is None:
            continue
        if column in _INTEGER:
            if type(value) is not int:
                raise ValueError(column)
        elif not isinstance(value, str):
            raise ValueError(column)
    if row["deleted"] not in (0, 1) or not (_TIME.match(row["created"]) and _TIME.match(row["updated"])):
        raise ValueError("times")
    for column in ("id", "author_id", "annotation_id", "recommendation_id", "source_recommendation_id"):
        value = row.get(column)
        if value is not None and not _UUID.match(value):
            raise ValueError(column)
    return row
