/** Spaces as iCalendar (RFC 5545): a space's busy times (never who booked or why), and a booker's own bookings. */
import type { Booking } from './store.js';

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Folds a content line at 75 octets, as RFC 5545 asks. */
function fold(line: string): string {
  const parts: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    parts.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  parts.push(rest);
  return parts.join('\r\n');
}

const escapeText = (text: string) =>
  text
    .replace(/\r/g, '')
    .replace(/([\\;,])/g, '\\$1')
    .replace(/\n/g, '\\n');

export function busyCalendar(
  space: { id: string; name: string },
  bookings: readonly Booking[],
  words: { busy: string; held: string },
  now: Date,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kith//Community spaces//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(space.name)}`,
  ];
  for (const b of bookings) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${b.id}@kith-spaces`,
      `DTSTAMP:${stamp(now.toISOString())}`,
      `DTSTART:${stamp(b.startsAt)}`,
      `DTEND:${stamp(b.endsAt)}`,
      `SUMMARY:${escapeText(b.status === 'confirmed' ? words.busy : words.held)}`,
      `STATUS:${b.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** A booker's own bookings as iCalendar: the space and what each is for, held ones marked tentative. */
export function bookerCalendar(
  name: string,
  bookings: ReadonlyArray<Booking & { spaceName: string }>,
  words: { held: string },
  now: Date,
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kith//Community spaces//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const b of bookings) {
    const held = b.status === 'provisional';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${b.id}@kith-spaces`,
      `DTSTAMP:${stamp(now.toISOString())}`,
      `DTSTART:${stamp(b.startsAt)}`,
      `DTEND:${stamp(b.endsAt)}`,
      `SUMMARY:${escapeText(held ? `${b.spaceName} (${words.held})` : b.spaceName)}`,
      ...(b.purpose ? [`DESCRIPTION:${escapeText(b.purpose)}`] : []),
      `STATUS:${held ? 'TENTATIVE' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
