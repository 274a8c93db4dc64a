"""applications, audit log, outbox, appointments, certificates

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 08:15:30.710110
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pickup_code', sa.String(length=12), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('subject_names', sa.JSON(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('year_from', sa.Integer(), nullable=True),
    sa.Column('year_to', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=50), nullable=True),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('delivery', sa.String(length=12), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reject_reason', sa.Text(), nullable=True),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.CheckConstraint("channel IN ('bot', 'kiosk', 'window')", name=op.f('ck_application_channel')),
    sa.CheckConstraint("delivery IN ('pickup', 'electronic')", name=op.f('ck_application_delivery')),
    sa.CheckConstraint("status IN ('submitted', 'in_review', 'needs_info', 'approved', 'issued', 'delivered', 'rejected', 'withdrawn')", name=op.f('ck_application_status')),
    sa.ForeignKeyConstraint(['centre_id'], ['service_centre.id'], name=op.f('fk_application_centre_id_service_centre')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_application_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application')),
    sa.UniqueConstraint('pickup_code', name=op.f('uq_application_pickup_code'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index('ix_application_status_due', ['status', 'due_date'], unique=False)

    op.create_table('slot_load',
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('booked', sa.Integer(), nullable=False),
    sa.CheckConstraint('booked >= 0', name=op.f('ck_slot_load_booked')),
    sa.ForeignKeyConstraint(['centre_id'], ['service_centre.id'], name=op.f('fk_slot_load_centre_id_service_centre')),
    sa.PrimaryKeyConstraint('centre_id', 'starts_at', name=op.f('pk_slot_load'))
    )
    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('booked', 'cancelled', 'checked_in', 'no_show')", name=op.f('ck_appointment_status')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_appointment_application_id_application')),
    sa.ForeignKeyConstraint(['centre_id'], ['service_centre.id'], name=op.f('fk_appointment_centre_id_service_centre')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_appointment_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_centre_day', ['centre_id', 'day'], unique=False)
        batch_op.create_index('uq_appointment_active_day', ['citizen_id', 'centre_id', 'day'], unique=True, sqlite_where=sa.text("status IN ('booked', 'checked_in')"), postgresql_where=sa.text("status IN ('booked', 'checked_in')"))

    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=80), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('token', sa.Text(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    sa.Column('record_refs', sa.JSON(), nullable=False),
    sa.Column('subject_masked', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("kind IN ('record', 'no_record')", name=op.f('ck_certificate_kind')),
    sa.CheckConstraint("status IN ('valid', 'revoked')", name=op.f('ck_certificate_status')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_certificate_application_id_application')),
    sa.ForeignKeyConstraint(['replaces_id'], ['certificate.id'], name=op.f('fk_certificate_replaces_id_certificate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('number', name=op.f('uq_certificate_number'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_application_id'), ['application_id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_key', sa.String(length=80), nullable=False),
    sa.Column('channel', sa.String(length=12), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('citizen_id', sa.Integer(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claim_token', sa.String(length=40), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_outbox_application_id_application')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_outbox_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('event_key', name='uq_outbox_event_key')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_pending', ['sent_at', 'next_attempt_at'], unique=False)

    with op.batch_alter_table('service_centre', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_days', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('slot_minutes', sa.Integer(), nullable=False, server_default='30'))
        batch_op.add_column(sa.Column('slot_capacity', sa.Integer(), nullable=False, server_default='4'))

    # the audit log is append-only: the database itself refuses to change a line (audit verify finds the rest)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""")
        op.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
    else:
        op.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                   "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_log_no_update" + (" ON audit_log" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_log_append_only()")
    with op.batch_alter_table('service_centre', schema=None) as batch_op:
        batch_op.drop_column('slot_capacity')
        batch_op.drop_column('slot_minutes')
        batch_op.drop_column('closed_days')

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_pending')

    op.drop_table('outbox')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_application_id'))

    op.drop_table('certificate')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index('uq_appointment_active_day', sqlite_where=sa.text("status IN ('booked', 'checked_in')"), postgresql_where=sa.text("status IN ('booked', 'checked_in')"))
        batch_op.drop_index('ix_appointment_centre_day')

    op.drop_table('appointment')
    op.drop_table('slot_load')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index('ix_application_status_due')
        batch_op.drop_index(batch_op.f('ix_application_citizen_id'))

    op.drop_table('application')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_entity')

    op.drop_table('audit_log')
