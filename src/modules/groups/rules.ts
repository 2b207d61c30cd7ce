/** The groups module's rules as plain functions: no HTTP, no SQL. */
import { addDays, startOfPlaceDay, todayInPlace } from '../../platform/dates.js';
import { escapeIcsText, icsFile, icsUtc } from '../../web/icalendar.js';

/** How many groups one account may start in a day: enough for anyone organising, too few for spam. */
export const GROUPS_PER_DAY = 5;

/** The most dates a weekly event is set up for at once. */
export const MAX_WEEKS = 12;

/** When a pledger may be asked whether they did it: after a week, a fortnight or a month. */
export const FOLLOW_UP_DAYS = [7, 14, 30] as const;

/** When a pledge made now is followed up; null when nobody asked for it. */
export function followUpAt(pledgedAt: Date, days: number | null): string | null {
  return days === null ? null : new Date(pledgedAt.getTime() + days * 86_400_000).toISOString();
}

/** Languages offered for RSVPs and questions (codes, named in the catalogue); anything else is "other". */
export const LANGUAGES = ['en', 'cy', 'zh', 'yue', 'bn', 'ur', 'pa', 'pl', 'ar', 'so', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A group whose page is public, and so shared with a preview: open to anyone, and not hidden. */
export function publicGroup(group: { joining: string; status: string }): boolean {
  return group.joining === 'open' && group.status === 'active';
}

/** An event whose page is public: scheduled (not cancelled or hidden), in a public group. */
export function publicEvent(group: { joining: string; status: string }, event: { status: string }): boolean {
  return publicGroup(group) && event.status === 'scheduled';
}

const POSTCODE_IN_TEXT = /\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})\b/i;

/** The last UK postcode written in an address ("Chapel Hall, 2 Bank St, KL4 1JK"), if any. */
export function postcodeIn(address: string): string | undefined {
  let found: string | undefined;
  const all = new RegExp(POSTCODE_IN_TEXT.source, 'gi');
  for (const m of address.matchAll(all)) found = `${m[1]!.toUpperCase()} ${m[2]!.toUpperCase()}`;
  return found;
}

/** The most events "what's on" lists at once. */
export const WHATS_ON_LIMIT = 200;

/** The instants a span of "what's on" covers: from now to the end of today, or seven or twenty-eight days on. */
export function whatsOnSpan(span: 'today' | 'week' | 'month', now: Date): { from: string; to: string } {
  const to =
    span === 'today'
      ? startOfPlaceDay(addDays(todayInPlace(now), 1))
      : new Date(now.getTime() + (span === 'week' ? 7 : 28) * 86_400_000);
  return { from: now.toISOString(), to: to.toISOString() };
}

/**
 * Events near a point, each with how far away it is: in person within `metres`, then
 * online ones (no distance); by time as given, or nearest first.
 */
export function nearOrdered<E extends { mode: string; latitude: number | null; longitude: number | null }>(
  events: readonly E[],
  near: { point: { latitude: number; longitude: number }; metres: number } | undefined,
  order: 'time' | 'distance',
  distance: (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) => number,
): Array<E & { metres: number | null }> {
  const measured = events
    .map((e) => ({
      ...e,
      metres:
        near && e.mode === 'in_person' && e.latitude !== null && e.longitude !== null
          ? distance(near.point, { latitude: e.latitude, longitude: e.longitude })
          : null,
    }))
    .filter((e) => !near || e.mode === 'online' || (e.metres !== null && e.metres <= near.metres));
  if (near && order === 'distance')
    measured.sort((a, b) => (a.metres ?? Number.POSITIVE_INFINITY) - (b.metres ?? Number.POSITIVE_INFINITY));
  return measured;
}

/** Where a new RSVP goes: a place if one is free, else the waiting list. */
export function placeFor(capacity: number | null, going: number): 'going' | 'waiting' {
  return capacity === null || going < capacity ? 'going' : 'waiting';
}

/** Organisers may still change or call off an event: it is neither cancelled, hidden nor over. */
export function stillChangeable(event: { status: string; endsAt: string }, now: Date): boolean {
  return event.status === 'scheduled' && Date.parse(event.endsAt) >= now.getTime();
}

/** The dates of a weekly event: the first, then every seven days. */
export function weeklyDates(first: string, weeks: number): string[] {
  return Array.from({ length: Math.max(1, Math.min(weeks, MAX_WEEKS)) }, (_, i) => addDays(first, 7 * i));
}

/** A schema.org Event for search engines and link previews. */
export function eventJsonLd(e: {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  online: boolean;
  url: string;
  locationName: string;
  address: string;
  organiser: { name: string; url: string };
  full: boolean;
  /** The share image's address. */
  image?: string;
}): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    description: e.description,
    startDate: e.startsAt,
    endDate: e.endsAt,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: e.online
      ? 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    location: e.online
      ? { '@type': 'VirtualLocation', url: e.url }
      : { '@type': 'Place', name: e.locationName || e.address, address: e.address || e.locationName },
    organizer: { '@type': 'Organization', name: e.organiser.name, url: e.organiser.url },
    url: e.url,
    ...(e.image ? { image: [e.image] } : {}),
    offers: {
      '@type': 'Offer',
      price: '0',
      priceCurrency: 'GBP',
      availability: e.full ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock',
      url: e.url,
    },
  };
}

/** Text for a meta description: one line, at most `max` characters. */
export function summary(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** One event as an iCalendar file (RFC 5545), in UTC, for "add to calendar". */
export interface CalendarEvent {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  location: string;
  url: string;
  /** Called off by its organisers: calendars that hold it strike it through. */
  cancelled?: boolean;
  /** When the event last changed: its DTSTAMP, so the file reads the same until it does. */
  changedAt: string;
}

/**
 * An iCalendar file of events: one event's "add to calendar" file, or a group's feed that
 * a calendar app subscribes to (named, so the app can show whose it is). An event keeps
 * its UID, so a change or a cancellation updates the copy a subscriber already holds.
 */
export function eventCalendar(events: readonly CalendarEvent[], name?: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kith//Groups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (name) lines.push(`X-WR-CALNAME:${escapeIcsText(name)}`);
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@kith-groups`,
      `DTSTAMP:${icsUtc(e.changedAt)}`,
      `DTSTART:${icsUtc(e.startsAt)}`,
      `DTEND:${icsUtc(e.endsAt)}`,
      `SUMMARY:${escapeIcsText(e.title)}`,
      `DESCRIPTION:${escapeIcsText(e.description)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeIcsText(e.location)}`);
    if (e.cancelled) lines.push('STATUS:CANCELLED');
    lines.push(`URL:${e.url}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return icsFile(lines);
}
