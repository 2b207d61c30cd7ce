/**
 * Random input at every boundary a stranger can reach: the search page's query string,
 * a spreadsheet, an ORUK feed. Whatever arrives, nothing crashes, a refusal says why, and
 * a file refused whole writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { startTestKith, type TestKith } from '../../testing.js';
import { csvLine, parseCsv, uncsvField } from '../../platform/csv.js';
import { DIRECTORY_COLUMNS, planCsvImport } from './import-csv.js';
import { planOrukServices } from './import-oruk.js';
import { writeImport } from './importer.js';
import { parseSearchQuery } from './search.js';

const KNOWN_KEYS = /^(directory\.search\.[a-zA-Z.]+|validation\.page)$/;

describe('the search query parser', () => {
  test('never throws, and every refusal is a message a person can read', () => {
    const value = fc.oneof(
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.integer(),
      fc.constant(undefined),
      fc.object(),
      // Objects with no usable string form: rare from fc.object(), so always in the mix.
      fc.constantFrom({ toString: 1 }, Object.create(null) as object, [{ valueOf: 'x' }]),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'q',
            'postcode',
            'distance',
            'lat',
            'lng',
            'day',
            'time',
            'free',
            'age',
            'term',
            'sort',
            'page',
            'other',
          ),
          value,
        ),
        (query) => {
          const parsed = parseSearchQuery(query);
          if (!parsed.ok) for (const e of Object.values(parsed.errors)) assert.match(e.key, KNOWN_KEYS);
          assert.ok(parsed.value.page >= 1);
          assert.ok(parsed.value.words.length <= 8);
          if (parsed.value.radiusMetres !== undefined)
            assert.ok(parsed.value.radiusMetres > 0 && parsed.value.radiusMetres <= 50 * 1609.344 + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('postcodes are normalised however they are typed', () => {
    fc.assert(
      fc.property(fc.constantFrom('sw1a1aa', ' SW1A 1AA ', 'Sw1a  1aA', 'sw1a-1aa'), (typed) => {
        assert.equal(parseSearchQuery({ postcode: typed }).value.postcode, 'SW1A 1AA');
      }),
    );
  });
});

describe('the CSV parser and formatter', () => {
  test('what is written is read back exactly, formulas and apostrophes included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc
              .oneof(
                fc.string({ unit: 'grapheme' }),
                // The guard's edge: text a spreadsheet would run, or that starts with apostrophes.
                fc
                  .tuple(fc.constantFrom("'", "''", '=', '+', '-', '@', "'=", "'-"), fc.string())
                  .map(([a, b]) => a + b),
              )
              .filter((s) => !s.includes('\u0000')),
            { minLength: 2, maxLength: 5 },
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (rows) => {
          const width = rows[0]!.length;
          const table = rows
            .map((r) => [...r.slice(0, width), ...Array(Math.max(0, width - r.length)).fill('x')])
            .map((r) => r.map((v, i) => (i === 0 && v === '' ? 'x' : v)));
          const parsed = parseCsv(table.map(csvLine).join(''));
          assert.deepEqual(
            parsed.map((r) => r.fields.map(uncsvField)),
            table,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the importers, against a real database', () => {
  let t: TestKith;
  before(async () => {
    t = await startTestKith({ demo: true });
  });
  after(() => t.close());
  const count = async () =>
    Number(
      (
        await t.kith.db.kysely
          .selectFrom('directory_activities')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      'free',
      'amount',
      '3.50',
      'weekly',
      'monthly',
      'once',
      'MO;TU',
      'KL1 1AA',
      '10:00',
      '25:99',
      '2027-02-30',
      '-1',
      '"',
      '""',
      ',',
      '\n',
    ),
  );
  const spreadsheet = fc
    .array(fc.array(cell, { minLength: 4, maxLength: DIRECTORY_COLUMNS.length + 2 }), { maxLength: 6 })
    .map((rows) => {
      const header = DIRECTORY_COLUMNS.join(',');
      return [header, ...rows.map((r) => r.join(','))].join('\n');
    });

  test('a random spreadsheet is either refused whole (and nothing changes) or each row is imported or refused with its line', async () => {
    await fc.assert(
      fc.asyncProperty(spreadsheet, async (text) => {
        const before = await count();
        const plan = planCsvImport(text, '2026-01-05');
        if (!plan.ok) {
          assert.ok(plan.line >= 1 && plan.reason.length > 0);
          assert.equal(await count(), before);
          return;
        }
        const summary = await writeImport(t.kith, {
          placeId: t.demo.places.aberllyn!.id,
          source: 'fuzz',
          rows: plan.rows,
          rejected: plan.rejected,
          matchOrganisationsByName: true,
        });
        for (const r of summary.rejected) assert.ok(r.line >= 2 && r.reason.length > 0);
        assert.equal(
          summary.created + summary.updated + summary.rejected.length,
          plan.rows.length + plan.rejected.length,
        );
        assert.equal(await count(), before + summary.created);
      }),
      { numRuns: 60 },
    );
  });

  test('random ORUK services never crash the importer; each is imported or refused with a reason', async () => {
    const service = fc.record(
      {
        id: fc.oneof(fc.uuid(), fc.string(), fc.integer()),
        name: fc.oneof(fc.string(), fc.constant('A name')),
        status: fc.constantFrom('active', 'inactive', 'nonsense'),
        minimum_age: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constant(null)),
        schedules: fc.array(
          fc.record(
            {
              freq: fc.constantFrom('WEEKLY', 'MONTHLY', 'DAILY', 'YEARLY', 'week', 'daily', ''),
              byday: fc.constantFrom('MO', '2TU', 'XX', ''),
              weekday: fc.constantFrom('Monday', 'funday', '3'),
              bymonthday: fc.constantFrom('1', '-1', '40', 'x'),
              dtstart: fc.constantFrom('2027-03-28', '2027-02-30', 'soon'),
              opens_at: fc.constantFrom('10:00', '', '99:00', '09:00Z', '23:30Z', '00:30+01:00'),
              closes_at: fc.constantFrom('12:00', 'noon', '11:00Z'),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
        cost_options: fc.array(fc.record({ amount: fc.oneof(fc.double(), fc.constant(3)) }, { requiredKeys: [] }), {
          maxLength: 2,
        }),
        service_at_locations: fc.array(
          fc.record({
            location: fc.record(
              {
                location_type: fc.constantFrom('physical', 'virtual', 'postal'),
                latitude: fc.oneof(fc.double(), fc.constant(53.7)),
                longitude: fc.oneof(fc.double(), fc.constant(-1.9)),
                addresses: fc.array(fc.record({ postal_code: fc.constantFrom('KL1 1AA', 'nope', 'ZZ1 1ZZ') })),
              },
              { requiredKeys: [] },
            ),
          }),
          { maxLength: 2 },
        ),
        phones: fc.array(fc.record({ number: fc.constantFrom('"01234 567890"', 'call us', '+44 20 7946 0000') })),
        application_process: fc.string(),
        eligibility_description: fc.string({ maxLength: 1200 }),
        attributes: fc.array(
          fc.record({ taxonomy_term: fc.record({ term: fc.constantFrom('Older people', 'Knitting') }) }),
        ),
        fees: fc.string(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(service, fc.anything()), { maxLength: 5 }),
        fc.boolean(),
        async (services, dryRun) => {
          const before = await count();
          const plan = planOrukServices(services, '2026-01-05');
          assert.equal(plan.rows.length + plan.rejected.length, services.length);
          // Only a service with no id or name, or an id used before, is refused; anything else is kept.
          for (const r of plan.rejected) assert.match(r.reason, /^(id|name|service)\b/);
          const summary = await writeImport(t.kith, {
            placeId: t.demo.places.aberllyn!.id,
            source: 'oruk-fuzz',
            rows: plan.rows,
            rejected: plan.rejected,
            matchOrganisationsByName: false,
            leaveOffUnplacedLocations: true,
            dryRun,
          });
          assert.equal(summary.rejected.length, plan.rejected.length);
          assert.equal(summary.created + summary.updated, plan.rows.length);
          const notes = summary.reports.flatMap((r) => r.notes);
          assert.equal(summary.leftOff + summary.changed, notes.length);
          for (const n of notes) assert.ok(n.text.length > 0);
          assert.equal(await count(), before + (dryRun ? 0 : summary.created));
        },
      ),
      { numRuns: 60 },
    );
  });
});
