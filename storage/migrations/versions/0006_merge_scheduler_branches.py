"""merge scheduler branches

Revision ID: 0006
Revises: 0004, 0005 (the engine and content branches of the scheduler work)
Create Date: 2026-11-26 16:56:51.544890
"""
from collections.abc import Sequence

revision: str = '0006'
down_revision: str | Sequence[str] | None = ('0004', '0005')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
