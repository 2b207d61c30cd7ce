/**
 * The public library as open data: every published case study of a place as JSON and
 * CSV, with a documented schema, and the import of another Kith's JSON feed (the
 * `kith library import` command). Seeds' cases are not imported (every Kith has them).
 */
import { z } from 'zod';
import { csvDocument } from '../../platform/csv.js';
import type { Kith } from '../../kith.js';
import type { Queryable } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { CaseInput } from './inputs.js';
import { insertCase, type CaseStudy } from './store.js';

export const FEED_VERSION = 1;

/** The fields of one case in the feed, in order, with what each means (English, Welsh). */
export const FEED_FIELDS: ReadonlyArray<{ name: string; en: string; cy: string }> = [
  { name: 'id', en: 'The case study’s identifier in this Kith.', cy: 'Dynodwr yr astudiaeth achos yn y Kith hwn.' },
  { name: 'title', en: 'Its title.', cy: 'Ei theitl.' },
  { name: 'location', en: 'Where it happened, in words.', cy: 'Ble digwyddodd, mewn geiriau.' },
  {
    name: 'area',
    en: 'A UK nation or English region code (uk-wide, london, wales…).',
    cy: 'Cod cenedl yn y DU neu ranbarth yn Lloegr (uk-wide, london, wales…).',
  },
  {
    name: 'typologies',
    en: 'Types of social action, by the typology’s codes (time-credits, co-production…).',
    cy: 'Mathau o weithredu cymdeithasol, yn ôl codau’r deipoleg (time-credits, co-production…).',
  },
  { name: 'summary', en: 'A sentence or two.', cy: 'Brawddeg neu ddwy.' },
  { name: 'tried', en: 'What was tried (Markdown).', cy: 'Beth a roddwyd ar waith (Markdown).' },
  { name: 'whoTookPart', en: 'Who took part (Markdown).', cy: 'Pwy gymerodd ran (Markdown).' },
  { name: 'whatWorked', en: 'What worked (Markdown).', cy: 'Beth weithiodd (Markdown).' },
  {
    name: 'whatDidNot',
    en: 'What did not work, and why (Markdown); never empty.',
    cy: 'Beth na weithiodd, a pham (Markdown); byth yn wag.',
  },
  {
    name: 'costBand',
    en: 'unknown, none, under-10k, 10k-100k, 100k-1m or over-1m (pounds).',
    cy: 'unknown, none, under-10k, 10k-100k, 100k-1m neu over-1m (punnoedd).',
  },
  { name: 'cost', en: 'The cost in words.', cy: 'Y gost mewn geiriau.' },
  { name: 'evidenceLevel', en: 'Nesta’s standards of evidence, 1 to 5.', cy: 'Safonau tystiolaeth Nesta, 1 i 5.' },
  { name: 'outcomes', en: 'Outcomes in words (Markdown).', cy: 'Canlyniadau mewn geiriau (Markdown).' },
  {
    name: 'outcomeTags',
    en: 'Outcome codes (loneliness, employment…).',
    cy: 'Codau canlyniadau (loneliness, employment…).',
  },
  { name: 'contacts', en: 'Organisations or roles to contact.', cy: 'Sefydliadau neu rolau i gysylltu â nhw.' },
  { name: 'started', en: 'When it started, as written.', cy: 'Pryd dechreuodd, fel y’i hysgrifennwyd.' },
  { name: 'ended', en: 'When it ended, as written.', cy: 'Pryd daeth i ben, fel y’i hysgrifennwyd.' },
  { name: 'links', en: 'Web addresses.', cy: 'Cyfeiriadau gwe.' },
  { name: 'source', en: 'Where the facts come from.', cy: 'O ble y daw’r ffeithiau.' },
  {
    name: 'origin',
    en: 'seed (from the toolkit), submitted (written here) or imported.',
    cy: 'seed (o’r pecyn cymorth), submitted (ysgrifennwyd yma) neu imported.',
  },
  { name: 'version', en: 'How many times it has been changed, plus one.', cy: 'Sawl gwaith y’i newidiwyd, ac un.' },
  { name: 'publishedAt', en: 'When it was published (ISO 8601, UTC).', cy: 'Pryd y’i cyhoeddwyd (ISO 8601, UTC).' },
  { name: 'updatedAt', en: 'When it last changed (ISO 8601, UTC).', cy: 'Pryd y newidiodd ddiwethaf (ISO 8601, UTC).' },
];

export function feedCase(c: CaseStudy) {
  return {
    id: c.id,
    title: c.title,
    location: c.location,
    area: c.area,
    typologies: c.typologies,
    summary: c.summary,
    tried: c.tried,
    whoTookPart: c.whoTookPart,
    whatWorked: c.whatWorked,
    whatDidNot: c.whatDidNot,
    costBand: c.costBand,
    cost: c.cost,
    evidenceLevel: c.evidenceLevel,
    outcomes: c.outcomes,
    outcomeTags: c.outcomeTags,
    contacts: c.contacts,
    started: c.started,
    ended: c.ended,
    links: c.links
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    source: c.source,
    origin: c.origin,
    version: c.version,
    publishedAt: c.publishedAt,
    updatedAt: c.updatedAt,
  };
}

export function feedJson(place: { slug: string; name: string }, baseUrl: string, cases: CaseStudy[]) {
  return {
    kithLibraryFeed: FEED_VERSION,
    place: { slug: place.slug, name: place.name },
    schema: `${baseUrl}/places/${place.slug}/library/schema`,
    cases: cases.map(feedCase),
  };
}

export function feedCsv(cases: CaseStudy[]): string {
  return csvDocument(
    FEED_FIELDS.map((f) => f.name),
    cases.map((c) => {
      const row = feedCase(c) as Record<string, unknown>;
      return FEED_FIELDS.map((f) => (Array.isArray(row[f.name]) ? (row[f.name] as string[]).join('; ') : row[f.name]));
    }),
  );
}

const FeedShape = z.object({
  kithLibraryFeed: z.literal(FEED_VERSION),
  place: z.object({ slug: z.string(), name: z.string() }),
  cases: z.array(z.record(z.string(), z.unknown())).max(100_000),
});

export interface ImportReport {
  added: number;
  alreadyHere: number;
  skippedSeeds: number;
  refused: Array<{ id: string; problem: string }>;
}

/** Adds another Kith's published cases to a place, once each (a repeat import adds nothing). */
export async function importFeed(kith: Kith, placeId: string, from: string, feed: unknown): Promise<ImportReport> {
  const parsed = FeedShape.safeParse(feed);
  if (!parsed.success) throw new Error('This is not a Kith library feed (version 1).');
  const report: ImportReport = { added: 0, alreadyHere: 0, skippedSeeds: 0, refused: [] };
  await kith.db.transaction(async (trx: Queryable) => {
    for (const raw of parsed.data.cases) {
      const id = String(raw.id ?? '');
      if (raw.origin === 'seed') {
        report.skippedSeeds++;
        continue;
      }
      const links = Array.isArray(raw.links) ? raw.links.join('\n') : raw.links;
      const source = [raw.source, `Imported from ${parsed.data.place.name} (${from})`].filter(Boolean).join('; ');
      const fields = CaseInput.safeParse({
        ...raw,
        links,
        source: source.slice(0, 600),
        evidenceLevel: String(raw.evidenceLevel ?? ''),
      });
      if (!fields.success || !id) {
        report.refused.push({ id, problem: fields.success ? 'no id' : fields.error.issues[0]!.path.join('.') });
        continue;
      }
      const added = await insertCase(trx, kith.db.dialect, {
        placeId,
        fields: fields.data,
        status: 'published',
        origin: 'imported',
        originKey: `import:${parsed.data.place.slug}:${id}`.slice(0, 300),
        submittedBy: null,
      });
      if (added) report.added++;
      else report.alreadyHere++;
    }
    await recordAudit(trx, {
      placeId,
      action: 'libraryFeed.imported',
      detail: { from, added: report.added, refused: report.refused.length },
    });
  });
  return report;
}
