import type { KithMigration } from '../../db/migrate.js';

/**
 * Equality answers, kept apart from the person's account: no name, email or place here,
 * and only counted, never listed. One row a person; an unanswered question is null.
 */
export interface EqualityAnswerTable {
  person_id: string;
  age_band: string | null;
  sex: string | null;
  gender_same_as_sex: string | null;
  ethnic_group: string | null;
  disability: string | null;
  carer: string | null;
  first_language: string | null;
  welsh_speaker: string | null;
  updated_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    equality_answers: EqualityAnswerTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-12-07-30-equality-answers': {
    async up(db) {
      let table = db.schema
        .createTable('equality_answers')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'));
      for (const column of [
        'age_band',
        'sex',
        'gender_same_as_sex',
        'ethnic_group',
        'disability',
        'carer',
        'first_language',
        'welsh_speaker',
      ])
        table = table.addColumn(column, 'text');
      await table.addColumn('updated_at', 'text', (c) => c.notNull()).execute();
    },
  },
};
