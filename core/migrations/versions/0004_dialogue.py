"""handoff queue, chat bindings, binding codes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 08:56:15.005344
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('binding_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_binding_code_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_binding_code')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_binding_code_code_hash'))
    )
    op.create_table('chat_binding',
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('bound_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_chat_binding_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('chat_id', name=op.f('pk_chat_binding'))
    )
    with op.batch_alter_table('chat_binding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_binding_citizen_id'), ['citizen_id'], unique=False)

    op.create_table('handoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('citizen_id', sa.Integer(), nullable=True),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('transcript', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.String(length=80), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'answered', 'closed')", name=op.f('ck_handoff_status')),
    sa.ForeignKeyConstraint(['centre_id'], ['service_centre.id'], name=op.f('fk_handoff_centre_id_service_centre')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_handoff_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handoff'))
    )
    with op.batch_alter_table('handoff', schema=None) as batch_op:
        batch_op.create_index('ix_handoff_status_created', ['status', 'created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('handoff', schema=None) as batch_op:
        batch_op.drop_index('ix_handoff_status_created')

    op.drop_table('handoff')
    with op.batch_alter_table('chat_binding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_binding_citizen_id'))

    op.drop_table('chat_binding')
    op.drop_table('binding_code')
