/**
 * `kith import oruk|directory|postcodes ...`: the directory's imports from the command
 * line, with progress and a summary of what was created, updated and rejected (and why).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../../config.js';
import { createKith, type Kith } from '../../kith.js';
import { findPlaceBySlug } from '../places/index.js';
import { planCsvImport } from './import-csv.js';
import { planOrukServices, servicesOfPage } from './import-oruk.js';
import { fileLines, importPostcodes, PostcodeFileError } from './import-postcodes.js';
import { writeImport, type ImportSummary } from './importer.js';
import { todayInPlace } from './schedules.js';

export const IMPORT_HELP = `  import postcodes <csv>         Load postcodes and their points (ONS Postcode Directory layout: pcds, lat, long)
  import directory <csv> --place S [--source NAME]
                                 Import listings from a spreadsheet (docs/directory-import.md)
  import oruk <url-or-file> --place S [--source NAME]
                                 Import another directory's Open Referral UK feed (v3 or v1)`;

type Out = (line: string) => void;

export async function importCommand(
  args: string[],
  out: Out = (l) => process.stdout.write(`${l}\n`),
  err: Out = (l) => process.stderr.write(`${l}\n`),
  kithIn?: Kith,
): Promise<number> {
  const [kind, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { place: { type: 'string' }, source: { type: 'string' } },
    });
  } catch (error) {
    err((error as Error).message);
    return 2;
  }
  const target = parsed.positionals[0];
  if (!kind || !['postcodes', 'directory', 'oruk'].includes(kind) || !target) {
    err(`Usage:\n${IMPORT_HELP}`);
    return 2;
  }
  const kith = kithIn ?? (await createKith(loadConfig(), { log: pino({ level: 'warn' }) }));
  try {
    if (kind === 'postcodes') return await postcodes(kith, target, out, err);
    const slug = parsed.values.place;
    const place = slug ? await findPlaceBySlug(kith.db.kysely, slug) : undefined;
    if (!place) {
      err(slug ? `There is no place with the slug "${slug}".` : 'Say which place to import into: --place <slug>.');
      return 2;
    }
    const today = todayInPlace();
    if (kind === 'directory') {
      if (!fs.existsSync(target)) {
        err(`There is no file at ${target}.`);
        return 2;
      }
      const plan = planCsvImport(fs.readFileSync(target, 'utf8'), today);
      if (!plan.ok) {
        err(`The file was rejected whole and nothing was changed: line ${plan.line}: ${plan.reason}.`);
        return 1;
      }
      out(`Read ${plan.rows.length + plan.rejected.length} rows from ${target}; importing into ${place.name}…`);
      const source = parsed.values.source ?? `csv:${path.basename(target)}`;
      const summary = await writeImport(kith, {
        placeId: place.id,
        source,
        rows: plan.rows,
        rejected: plan.rejected,
        matchOrganisationsByName: true,
        onProgress: progress(out),
      });
      report(summary, out);
      return 0;
    }
    const source =
      parsed.values.source ??
      `oruk:${/^https?:\/\//.test(target) ? target.replace(/\/+$/, '') : path.basename(target)}`;
    const services = await readFeed(target, out);
    if ('error' in services) {
      err(`The feed was rejected whole and nothing was changed: ${services.error}.`);
      return 1;
    }
    const plan = planOrukServices(services.items, today);
    out(`Read ${services.items.length} services; importing into ${place.name}…`);
    const summary = await writeImport(kith, {
      placeId: place.id,
      source,
      rows: plan.rows,
      rejected: plan.rejected,
      matchOrganisationsByName: false,
      onProgress: progress(out),
    });
    report(summary, out, 'service');
    return 0;
  } finally {
    if (!kithIn) await kith.close();
  }
}

const progress = (out: Out) => (done: number, total: number) => out(`  … ${done} of ${total}`);

function report(summary: ImportSummary, out: Out, unit = 'line') {
  out(
    `Created ${summary.created}, updated ${summary.updated}, rejected ${summary.rejected.length}${summary.organisationsCreated ? ` (and ${summary.organisationsCreated} new organisations)` : ''}.`,
  );
  for (const r of summary.rejected) out(`  ${unit} ${r.line}: ${r.reason}`);
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
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(target, 'utf8'));
    } catch (error) {
      return { error: `the file is not valid JSON (${(error as Error).message})` };
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
