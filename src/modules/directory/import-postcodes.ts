/**
 * The postcode table from the ONS Postcode Directory (ONSPD) layout: columns pcd /
 * pcd2 / pcds (the postcode in its forms), lat and long among many others. The file is
 * read a line at a time (the full directory has millions of rows) and written in one
 * transaction, so a file that turns out broken half-way changes nothing.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { Db } from '../../db/index.js';
import { CsvFormatError, parseCsv } from '../../platform/csv.js';
import { normalisePostcode } from '../../platform/postcodes.js';
import { upsertPostcodes } from './locations-store.js';

export interface PostcodeImportSummary {
  written: number;
  /** Rows ONS gives without a location (terminated or non-geographic postcodes: lat 99.999999). */
  withoutLocation: number;
  rejected: Array<{ line: number; reason: string }>;
}

const BATCH = 500;

export class PostcodeFileError extends Error {}

export async function importPostcodes(
  db: Db,
  lines: AsyncIterable<string>,
  onProgress?: (rows: number) => void,
): Promise<PostcodeImportSummary> {
  return db.transaction(async (trx) => {
    const summary: PostcodeImportSummary = { written: 0, withoutLocation: 0, rejected: [] };
    let header: string[] | undefined;
    let columns = { postcode: -1, lat: -1, long: -1 };
    let batch: Array<{ postcode: string; latitude: number; longitude: number }> = [];
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      if (!line.trim()) continue;
      let fields: string[];
      try {
        fields = parseCsv(line)[0]?.fields ?? [];
      } catch (error) {
        if (error instanceof CsvFormatError) throw new PostcodeFileError(`line ${lineNumber}: ${error.reason}`);
        throw error;
      }
      if (!header) {
        header = fields.map((f) => f.trim().toLowerCase());
        const find = (...names: string[]) => names.map((n) => header!.indexOf(n)).find((i) => i >= 0) ?? -1;
        columns = {
          postcode: find('pcds', 'pcd2', 'pcd', 'postcode'),
          lat: find('lat', 'latitude'),
          long: find('long', 'longitude', 'lng'),
        };
        if (columns.postcode < 0 || columns.lat < 0 || columns.long < 0) {
          throw new PostcodeFileError(
            'line 1: the header needs a postcode column (pcds, pcd2 or pcd) and lat and long columns, as in the ONS Postcode Directory',
          );
        }
        continue;
      }
      const postcode = normalisePostcode(fields[columns.postcode] ?? '');
      const latitude = Number(fields[columns.lat]);
      const longitude = Number(fields[columns.long]);
      if (!postcode) {
        summary.rejected.push({ line: lineNumber, reason: `"${fields[columns.postcode] ?? ''}" is not a UK postcode` });
        continue;
      }
      if (latitude === 99.999999 || fields[columns.lat] === '') {
        summary.withoutLocation++;
        continue;
      }
      if (
        !Number.isFinite(latitude) ||
        !Number.isFinite(longitude) ||
        Math.abs(latitude) > 90 ||
        Math.abs(longitude) > 180
      ) {
        summary.rejected.push({ line: lineNumber, reason: `${postcode}: lat and long are not a point on the Earth` });
        continue;
      }
      batch.push({ postcode, latitude, longitude });
      if (batch.length >= BATCH) {
        summary.written += await upsertPostcodes(trx, dedupe(batch));
        batch = [];
        onProgress?.(summary.written);
      }
    }
    if (!header) throw new PostcodeFileError('line 1: the file is empty');
    summary.written += await upsertPostcodes(trx, dedupe(batch));
    return summary;
  });
}

/** The same postcode twice in one statement would be an error on PostgreSQL: keep the last. */
function dedupe<T extends { postcode: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.postcode, r])).values()];
}

/**
 * The file's lines, opened only when the first line is asked for. Opened earlier, a
 * small file can be read to its end while the import waits for its transaction to
 * begin (on a busy PostgreSQL), and readline's iterator, made after that, waits forever.
 */
export async function* fileLines(file: string): AsyncIterable<string> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) yield line;
}

export async function* textLines(text: string): AsyncIterable<string> {
  for (const line of text.split(/\r?\n/)) yield line;
}
