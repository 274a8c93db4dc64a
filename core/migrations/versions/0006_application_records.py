"""records attached to an application (what its certificate will cite)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('application_record',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('attached_by', sa.String(length=80), nullable=False),
    sa.Column('attached_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_record_application_id_application')),
    sa.ForeignKeyConstraint(['record_id'], ['record.id'], name=op.f('fk_application_record_record_id_record')),
    sa.PrimaryKeyConstraint('application_id', 'record_id', name=op.f('pk_application_record'))
    )
    with op.batch_alter_table('application_record', schema=None) as batch_op:
        batch_op.create_index('ix_application_record_record_id', ['record_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('application_record', schema=None) as batch_op:
        batch_op.drop_index('ix_application_record_record_id')

    op.drop_table('application_record')
