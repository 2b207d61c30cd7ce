/**
 * `kith import oruk|directory|postcodes ...`: the directory's imports from the command
 * line, with progress and a summary of what was created, updated and rejected (and why).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kith } from '../../kith.js';
import { todayInPlace } from '../../platform/dates.js';
import type { KithCommand } from '../module.js';
import { findPlaceBySlug } from '../places/index.js';
import { planCsvImport } from './import-csv.js';
import { planOrukServices, servicesOfPage } from './import-oruk.js';
import { fileLines, importPostcodes, PostcodeFileError } from './import-postcodes.js';
import { writeImport, type ImportSummary } from './importer.js';

type Out = (line: string) => void;

const PLACE: [string, string, { required: true }] = ['--place <slug>', 'the place to import into', { required: true }];
const SOURCE: [string, string] = [
  '--source <name>',
  'a name for where the data came from (a re-import updates what it made)',
];
const DRY_RUN: [string, string] = ['--dry-run', 'do everything and report it, but write nothing'];

export const directoryCommands: KithCommand[] = [
  {
    name: 'import postcodes',
    summary: 'load postcodes and their points (ONS Postcode Directory layout: pcds, lat, long)',
    arguments: [['<csv>', 'the postcode file']],
    async run(kith, { args }, io) {
      return postcodes(kith, args[0]!, io.out, io.err);
    },
  },
  {
    name: 'import directory',
    summary: 'import listings from a spreadsheet (docs/directory-import.md)',
    arguments: [['<csv>', 'the spreadsheet, saved as CSV']],
    options: [PLACE, SOURCE, DRY_RUN],
    async run(kith, { args, options }, io) {
      const target = args[0]!;
      const place = await placeOf(kith, String(options.place), io.err);
      if (!place) return 2;
      if (!fs.existsSync(target)) {
        io.err(`There is no file at ${target}.`);
        return 2;
      }
      const plan = planCsvImport(fs.readFileSync(target, 'utf8'), todayInPlace());
      if (!plan.ok) {
        io.err(`The file was rejected whole and nothing was changed: line ${plan.line}: ${plan.reason}.`);
        return 1;
      }
      io.out(`Read ${plan.rows.length + plan.rejected.length} rows from ${target}; importing into ${place.name}…`);
      const summary = await writeImport(kith, {
        placeId: place.id,
        source: typeof options.source === 'string' ? options.source : `csv:${path.basename(target)}`,
        rows: plan.rows,
        rejected: plan.rejected,
        matchOrganisationsByName: true,
        dryRun: options.dryRun === true,
        onProgress: progress(io.out),
      });
      report(summary, io.out);
      if (!summary.dryRun) logImport(kith, 'directory', place.id, summary);
      return 0;
    },
  },
  {
    name: 'import oruk',
    summary:
      'import another directory’s Open Referral UK feed (v3 or v1), from its address or a file (JSON, or ndjson as Kith exports it)',
    arguments: [['<url-or-file>', 'the feed’s address (https://…) or a JSON or ndjson file']],
    options: [PLACE, SOURCE, DRY_RUN],
    async run(kith, { args, options }, io) {
      const target = args[0]!;
      const place = await placeOf(kith, String(options.place), io.err);
      if (!place) return 2;
      const source =
        typeof options.source === 'string'
          ? options.source
          : `oruk:${/^https?:\/\//.test(target) ? target.replace(/\/+$/, '') : path.basename(target)}`;
      const services = await readFeed(target, io.out);
      if ('error' in services) {
        io.err(`The feed was rejected whole and nothing was changed: ${services.error}.`);
        return 1;
      }
      const plan = planOrukServices(services.items, todayInPlace());
      io.out(`Read ${plural(services.items.length, 'service', 'services')}; importing into ${place.name}…`);
      const summary = await writeImport(kith, {
        placeId: place.id,
        source,
        rows: plan.rows,
        rejected: plan.rejected,
        matchOrganisationsByName: false,
        leaveOffUnplacedLocations: true,
        dryRun: options.dryRun === true,
        onProgress: progress(io.out),
      });
      report(summary, io.out, 'service');
      if (!summary.dryRun) logImport(kith, 'oruk', place.id, summary);
      return 0;
    },
  },
];

async function placeOf(kith: Kith, slug: string, err: Out) {
  const place = await findPlaceBySlug(kith.db.kysely, slug);
  if (!place) err(`There is no place with the slug "${slug}".`);
  return place;
}

const progress = (out: Out) => (done: number, total: number) => out(`  … ${done} of ${total}`);

/** The operator's log keeps what an import did, beside the command's own output. */
function logImport(kith: Kith, kind: string, placeId: string, summary: ImportSummary) {
  kith.log.info(
    {
      event: 'import',
      kind,
      placeId,
      created: summary.created,
      updated: summary.updated,
      rejected: summary.rejected.length,
      leftOff: summary.leftOff,
      changed: summary.changed,
    },
    'import finished',
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** " (and 2 new organisations, 1 organisation updated)", or nothing when no organisation changed. */
function organisationCounts(summary: ImportSummary): string {
  const parts = [
    summary.organisationsCreated ? plural(summary.organisationsCreated, 'new organisation', 'new organisations') : '',
    summary.organisationsUpdated
      ? `${plural(summary.organisationsUpdated, 'organisation', 'organisations')} updated`
      : '',
  ].filter(Boolean);
  return parts.length ? ` (and ${parts.join(', ')})` : '';
}

/**
 * The summary line, each rejection, then each imported record that differs from its
 * source: every value left off or changed, and why.
 */
function report(summary: ImportSummary, out: Out, unit = 'line') {
  const dry = summary.dryRun ? 'Dry run, nothing was written: would have ' : '';
  const verbs = summary.dryRun ? ['created', 'updated', 'rejected'] : ['Created', 'updated', 'rejected'];
  out(
    `${dry}${verbs[0]} ${summary.created}, ${verbs[1]} ${summary.updated}, ${verbs[2]} ${summary.rejected.length}${organisationCounts(summary)}.`,
  );
  if (summary.reports.length)
    out(
      `Left off ${plural(summary.leftOff, 'value', 'values')} and changed ${summary.changed}, in ${plural(summary.reports.length, unit, `${unit}s`)} (listed below).`,
    );
  if (summary.rejected.length) out('Rejected:');
  for (const r of summary.rejected) out(`  ${unit} ${r.line}: ${r.reason}`);
  if (summary.reports.length) out('Imported with differences:');
  for (const r of summary.reports) {
    out(`  ${unit} ${r.line} “${r.name}” (id ${r.externalId}):`);
    for (const n of r.notes) out(`    ${n.kind}: ${n.text}`);
  }
}

async function postcodes(kith: Kith, file: string, out: Out, err: Out): Promise<number> {
  if (!fs.existsSync(file)) {
    err(`There is no file at ${file}.`);
    return 2;
  }
  try {
    const summary = await importPostcodes(kith.db, fileLines(file), (n) => {
      if (n % 50_000 === 0) out(`  … ${n} postcodes`);
    });
    out(
      `Wrote ${summary.written} postcodes; ${summary.withoutLocation} had no location; rejected ${summary.rejected.length}.`,
    );
    for (const r of summary.rejected.slice(0, 200)) out(`  line ${r.line}: ${r.reason}`);
    if (summary.rejected.length > 200) out(`  … and ${summary.rejected.length - 200} more`);
    kith.log.info(
      { event: 'import', kind: 'postcodes', written: summary.written, rejected: summary.rejected.length },
      'import finished',
    );
    return 0;
  } catch (error) {
    if (error instanceof PostcodeFileError) {
      err(`The file was rejected whole and nothing was changed: ${error.message}.`);
      return 1;
    }
    throw error;
  }
}

const MAX_PAGES = 1000;

/** A feed's services: every page of a URL's /services (with each service in full), or a file. */
export async function readFeed(
  target: string,
  out: Out,
  fetcher: typeof fetch = fetch,
): Promise<{ items: unknown[] } | { error: string }> {
  if (!/^https?:\/\//.test(target)) {
    if (!fs.existsSync(target)) return { error: `there is no file at ${target}` };
    const text = fs.readFileSync(target, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const ndjson = ndjsonLines(text);
      if ('items' in ndjson) return { items: ndjson.items.flatMap((item) => servicesOfPage(item)?.services ?? [item]) };
      return {
        error:
          ndjson.line > 1
            ? `line ${ndjson.line} of the ndjson file is not valid JSON (${ndjson.reason})`
            : `the file is not valid JSON (${(error as Error).message})`,
      };
    }
    const page = servicesOfPage(json);
    return page
      ? { items: page.services }
      : { error: 'the file is not a list of services, a page of them, or a service' };
  }
  const base = target.replace(/\/+$/, '').replace(/\/services$/, '');
  const items: unknown[] = [];
  for (let page = 1, pages = 1; page <= pages && page <= MAX_PAGES; page++) {
    const response = await fetcher(`${base}/services?page=${page}&per_page=100`, {
      headers: { accept: 'application/json' },
    }).catch((e: Error) => e);
    if (response instanceof Error || !response.ok)
      return {
        error: `${base}/services?page=${page} could not be read (${response instanceof Error ? response.message : response.status})`,
      };
    const parsed = servicesOfPage(await response.json().catch(() => undefined));
    if (!parsed) return { error: `${base}/services?page=${page} is not a page of services` };
    pages = parsed.totalPages;
    out(`  page ${page} of ${pages}`);
    for (const item of parsed.services) {
      const id = (item as { id?: unknown }).id;
      const nested =
        item &&
        typeof item === 'object' &&
        ('service_at_locations' in item || 'schedules' in item || 'regular_schedules' in item);
      if (nested || typeof id !== 'string') {
        items.push(item);
        continue;
      }
      const full = await fetcher(`${base}/services/${encodeURIComponent(id)}`, {
        headers: { accept: 'application/json' },
      }).catch(() => undefined);
      items.push(full?.ok ? await full.json().catch(() => item) : item);
    }
  }
  return { items };
}

/** Newline-delimited JSON (Kith's own `format=ndjson` feed): one value a line; blank lines skipped. */
function ndjsonLines(text: string): { items: unknown[] } | { line: number; reason: string } {
  const items: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      return { line: i + 1, reason: (error as Error).message };
    }
  }
  return items.length > 1 ? { items } : { line: 1, reason: 'not ndjson' };
}
