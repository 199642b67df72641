"""What changed in a section between two versions of a draft, word by word (as Word's Compare shows).

A comparison is a sequence of runs: text the two versions share, text only the new one has
(**added**), text only the old one had (**removed**), and text the new one says differently
(**reworded**: a removed run and the added run that replaced it). It is worked out on words, so a
reflowed line or a paragraph split differently by a PDF and a Word reading of the same draft is not a
change; each word keeps whether it starts a paragraph, so the runs can be shown with the draft's
paragraphs.

Words are compared after the normalisation a reader cannot see: Unicode compatibility forms
(ligatures such as "ﬁ"), typographic quotes and dashes, non-breaking and zero-width spaces, soft
hyphens. A change of case or of punctuation is still a change. The words shown are always the
draft's own.

Qt-free; used by ``panelreview changes`` and by the window's section comparison.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from panelreview.core.model import Block, Document, Section

RunKind = Literal["same", "added", "removed", "reworded"]

#: An unchanged stretch this short between two changes is folded into one reworded run, so a
#: rewritten sentence reads as one change rather than a scatter of single words ("the", "of").
SHORT_COMMON_RUN = 2

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None})
_WORD = re.compile(r"\S+")
# After punctuation ("district.1") or a lower-case word ("plan2"); never "A14" or "M25".
_FOOTNOTE_MARK = re.compile(r"([a-z\u00df-\u024f]{3}[.,;:)]?|[A-Za-z\u00c0-\u024f][.,;:)])\d{1,2}$")


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a draft as written, and whether it begins a paragraph."""

    text: str
    starts_paragraph: bool = False

    @property
    def key(self) -> str:
        return normalise(self.text)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of the comparison. ``old`` is empty for added text, ``new`` for removed text."""

    kind: RunKind
    old: tuple[Word, ...]
    new: tuple[Word, ...]

    @property
    def old_text(self) -> str:
        return join_words(self.old)

    @property
    def new_text(self) -> str:
        return join_words(self.new)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The runs of one comparison, in the new version's order."""

    runs: tuple[Run, ...]

    @property
    def changed(self) -> bool:
        return any(run.kind != "same" for run in self.runs)

    def count(self, kind: RunKind) -> int:
        return sum(1 for run in self.runs if run.kind == kind)

    @property
    def similarity(self) -> float:
        """Share of words the versions have in common (1.0 when identical, 0.0 when nothing is)."""
        same = sum(len(run.new) for run in self.runs if run.kind == "same")
        total = sum(len(run.old) + len(run.new) for run in self.runs)
        return 1.0 if total == 0 else 2 * same / total

    def summary(self) -> str:
        """In words: "2 passages reworded, 1 added, 1 removed", or "No changes"."""
        if not self.changed:
            return "No changes"
        parts: list[str] = []
        for kind, noun in (("reworded", "reworded"), ("added", "added"), ("removed", "removed")):
            n = self.count(kind)  # type: ignore[arg-type]
            if n:
                parts.append(f"{n} {noun}" if parts else f"{n} {'passage' if n == 1 else 'passages'} {noun}")
        return ", ".join(parts)

    def plain_text(self) -> str:
        """The comparison as plain text: ``[-removed-]``, ``{+added+}``, reworded as both.

        Paragraphs are separated by a blank line, as in the draft.
        """
        out: list[str] = []
        for run in self.runs:
            if run.kind == "same":
                out.append(_with_breaks(run.new))
            elif run.kind == "added":
                out.append(_mark("{+", run.new, "+}"))
            elif run.kind == "removed":
                out.append(_mark("[-", run.old, "-]"))
            else:
                out.append(_mark("[-", run.old, "-]") + _mark("{+", run.new, "+}").lstrip())
        return "".join(out).strip()


def normalise(text: str) -> str:
    """What a word is compared as: its compatibility form with typographic marks made plain.

    A footnote mark a PDF reading glues to a word ("district.1", "plan²") is not compared: a Word
    reading of the same draft keeps it apart, and a renumbered footnote is not a change of wording.
    """
    plain = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _FOOTNOTE_MARK.sub(r"\1", plain)


def words_of(paragraphs: Iterable[str]) -> list[Word]:
    """The words of some paragraphs, each marked where a paragraph begins."""
    words: list[Word] = []
    for paragraph in paragraphs:
        for i, match in enumerate(_WORD.finditer(paragraph.translate(_INVISIBLE))):
            words.append(Word(match.group(), starts_paragraph=i == 0))
    return words


def join_words(words: Sequence[Word]) -> str:
    """Words back into text, paragraphs separated by a blank line."""
    return _with_breaks(words).strip()


def _with_breaks(words: Sequence[Word]) -> str:
    return "".join(("\n\n" if w.starts_paragraph else " ") + w.text for w in words)


def _mark(opening: str, words: Sequence[Word], closing: str) -> str:
    text = _with_breaks(words)
    lead = text[: len(text) - len(text.lstrip())]
    return f"{lead}{opening}{text.strip()}{closing}"


def compare_words(old: Sequence[Word], new: Sequence[Word]) -> Comparison:
    """Compare two word sequences (see the module's description)."""
    matcher = difflib.SequenceMatcher(None, [w.key for w in old], [w.key for w in new], autojunk=False)
    raw: list[Run] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kind: RunKind = {"equal": "same", "insert": "added", "delete": "removed"}.get(tag, "reworded")  # type: ignore[assignment]
        raw.append(Run(kind, tuple(old[i1:i2]), tuple(new[j1:j2])))
    runs = [part for run in _fold_short_common_runs(raw) for part in _by_paragraph(run)]
    return Comparison(tuple(runs))


def compare_texts(old_paragraphs: Iterable[str], new_paragraphs: Iterable[str]) -> Comparison:
    """Compare two passages given as their paragraphs."""
    return compare_words(words_of(old_paragraphs), words_of(new_paragraphs))


def section_paragraphs(document: Document, section: Section, *, own_only: bool = False) -> list[str]:
    """The texts of a section's blocks, from its heading on.

    With ``own_only`` the section stops where its first subsection begins.
    """
    last = section.last_block
    if own_only:
        for other in document.sections:
            if other.parent == section.id:
                last = min(last, other.first_block - 1)
                break
    return [_shown_text(b) for b in document.blocks if section.first_block <= b.index <= last]


def _shown_text(block: Block) -> str:
    """A block's text as the reader sees it: Word's automatic number ("2.3") is part of it, as in a PDF."""
    if block.number and not block.text.startswith(block.number):
        return f"{block.number} {block.text}"
    return block.text


def compare_sections(
    old_document: Document,
    old_section: Section | None,
    new_document: Document,
    new_section: Section | None,
    *,
    own_only: bool = False,
) -> Comparison:
    """Compare a section in two versions; a missing side makes it all added or all removed."""
    old = section_paragraphs(old_document, old_section, own_only=own_only) if old_section else []
    new = section_paragraphs(new_document, new_section, own_only=own_only) if new_section else []
    return compare_texts(old, new)


def _fold_short_common_runs(runs: list[Run]) -> list[Run]:
    """Merge "change, short same run, change" into one reworded run (see SHORT_COMMON_RUN)."""
    folded: list[Run] = []
    for j, run in enumerate(runs):
        between_changes = 0 < j < len(runs) - 1 and runs[j - 1].kind != "same" and runs[j + 1].kind != "same"
        if run.kind == "same" and between_changes and len(run.new) <= SHORT_COMMON_RUN:
            folded[-1] = _join(folded[-1], run)
        elif folded and folded[-1].kind != "same" and run.kind != "same":
            folded[-1] = _join(folded[-1], run)  # the change after a folded short run
        else:
            folded.append(run)
    return folded


def _by_paragraph(run: Run) -> list[Run]:
    """A reworded run that spans more paragraphs on one side is split: the paragraphs the two sides
    share a place in are reworded, whole paragraphs beyond them were removed or added."""
    if run.kind != "reworded":
        return [run]
    old, new = _paragraphs(run.old), _paragraphs(run.new)
    if len(old) == len(new):
        return [run]
    paired = min(len(old), len(new))
    parts = [Run("reworded", o, n) for o, n in zip(old[:paired], new[:paired], strict=True)]
    parts += [Run("removed", o, ()) for o in old[paired:]]
    parts += [Run("added", (), n) for n in new[paired:]]
    return parts


def _paragraphs(words: tuple[Word, ...]) -> list[tuple[Word, ...]]:
    starts = [0] + [i for i, word in enumerate(words) if i and word.starts_paragraph]
    return [words[a:b] for a, b in zip(starts, [*starts[1:], len(words)], strict=True)]


def _join(a: Run, b: Run) -> Run:
    old, new = a.old + b.old, a.new + b.new
    kind: RunKind = "reworded" if old and new else ("added" if new else "removed")
    return Run(kind, old, new)
