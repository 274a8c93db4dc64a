"""foundation: archive, fonds, records, centres, citizens, staff

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 05:49:38.416825
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('archive',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive')),
    sa.UniqueConstraint('code', name=op.f('uq_archive_code'))
    )
    op.create_table('citizen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('id_cipher', sa.Text(), nullable=False),
    sa.Column('id_masked', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('phone_cipher', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citizen')),
    sa.UniqueConstraint('id_hash', name=op.f('uq_citizen_id_hash'))
    )
    op.create_table('service_centre',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('township', sa.String(length=50), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('hours', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_centre')),
    sa.UniqueConstraint('code', name=op.f('uq_service_centre_code'))
    )
    op.create_table('fonds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('archive_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['archive_id'], ['archive.id'], name=op.f('fk_fonds_archive_id_archive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fonds')),
    sa.UniqueConstraint('archive_id', 'code', name='uq_fonds_archive_code')
    )
    op.create_table('staff_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('clerk', 'archivist', 'admin')", name=op.f('ck_staff_user_role')),
    sa.ForeignKeyConstraint(['centre_id'], ['service_centre.id'], name=op.f('fk_staff_user_centre_id_service_centre')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_user')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_user_username'))
    )
    op.create_table('record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('creator', sa.String(length=200), nullable=True),
    sa.Column('date_year', sa.Integer(), nullable=False),
    sa.Column('date_month', sa.Integer(), nullable=True),
    sa.Column('date_day', sa.Integer(), nullable=True),
    sa.Column('retention', sa.String(length=16), nullable=True),
    sa.Column('classification', sa.String(length=8), nullable=True),
    sa.Column('access', sa.String(length=8), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=True),
    sa.Column('persons', sa.JSON(), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=True),
    sa.Column('fonds_id', sa.Integer(), nullable=True),
    sa.Column('doc_no', sa.String(length=100), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('content_hash', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['fonds_id'], ['fonds.id'], name=op.f('fk_record_fonds_id_fonds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record')),
    sa.UniqueConstraint('ref', name=op.f('uq_record_ref'))
    )
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.create_index('ix_record_access', ['access'], unique=False)
        batch_op.create_index('ix_record_category_year', ['category', 'date_year'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_index('ix_record_category_year')
        batch_op.drop_index('ix_record_access')

    op.drop_table('record')
    op.drop_table('staff_user')
    op.drop_table('fonds')
    op.drop_table('service_centre')
    op.drop_table('citizen')
    op.drop_table('archive')
