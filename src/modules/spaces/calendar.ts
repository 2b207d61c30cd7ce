/** Spaces as iCalendar (RFC 5545): a space's busy times (never who booked or why), and a booker's own bookings. */
import { escapeIcsText, icsFile, icsUtc } from '../../web/icalendar.js';
import type { Booking } from './store.js';

/**
 * A booking's DTSTAMP: when it last changed as far as the calendar can tell (decided, or else
 * made), so a subscribed calendar's copy and a cached feed stay valid until it does.
 */
const changedAt = (b: Booking) => icsUtc(b.decidedAt && b.decidedAt > b.createdAt ? b.decidedAt : b.createdAt);

export function busyCalendar(
  space: { id: string; name: string },
  bookings: readonly Booking[],
  words: { busy: string; held: string },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kith//Community spaces//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeIcsText(space.name)}`,
  ];
  for (const b of bookings) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${b.id}@kith-spaces`,
      `DTSTAMP:${changedAt(b)}`,
      `DTSTART:${icsUtc(b.startsAt)}`,
      `DTEND:${icsUtc(b.endsAt)}`,
      `SUMMARY:${escapeIcsText(b.status === 'confirmed' ? words.busy : words.held)}`,
      `STATUS:${b.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return icsFile(lines);
}

/** A booker's own bookings as iCalendar: the space and what each is for, held ones marked tentative. */
export function bookerCalendar(
  name: string,
  bookings: ReadonlyArray<Booking & { spaceName: string }>,
  words: { held: string },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kith//Community spaces//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeIcsText(name)}`,
  ];
  for (const b of bookings) {
    const held = b.status === 'provisional';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${b.id}@kith-spaces`,
      `DTSTAMP:${changedAt(b)}`,
      `DTSTART:${icsUtc(b.startsAt)}`,
      `DTEND:${icsUtc(b.endsAt)}`,
      `SUMMARY:${escapeIcsText(held ? `${b.spaceName} (${words.held})` : b.spaceName)}`,
      ...(b.purpose ? [`DESCRIPTION:${escapeIcsText(b.purpose)}`] : []),
      `STATUS:${held ? 'TENTATIVE' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return icsFile(lines);
}
