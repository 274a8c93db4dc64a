"""an index on a record's year, for questions that name only a year

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 09:55:00
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.create_index('ix_record_year_access', ['date_year', 'access'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_index('ix_record_year_access')
