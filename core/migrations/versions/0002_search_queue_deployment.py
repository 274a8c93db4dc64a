"""search queue, deployment settings, covering index for structured search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 06:16:10.787439
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_index('ix_record_category_year')
        batch_op.create_index('ix_record_category_year_access', ['category', 'date_year', 'access'], unique=False)
    op.create_table('deployment_setting',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_deployment_setting'))
    )
    op.create_table('search_queue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_queue'))
    )


def downgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_index('ix_record_category_year_access')
        batch_op.create_index('ix_record_category_year', ['category', 'date_year'], unique=False)
    op.drop_table('search_queue')
    op.drop_table('deployment_setting')
