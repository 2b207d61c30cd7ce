/**
 * iCalendar (RFC 5545) text, written once for every calendar Kith publishes: an activity's
 * schedule, a group's events, a space's busy times and a booker's own bookings.
 *
 * DTSTAMP is the time the entry last changed, never the time of the request: a feed that a
 * calendar app polls, or a cache revalidates by ETag, must read the same until something in
 * it changes.
 */

/** TEXT values: backslash, semicolon and comma escaped, newlines as \n. */
export function escapeIcsText(text: string): string {
  return text.replace(/\r/g, '').replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

/** Content lines longer than 75 octets are folded with CRLF and a space, never inside a character. */
export function foldIcsLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const n = Buffer.byteLength(char, 'utf8');
    // A continuation line starts with the folding space, so it holds one octet less.
    const limit = out.length === 0 ? 75 : 74;
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** An instant as an iCalendar UTC date-time: 2026-11-24T10:00:00.000Z → 20261124T100000Z. */
export function icsUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The file: every line folded, CRLF line ends, ending with one. */
export function icsFile(lines: readonly string[]): string {
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
