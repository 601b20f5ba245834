"""SQLAlchemy models: organisations, users, stored files, assessments, API tokens and
password reset links.

Assessments keep the full Assessment JSON as it was made, plus the few columns the web app
filters and sorts on; a stored verdict can always be explained by the rulebook that made it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from crp_checker.schemas import Assessment, Verdict

if TYPE_CHECKING:
    from crp_checker.store.correction_models import FactCorrection

# Named constraints, so migrations and both backends agree on every name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC (the only kind stored)."""
    return dt.datetime.now(dt.UTC)


def new_public_id() -> str:
    """A random identifier for URLs: nothing to guess or count from it."""
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no offset, so we store UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


# JSONB on PostgreSQL, so the climate team's queries can reach into facts later.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")


def _string_enum(enum: type[StrEnum], name: str) -> Enum:
    """A VARCHAR + CHECK enum storing the values ("supplier"), portable across backends."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Role(StrEnum):
    SUPPLIER = "supplier"
    EVALUATOR = "evaluator"
    CLIMATE = "climate"
    ADMIN = "admin"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


class Organisation(Base):
    """A supplier company; its users share its assessments."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    companies_house_number: Mapped[str | None] = mapped_column(String(8), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"Organisation(id={self.id!r}, name={self.name!r})"


class User(Base):
    """An account; `email` is stored lower-cased, so uniqueness ignores case."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role <> 'supplier' OR organisation_id IS NOT NULL", name="supplier_has_organisation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(_string_enum(Role, "role"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None]
    # Goes up when the password changes or the account is disabled: sessions signed with an
    # older number are no longer valid.
    session_version: Mapped[int] = mapped_column(default=1)
    failed_login_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    # Set when an administrator gives a temporary password: pages ask for a new one first.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    @property
    def sees_all(self) -> bool:
        """Evaluators, the climate team and admins see every organisation's assessments."""
        return self.role is not Role.SUPPLIER

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, email={self.email!r}, role={self.role.value!r})"


class StoredFile(Base):
    """An uploaded plan; the bytes live on disk under their SHA-256 (see store.files)."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    original_name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AssessmentRecord(Base):
    """One stored Assessment: the full JSON plus indexed columns for lists and filters.

    `submitted_at` is when the plan was submitted; a re-assessment (`reassessed_from_id` set)
    copies its original's, so "the previous plan" stays the previous submission.
    `rechecked_at` and `recheck_count` record later checks of the same plan that came to the
    same result, which are not stored again (suppliers.versions).
    """

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_organisation_created", "organisation_id", "created_at"),
        Index("ix_assessments_organisation_submitted", "organisation_id", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"), index=True)
    source_name: Mapped[str] = mapped_column(String(500))
    source_url: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[Verdict] = mapped_column(_string_enum(Verdict, "verdict"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    maturity: Mapped[int] = mapped_column(Integer)
    net_zero_year: Mapped[int | None] = mapped_column(Integer)
    is_crp: Mapped[bool]
    rulebook_version: Mapped[str] = mapped_column(String(64), index=True)
    tool_version: Mapped[str] = mapped_column(String(64))
    check_date: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reassessed_from_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), index=True)
    rechecked_at: Mapped[dt.datetime | None]
    recheck_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Deferred: list pages need only the columns above, and each JSON is tens of kilobytes.
    data: Mapped[dict[str, Any]] = mapped_column(JSONDocument, deferred=True)
    # The checker's own assessment, kept when people corrected facts (`data` is then the
    # assessment judged on the corrected facts); None when nothing was corrected.
    checked_data: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument, deferred=True)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    user: Mapped[User | None] = relationship(lazy="joined")
    file: Mapped[StoredFile] = relationship(lazy="joined")
    # Fact corrections people made to this assessment, oldest first (store.correction_models).
    corrections: Mapped[list[FactCorrection]] = relationship(
        order_by="FactCorrection.id", viewonly=True
    )

    @property
    def assessment(self) -> Assessment:
        """The Assessment exactly as it was made."""
        return Assessment.model_validate(self.data)

    def __repr__(self) -> str:
        return f"AssessmentRecord(public_id={self.public_id!r}, verdict={self.verdict.value!r})"


class PasswordReset(Base):
    """A one-time link to choose a new password; only its SHA-256 is kept."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


class ApiToken(Base):
    """A bearer token for the JSON API; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(lazy="joined")
