import { sql } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/**
 * Time credits in a place. Off until an admin turns them on (seed 003: a credit scheme
 * must never be imposed); the overdraft is how far below zero a person may go.
 */
export interface TimebankSettingsTable {
  place_id: string;
  /** 1 when the place uses time credits, 0 otherwise. */
  enabled: number;
  /** A person's floor in credit-minutes: 0, or negative when the place allows an overdraft. */
  person_floor: number;
  updated_at: string;
  updated_by: string | null;
}

export type AccountKind = 'person' | 'group' | 'fund' | 'partner';

/**
 * Whoever can hold time credits: a person, a group that issues credits, the place's
 * community fund, a partner that accepts them. Balances are stored for speed and are
 * always the sum of the account's entries (`kith ledger verify` checks).
 */
export interface TimeAccountTable {
  id: string;
  place_id: string;
  kind: AccountKind;
  /** The person, group or partner id; the place id for the community fund. */
  owner_id: string;
  /** A person's short member number in this place: all a partner sees of them. */
  number: string | null;
  /** Credit-minutes. */
  balance: number;
  /** How many entries the account has: the next entry's sequence number is one more. */
  entry_count: number;
  /** A person who stopped using credits: their balance is hidden, their history kept. */
  opted_out_at: string | null;
  created_at: string;
  updated_at: string;
}

export type TransferKind = 'exchange' | 'payment' | 'issue' | 'funding' | 'redemption' | 'small_act';

/** The kinds of transfer that stand for time someone gave (the rest move credits already earned). */
export const GIVING_KINDS: readonly TransferKind[] = ['exchange', 'small_act', 'issue'];

/**
 * One movement of credits: two or more entries that sum to zero. Never changed or
 * deleted; a mistake is put right by a reversal, which points at the original. Who
 * did it is in the audit log, not here: the ledger names accounts, never people, so
 * erasing a person leaves it whole.
 */
export interface TimeTransferTable {
  id: string;
  place_id: string;
  kind: TransferKind;
  /** The same key again is the same transfer (a retried form, an exchange confirmed twice). */
  idempotency_key: string;
  /** Minutes moved (the positive side); negative for a reversal, so sums by kind are net. */
  amount: number;
  description: string;
  reference_type: string | null;
  reference_id: string | null;
  reverses_id: string | null;
  reason: string | null;
  created_at: string;
}

/** One side of a transfer, in one account, with the account's balance just after it. */
export interface TimeEntryTable {
  account_id: string;
  /** 1, 2, 3… within the account: statements page by it. */
  seq: number;
  place_id: string;
  transfer_id: string;
  amount: number;
  balance_after: number;
  created_at: string;
}

/**
 * A group's choice to run time credits. Until the groups capability exists, the
 * groups that issue credits are kept here with their organisers; when it lands, this
 * table becomes a link to its groups (see docs/decisions/0007).
 */
export interface TimeCreditGroupTable {
  id: string;
  place_id: string;
  name: string;
  issues_credits: number;
  /**
   * The directory organisation this group is, if any: volunteering hours confirmed for
   * the organisation are paid from this group's account when it issues credits.
   */
  organisation_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface TimeCreditGroupOrganiserTable {
  group_id: string;
  person_id: string;
  place_id: string;
}

/** A cinema, leisure centre or museum that accepts time credits for rewards. */
export interface TimeCreditPartnerTable {
  id: string;
  place_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

/** The people who redeem credits at a partner's counter. */
export interface TimeCreditPartnerStaffTable {
  partner_id: string;
  person_id: string;
  place_id: string;
}

/** "1 credit = 1 swim, adults only, weekdays". */
export interface TimeCreditRewardTable {
  id: string;
  place_id: string;
  partner_id: string;
  title: string;
  /** What it costs, in credit-minutes (60 = one credit). */
  cost: number;
  conditions: string;
  active: number;
  created_at: string;
  updated_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    timebank_settings: TimebankSettingsTable;
    time_accounts: TimeAccountTable;
    time_transfers: TimeTransferTable;
    time_entries: TimeEntryTable;
    time_credit_groups: TimeCreditGroupTable;
    time_credit_group_organisers: TimeCreditGroupOrganiserTable;
    time_credit_partners: TimeCreditPartnerTable;
    time_credit_partner_staff: TimeCreditPartnerStaffTable;
    time_credit_rewards: TimeCreditRewardTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-24-10-timebank': {
    async up(db, dialect) {
      await db.schema
        .createTable('timebank_settings')
        .addColumn('place_id', 'text', (c) => c.primaryKey().references('places.id').onDelete('cascade'))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('person_floor', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await db.schema
        .createTable('time_accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('number', 'text')
        .addColumn('balance', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('entry_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opted_out_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('time_accounts_owner', ['place_id', 'kind', 'owner_id'])
        .addUniqueConstraint('time_accounts_number', ['place_id', 'number'])
        .execute();
      await db.schema.createIndex('time_accounts_owner_id').on('time_accounts').column('owner_id').execute();

      await db.schema
        .createTable('time_transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('amount', 'integer', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('reference_type', 'text')
        .addColumn('reference_id', 'text')
        // A transfer can be reversed once: the database refuses a second reversal.
        .addColumn('reverses_id', 'text', (c) => c.unique().references('time_transfers.id'))
        .addColumn('reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('time_transfers_key', ['place_id', 'idempotency_key'])
        .execute();
      await db.schema
        .createIndex('time_transfers_totals')
        .on('time_transfers')
        .columns(['place_id', 'kind', 'amount'])
        .execute();
      // Statements look up each line's reversal. A partial index: nearly every transfer
      // has no reversal, and SQLite's statistics would otherwise count the NULLs as one
      // huge value and stop using the index.
      await sql`create index time_transfers_reversals on time_transfers (reverses_id) where reverses_id is not null`.execute(
        db,
      );
      await db.schema
        .createIndex('time_transfers_reference')
        .on('time_transfers')
        .columns(['reference_type', 'reference_id'])
        .execute();

      await db.schema
        .createTable('time_entries')
        .addColumn('account_id', 'text', (c) => c.notNull().references('time_accounts.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('transfer_id', 'text', (c) => c.notNull().references('time_transfers.id'))
        .addColumn('amount', 'integer', (c) => c.notNull())
        .addColumn('balance_after', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        // The statement's index: an account's entries in order, a page is a range of seq.
        .addPrimaryKeyConstraint('time_entries_pk', ['account_id', 'seq'])
        .execute();
      await db.schema.createIndex('time_entries_transfer').on('time_entries').column('transfer_id').execute();

      // The ledger is append-only, and the database itself says so: no code path,
      // console session or future bug can change or remove an entry or a transfer.
      if (dialect === 'sqlite') {
        for (const table of ['time_entries', 'time_transfers']) {
          for (const event of ['update', 'delete']) {
            await sql
              .raw(
                `create trigger ${table}_no_${event} before ${event} on ${table} begin select raise(abort, 'the ledger is append-only: ${table} rows are never changed or deleted'); end`,
              )
              .execute(db);
          }
        }
      } else {
        await sql
          .raw(
            `create function kith_ledger_append_only() returns trigger language plpgsql as $$ begin raise exception 'the ledger is append-only: % rows are never changed or deleted', TG_TABLE_NAME; end $$`,
          )
          .execute(db);
        for (const table of ['time_entries', 'time_transfers']) {
          await sql
            .raw(
              `create trigger ${table}_append_only before update or delete on ${table} for each row execute function kith_ledger_append_only()`,
            )
            .execute(db);
        }
      }

      await db.schema
        .createTable('time_credit_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('issues_credits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('time_credit_groups_place')
        .on('time_credit_groups')
        .columns(['place_id', 'name'])
        .execute();
      await db.schema
        .createTable('time_credit_group_organisers')
        .addColumn('group_id', 'text', (c) => c.notNull().references('time_credit_groups.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('time_credit_group_organisers_pk', ['group_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('time_credit_group_organisers_person')
        .on('time_credit_group_organisers')
        .column('person_id')
        .execute();

      await db.schema
        .createTable('time_credit_partners')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('time_credit_partners_place')
        .on('time_credit_partners')
        .columns(['place_id', 'name'])
        .execute();
      await db.schema
        .createTable('time_credit_partner_staff')
        .addColumn('partner_id', 'text', (c) => c.notNull().references('time_credit_partners.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('time_credit_partner_staff_pk', ['partner_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('time_credit_partner_staff_person')
        .on('time_credit_partner_staff')
        .column('person_id')
        .execute();
      await db.schema
        .createTable('time_credit_rewards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('time_credit_partners.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('cost', 'integer', (c) => c.notNull())
        .addColumn('conditions', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('time_credit_rewards_partner')
        .on('time_credit_rewards')
        .columns(['partner_id', 'active'])
        .execute();
      await db.schema
        .createIndex('time_credit_rewards_place')
        .on('time_credit_rewards')
        .columns(['place_id', 'active'])
        .execute();
    },
  },
  '2026-11-26-60-timebank-hours-by-date': {
    async up(db) {
      // Hours given in a period (commissioners' reports): one range of this index per
      // kind, read without touching the table.
      await db.schema
        .createIndex('time_transfers_given')
        .on('time_transfers')
        .columns(['place_id', 'kind', 'created_at', 'amount'])
        .execute();
    },
  },
  // A group can say which directory organisation it is, so the organisation's
  // confirmed volunteering hours earn credits from the group's account.
  '2026-11-27-10-timebank-group-organisations': {
    async up(db) {
      await db.schema.alterTable('time_credit_groups').addColumn('organisation_id', 'text').execute();
      await db.schema
        .createIndex('time_credit_groups_organisation')
        .on('time_credit_groups')
        .columns(['place_id', 'organisation_id'])
        .execute();
    },
  },
};
