"""SQLAlchemy model for fact corrections: what a person said the plan states, and why.

Append-only, like the tender log: a later correction of the same fact supersedes an earlier
one. The corrected assessment is computed from the checker's own (`AssessmentRecord.checked_data`)
and every correction of the record, in order, so it can always be explained.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from crp_checker.store.models import AssessmentRecord, Base, JSONDocument, User, utcnow


class FactCorrection(Base):
    """One corrected fact of one stored assessment: path, value, evidence, reason, who, when.

    `supplier_statement` marks a supplier's correction of its own plan, which an evaluator
    sees as the supplier's statement, not the council's reading. `question_rule` is set when
    the correction answered a needs_review question of that rule.
    """

    __tablename__ = "fact_corrections"
    __table_args__ = (CheckConstraint("length(trim(reason)) > 0", name="reason_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    fact: Mapped[str] = mapped_column(String(64))
    # A JSON document holding {"value": ...}: a bare JSON null or number is not portable.
    value: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    page: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    supplier_statement: Mapped[bool] = mapped_column(default=False)
    question_rule: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    assessment: Mapped[AssessmentRecord] = relationship()
    user: Mapped[User | None] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"FactCorrection(assessment_id={self.assessment_id!r}, fact={self.fact!r})"


def _refuse_change(mapper: Mapper[Any], connection: Any, target: Base) -> None:
    raise ValueError("fact corrections are append-only: record a new one instead")


event.listen(FactCorrection, "before_update", _refuse_change)
event.listen(FactCorrection, "before_delete", _refuse_change)
