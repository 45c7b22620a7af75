"""units and agencies that change over time: validity, level, parent, lineage (the 2025 reorganisation)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

GSO codes are reused by the new communes and old commune names repeat across districts, so `units.code` and
`units.name_key` stop being unique; a unit is identified by `ident` ("<code or name key>|<valid_from>").
Existing units keep their ids (dossiers point at them).
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# SQLite's inline UNIQUE constraints have no name: give them one while the table is copied.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.drop_constraint('units_code_key', 'units', type_='unique')
        op.drop_constraint('units_name_key_key', 'units', type_='unique')
    with op.batch_alter_table('units', naming_convention=NAMING) as batch:
        if not postgres:
            batch.drop_constraint('uq_units_code', type_='unique')
            batch.drop_constraint('uq_units_name_key', type_='unique')
        batch.add_column(sa.Column('ident', sa.String(length=260), nullable=True))
        batch.add_column(sa.Column('level', sa.String(length=10), nullable=True))
        batch.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('province', sa.String(length=100), nullable=True))
    units = sa.table('units', sa.column('ident', sa.String), sa.column('code', sa.String),
                     sa.column('name_key', sa.String), sa.column('valid_from', sa.Date))
    valid_from = sa.func.coalesce(sa.cast(units.c.valid_from, sa.String), '')
    op.execute(units.update().values(ident=sa.func.coalesce(units.c.code, units.c.name_key) + '|' + valid_from))
    with op.batch_alter_table('units') as batch:
        batch.alter_column('ident', existing_type=sa.String(length=260), nullable=False)
        batch.create_unique_constraint('uq_units_ident', ['ident'])
        batch.create_foreign_key('fk_units_parent_id', 'units', ['parent_id'], ['id'])
        batch.create_index('ix_units_name_key', ['name_key'])
        batch.create_index('ix_units_code', ['code'])
    with op.batch_alter_table('agencies') as batch:
        batch.add_column(sa.Column('valid_from', sa.Date(), nullable=True))
        batch.add_column(sa.Column('valid_to', sa.Date(), nullable=True))
    op.create_table('unit_lineage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('old_unit_id', sa.Integer(), nullable=False),
    sa.Column('new_unit_id', sa.Integer(), nullable=False),
    sa.Column('effective', sa.Date(), nullable=False),
    sa.Column('merge', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['new_unit_id'], ['units.id']),
    sa.ForeignKeyConstraint(['old_unit_id'], ['units.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('old_unit_id', 'new_unit_id', name='uq_unit_lineage')
    )
    op.create_table('agency_lineage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('old_agency_id', sa.Integer(), nullable=False),
    sa.Column('new_agency_id', sa.Integer(), nullable=False),
    sa.Column('effective', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['new_agency_id'], ['agencies.id']),
    sa.ForeignKeyConstraint(['old_agency_id'], ['agencies.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('old_agency_id', 'new_agency_id', name='uq_agency_lineage')
    )


def downgrade() -> None:
    op.drop_table('agency_lineage')
    op.drop_table('unit_lineage')
    with op.batch_alter_table('agencies') as batch:
        batch.drop_column('valid_to')
        batch.drop_column('valid_from')
    with op.batch_alter_table('units') as batch:
        batch.drop_index('ix_units_code')
        batch.drop_index('ix_units_name_key')
        batch.drop_constraint('fk_units_parent_id', type_='foreignkey')
        batch.drop_constraint('uq_units_ident', type_='unique')
        for column in ('province', 'parent_id', 'level', 'ident'):
            batch.drop_column(column)
        batch.create_unique_constraint('uq_units_code', ['code'])
        batch.create_unique_constraint('uq_units_name_key', ['name_key'])
