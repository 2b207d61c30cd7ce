/**
 * Writes planned import rows (from a spreadsheet or an ORUK feed) in one transaction:
 * a re-import updates what the source gave before and never duplicates it; a row that
 * cannot be placed (unknown postcode, unknown term) is rejected with its reason; an
 * error part-way leaves the directory as it was.
 */
import { randomUUID } from 'node:crypto';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { ImportNote, ImportRow, RowRejection } from './import-csv.js';
import { reindexActivity } from './search-store.js';
import { findActivityBySource, writeListing } from './listings-store.js';
import { findOrganisationBySource, findOrganisationByName, insertOrganisation } from './organisations-store.js';
import { changeOrganisationIn } from './organisations.js';
import { findPostcode } from './locations-store.js';
import { termsOf } from './taxonomy-store.js';

/** What one imported record left off or holds differently from its source. */
export interface RecordReport {
  line: number;
  externalId: string;
  name: string;
  notes: ImportNote[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  rejected: RowRejection[];
  organisationsCreated: number;
  /** Organisations a feed imported again describes differently now. */
  organisationsUpdated: number;
  /** Every imported record with a difference from its source, in source order. */
  reports: RecordReport[];
  leftOff: number;
  changed: number;
  /** Nothing was written: the import ran and was rolled back. */
  dryRun: boolean;
}

/** Thrown to roll a dry run back, carrying what it would have done. */
class DryRun extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

export async function writeImport(
  kith: Kith,
  w: {
    placeId: string;
    source: string;
    rows: ImportRow[];
    rejected: RowRejection[];
    actorId?: string | null;
    matchOrganisationsByName: boolean;
    /**
     * A location that cannot be put on the map (an unknown postcode and no point) is left
     * off with a note, and the record imported with its other locations (ORUK feeds);
     * otherwise it rejects the row (spreadsheets).
     */
    leaveOffUnplacedLocations?: boolean;
    /** Run everything, report it, and write nothing. */
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportSummary> {
  try {
    return await runImport(kith, w);
  } catch (error) {
    if (error instanceof DryRun) return error.summary;
    throw error;
  }
}

async function runImport(kith: Kith, w: Parameters<typeof writeImport>[1]): Promise<ImportSummary> {
  return kith.db.transaction(async (trx) => {
    const summary: ImportSummary = {
      created: 0,
      updated: 0,
      rejected: [...w.rejected],
      organisationsCreated: 0,
      organisationsUpdated: 0,
      reports: [],
      leftOff: 0,
      changed: 0,
      dryRun: !!w.dryRun,
    };
    const terms = await termsOf(trx, w.placeId);
    const byCode = new Map(terms.map((t) => [t.code, t.id]));
    const byName = new Map(
      terms.flatMap((t) => [
        [t.term.toLowerCase(), t.id],
        ...(t.termCy ? [[t.termCy.toLowerCase(), t.id] as [string, string]] : []),
      ]),
    );
    const organisations = new Map<string, string>();
    const postcodes = new Map<string, { latitude: number; longitude: number } | undefined>();
    const now = new Date().toISOString();
    let done = 0;
    for (const row of w.rows) {
      done++;
      if (done % 100 === 0) w.onProgress?.(done, w.rows.length);
      const unknownCodes = row.termCodes.filter((c) => !byCode.has(c));
      if (unknownCodes.length) {
        summary.rejected.push({
          line: row.line,
          reason: `taxonomy has ${unknownCodes.map((c) => `"${c}"`).join(', ')}, not a term code of this place`,
        });
        continue;
      }
      const notes = [...(row.notes ?? [])];
      const termIds = row.termCodes.map((c) => byCode.get(c)!);
      for (const term of row.feedTerms ?? []) {
        const id = term.keys.map((k) => byCode.get(k) ?? byName.get(k.toLowerCase())).find(Boolean);
        if (id) termIds.push(id);
        else notes.push({ kind: 'left off', text: `category ${term.label}: not in this place's taxonomy` });
      }
      const locations = [];
      let unknownPostcode: string | undefined;
      for (const location of row.listing.locations) {
        if (location.latitude !== null && location.longitude !== null) {
          locations.push(location);
          continue;
        }
        if (!postcodes.has(location.postcode))
          postcodes.set(location.postcode, await findPostcode(trx, location.postcode));
        const point = postcodes.get(location.postcode);
        if (point) locations.push({ ...location, ...point });
        else if (w.leaveOffUnplacedLocations)
          notes.push({
            kind: 'left off',
            text: `location “${location.name}”: postcode ${location.postcode || '(none)'} is not in the postcode table and it has no latitude and longitude`,
          });
        else {
          unknownPostcode = location.postcode || '(none)';
          break;
        }
      }
      if (unknownPostcode) {
        summary.rejected.push({
          line: row.line,
          reason: `postcode ${unknownPostcode} is not in the postcode table and the row has no latitude and longitude`,
        });
        continue;
      }

      const orgKey = w.matchOrganisationsByName ? `name:${row.organisation.name}` : `id:${row.organisationExternalId}`;
      let organisationId = organisations.get(orgKey);
      if (!organisationId) {
        const existing = w.matchOrganisationsByName
          ? await findOrganisationByName(trx, w.placeId, row.organisation.name)
          : await findOrganisationBySource(
              trx,
              w.placeId,
              w.source,
              row.organisationExternalId ?? row.organisation.name,
            );
        if (existing) {
          organisationId = existing.id;
          // A feed is its own organisations' record: what it says now replaces what it said
          // before (a field it leaves out is kept). A spreadsheet only names organisations,
          // so one matched by name is left as its organisers wrote it.
          if (!w.matchOrganisationsByName) {
            const o = row.organisation;
            const changed = await changeOrganisationIn(trx, kith.db.dialect, existing, {
              name: o.name,
              description: o.description,
              kind: o.kind,
              email: o.email,
              website: o.website,
              phone: o.phone ?? existing.phone,
              charityNumber: o.charityNumber ?? existing.charityNumber,
              companyNumber: o.companyNumber ?? existing.companyNumber,
            });
            if (changed) summary.organisationsUpdated++;
          }
        } else {
          const created = await insertOrganisation(
            trx,
            w.placeId,
            {
              ...row.organisation,
              phone: row.organisation.phone ?? null,
              charityNumber: row.organisation.charityNumber ?? null,
              companyNumber: row.organisation.companyNumber ?? null,
            },
            {
              source: w.source,
              externalId: w.matchOrganisationsByName ? null : (row.organisationExternalId ?? null),
              id: randomUUID(),
            },
          );
          organisationId = created.id;
          summary.organisationsCreated++;
        }
        organisations.set(orgKey, organisationId);
      }

      const existing = await findActivityBySource(trx, w.placeId, w.source, row.externalId);
      const publish = row.published;
      const { id, created } = await writeListing(trx, {
        placeId: w.placeId,
        organisationId,
        id: existing?.id,
        input: { ...row.listing, locations, termIds: [...new Set(termIds)] },
        state: publish ? 'published' : (existing?.state ?? 'draft'),
        actorId: w.actorId ?? null,
        source: w.source,
        externalId: row.externalId,
        lastCheckedAt: publish ? (row.assuredDate ? `${row.assuredDate}T00:00:00.000Z` : now) : undefined,
        publishedAt: publish ? (existing?.publishedAt ?? now) : undefined,
      });
      await reindexActivity(trx, kith.db.dialect, w.placeId, id);
      if (created) summary.created++;
      else summary.updated++;
      if (notes.length) {
        summary.reports.push({ line: row.line, externalId: row.externalId, name: row.listing.name, notes });
        for (const n of notes) summary[n.kind === 'changed' ? 'changed' : 'leftOff']++;
      }
    }
    summary.rejected.sort((a, b) => a.line - b.line);
    summary.reports.sort((a, b) => a.line - b.line);
    await recordAudit(trx, {
      placeId: w.placeId,
      actorId: w.actorId ?? null,
      action: 'directory_import.done',
      subjectType: 'directory_import',
      detail: {
        source: w.source,
        created: String(summary.created),
        updated: String(summary.updated),
        rejected: String(summary.rejected.length),
        leftOff: String(summary.leftOff),
        changed: String(summary.changed),
      },
    });
    if (w.dryRun) throw new DryRun(summary);
    return summary;
  });
}
