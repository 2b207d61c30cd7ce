/**
 * CSV (RFC 4180) in and out, for every download and import in Kith. The parser says on which line each record starts, and
 * refuses the whole file when its structure is broken (an unclosed quote, a stray quote),
 * because then no record after it can be trusted.
 */

export interface CsvRecord {
  /** The line the record starts on, counting the header as line 1. */
  line: number;
  fields: string[];
}

export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\u0000')) throw new CsvFormatError(1, 'the file is not text (it contains NUL bytes)');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvFormatError(line, 'a closing quote is followed by more text in the same field');
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted || field.length)
        throw new CsvFormatError(line, 'a quote appears in the middle of a field that does not start with one');
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new CsvFormatError(recordLine, 'a quoted field is never closed');
  if (field.length || fields.length || fieldStarted) endRecord();
  return records;
}

/**
 * One CSV cell. Text is quoted when it holds a comma, quote or line break, and text that
 * a spreadsheet would run as a formula (starting = + - @, a tab or a carriage return)
 * is kept as text by a leading apostrophe, as OWASP advises: anyone can type a skill or
 * a listing that ends up in a download. Text that starts with an apostrophe gets one
 * more, since a spreadsheet hides the first, and so that uncsvField gives back exactly
 * what was written. Numbers Kith itself wrote (a negative balance) are numbers, not
 * formulas, and pass as they are.
 */
export function csvField(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value === null || value === undefined ? '' : String(value);
  if (/^['=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** The byte-order mark that makes Excel read a CSV as UTF-8 (£, curly quotes, ŵ and ŷ). */
export const CSV_BOM = '\ufeff';

/** A whole CSV file: the byte-order mark, the header, then each row. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let out = CSV_BOM + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/** Undoes csvField's guard on the way back in. */
export function uncsvField(text: string): string {
  return /^'(?:'|[=+\-@\t\r])/.test(text) ? text.slice(1) : text;
}
