"""The clerk's members list: who is expected to send views, who has, when, and what they sent.

The clerk keeps a roster of the panel's members by name (members make their own review files,
so their ids are not known in advance). A received pack matches a roster entry by the member id
recorded on it, else by name with titles, case and punctuation ignored ("Cllr Ann Jones" is
"ann jones"). A pack from someone not on the list is still shown, marked as not expected. Views
the clerk entered for a member (received on paper or by email) count as theirs.
"""

from __future__ import annotations

import uuid

from panelreview.core.clerk import MemberStatus, name_key
from panelreview.core.review import Change, InvalidValue, require_text
from panelreview.storage.on_behalf import OnBehalfOps


class RosterOps(OnBehalfOps):
    def expected_members(self) -> list[dict[str, object]]:
        """The roster: ``id``, ``name``, ``council``, ``member_id`` (if matched by hand), oldest first."""
        return self._rows(
            "SELECT id, name, council, member_id FROM roster WHERE deleted = 0 ORDER BY created"
        )

    def add_expected_member(
        self, name: str, *, council: str | None = None, member_id: str | None = None
    ) -> Change:
        """Put a member on the list of those the clerk expects views from. ``change.item_id`` is the entry."""
        require_text(name, "member's name")
        key = name_key(name)
        for row in self.expected_members():
            if name_key(str(row["name"])) == key:
                raise InvalidValue(f"{row['name']} is already on the members list.")
        new_id = str(uuid.uuid4())
        row = {"name": name.strip(), "council": council, "member_id": member_id}
        return self._commit("Add member to the list", new_id, [("roster", new_id, row)])

    def remove_expected_member(self, roster_id: str) -> Change:
        row = self._row("roster", roster_id)
        if row is None or row["deleted"]:
            raise InvalidValue("That member is not on the members list.")
        return self._commit("Remove member from the list", roster_id, [("roster", roster_id, None)])

    def match_expected_member(self, roster_id: str, member_id: str | None) -> Change:
        """Say that a received pack's member is this roster entry (when their names differ)."""
        row = self._row("roster", roster_id)
        if row is None or row["deleted"]:
            raise InvalidValue("That member is not on the members list.")
        return self._commit(
            "Match member", roster_id, [("roster", roster_id, {**row, "member_id": member_id})]
        )

    def expected_count(self) -> int:
        return len(self.expected_members())

    def members_status(self) -> list[MemberStatus]:
        """The members list: everyone expected (received or not yet), then anyone else who sent views.

        Each line is one person (see :meth:`people`): a member's pack and the views the clerk
        entered for them are counted together.
        """
        people = self.people()
        latest: dict[str, tuple[str, str]] = {}  # person -> (imported at, pack made at)
        for record in self.imports():
            for pack in record.packs:
                if pack.already_imported:
                    continue
                person = people.get(pack.member_id, pack.member_id)
                seen = latest.get(person)
                if seen is None or (record.at, pack.created) > seen:
                    latest[person] = (record.at, pack.created)
        counts, entered = self._counts(people)
        received = set(latest) | {p for p, (n, _at) in entered.items() if n}
        names = {p: self.member(p).name for p in received}
        unmatched = dict(names)
        lines: list[MemberStatus] = []
        for entry in self.expected_members():
            member_id = entry["member_id"]
            if member_id is not None:
                member_id = people.get(str(member_id), str(member_id))
            else:
                key = name_key(str(entry["name"]))
                member_id = next((m for m, n in unmatched.items() if name_key(n) == key), None)
            if member_id is not None:
                unmatched.pop(str(member_id), None)
            lines.append(self._status(str(entry["name"]), entry, member_id, latest, counts, entered))
        for member_id, name in sorted(unmatched.items(), key=lambda kv: kv[1].lower()):
            lines.append(self._status(name, None, member_id, latest, counts, entered))
        return lines

    def _status(
        self,
        name: str,
        entry: dict[str, object] | None,
        member_id: object,
        latest: dict[str, tuple[str, str]],
        counts: dict[str, dict[str, int]],
        entered: dict[str, tuple[int, str]],
    ) -> MemberStatus:
        mid = None if member_id is None else str(member_id)
        when = latest.get(mid) if mid is not None else None
        by_clerk, last_entered = entered.get(mid or "", (0, ""))
        council = entry["council"] if entry is not None else (self.member(mid).council if mid else None)
        c = counts.get(mid or "", {})
        return MemberStatus(
            name=name,
            council=None if council is None else str(council),
            member_id=mid,
            roster_id=None if entry is None else str(entry["id"]),
            received=when is not None or by_clerk > 0,
            received_at=when[0] if when else (last_entered or None),
            pack_created=when[1] if when else None,
            notes=sum(v for k, v in c.items() if k not in ("recommendations", "replies")),
            questions=c.get("question", 0),
            concerns=c.get("concern", 0),
            recommendations=c.get("recommendations", 0),
            replies=c.get("replies", 0),
            entered=by_clerk,
        )

    def _counts(self, people: dict[str, str]) -> tuple[dict[str, dict[str, int]], dict[str, tuple[int, str]]]:
        """Live items by person and kind; and by person, how many the clerk entered and when last."""
        found: dict[str, dict[str, int]] = {}
        stand_ins = self.entered_by_clerk()
        entered: dict[str, tuple[int, str]] = {}
        for sql in (
            "SELECT author_id, kind, count(*) AS n, max(created) AS last FROM annotations"
            " WHERE deleted = 0 GROUP BY author_id, kind",
            "SELECT author_id, 'recommendations' AS kind, count(*) AS n, max(created) AS last"
            " FROM recommendations WHERE deleted = 0 GROUP BY author_id",
            "SELECT author_id, 'replies' AS kind, count(*) AS n, max(created) AS last FROM replies"
            " WHERE deleted = 0 GROUP BY author_id",
        ):
            for row in self._rows(sql):
                author = str(row["author_id"])
                person = people.get(author, author)
                kinds = found.setdefault(person, {})
                kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["n"]
                if author in stand_ins and row["kind"] != "replies":
                    n, last = entered.get(person, (0, ""))
                    entered[person] = (n + row["n"], max(last, str(row["last"])))
        return found, entered
