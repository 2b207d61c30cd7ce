import type { KithMigration } from '../../db/migrate.js';
import { placeEventsAlreadyListed } from './places.js';

export type Joining = 'open' | 'approval';
export type MemberRole = 'organiser' | 'member';
export type MemberStatus = 'member' | 'requested';
export type EventMode = 'in_person' | 'online';
export type RsvpStatus = 'going' | 'waiting' | 'cancelled';
/** How a member hears of the group's announcements: each by email at once, a weekly digest, or not by email. */
export type AnnouncementDelivery = 'instant' | 'weekly' | 'none';

/** A group any member of a place starts: who it is for, where, in which languages. */
export interface GroupTable {
  id: string;
  place_id: string;
  name: string;
  purpose: string;
  area: string;
  /** Comma-separated language names as the organiser wrote them. */
  languages: string;
  joining: Joining;
  created_by: string | null;
  /** The directory organisation the group became, or that runs it; its history stays here. */
  organisation_id: string | null;
  /** 'hidden' by an admin after a report, with the reason. */
  status: 'active' | 'hidden';
  hidden_reason: string;
  created_at: string;
  updated_at: string;
}

/** A person in a group: an organiser or a member, or someone asking to join an approval group. */
export interface GroupMemberTable {
  place_id: string;
  group_id: string;
  person_id: string;
  role: MemberRole;
  status: MemberStatus;
  /** 1 when other members may see that they belong. */
  visible: number;
  announcements: AnnouncementDelivery;
  created_at: string;
  updated_at: string;
}

/** An event a group runs: one date, or one of a weekly series (sharing series_id). */
export interface GroupEventTable {
  id: string;
  place_id: string;
  group_id: string;
  series_id: string | null;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  mode: EventMode;
  /** In person: the address as written, a directory location, or a confirmed space booking. */
  address: string;
  location_id: string | null;
  booking_id: string | null;
  /** Online: shown only to people going and the organisers. */
  online_link: string;
  /** Where it is on the map, for "what's on near a postcode": from its location, booked space or address; null online or unknown. */
  latitude: number | null;
  longitude: number | null;
  /** Places; null for no limit. */
  capacity: number | null;
  /** 1 when children may come: the page then names who to contact about their safety. */
  for_children: number;
  safeguarding_contact: string;
  /** 'cancelled' by its organisers, who said why; 'hidden' by an admin after a report. */
  status: 'scheduled' | 'cancelled' | 'hidden';
  hidden_reason: string;
  /** What the organisers told everyone going when they cancelled it. */
  cancelled_reason: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One person's answer to an event: going, on the waiting list, or no longer coming. */
export interface GroupRsvpTable {
  id: string;
  place_id: string;
  event_id: string;
  person_id: string;
  status: RsvpStatus;
  access_needs: string;
  language: string;
  /** The order of the waiting list: when they last asked for a place. */
  asked_at: string;
  /** Taken on the day by an organiser: 1 came, 0 did not, null not yet taken. */
  attended: number | null;
  promoted_at: string | null;
  /** When the day-ahead reminder went; null until then, and again if the event moves. */
  reminded_at: string | null;
  updated_at: string;
}

/** A question sent in advance by someone going; supported by others, ordered and answered by the organiser. */
export interface GroupQuestionTable {
  id: string;
  place_id: string;
  event_id: string;
  person_id: string | null;
  text: string;
  language: string;
  supporters: number;
  /** The organiser's order (lower first); null until ordered. */
  position: number | null;
  answer: string;
  answered_at: string | null;
  created_at: string;
}

export interface GroupQuestionSupportTable {
  place_id: string;
  question_id: string;
  person_id: string;
  created_at: string;
}

/** An action a group's campaign or an event asks people to pledge to. */
export interface GroupActionTable {
  id: string;
  place_id: string;
  group_id: string;
  event_id: string | null;
  text: string;
  /** Days after pledging that the follow-up email asks whether they did it; null for none. */
  follow_up_days: number | null;
  /** 1 for a pledge a person wrote in their own words: counted, shown only to them. */
  own_words: number;
  created_by: string | null;
  created_at: string;
}

export type PledgeOutcome = 'done' | 'not_yet' | 'no';

export interface GroupPledgeTable {
  place_id: string;
  action_id: string;
  person_id: string;
  created_at: string;
  /** When the follow-up email is due, and when it went (null until then). */
  follow_up_at: string | null;
  followed_up_at: string | null;
  /** What they said when asked whether they did it. */
  outcome: PledgeOutcome | null;
  answered_at: string | null;
}

/** Organisers of a group asking for it to become an organisation in the place's directory. */
export interface GroupOrganisationRequestTable {
  id: string;
  place_id: string;
  group_id: string;
  requested_by: string | null;
  kind: 'informal_group' | 'community_group' | 'charity';
  email: string;
  charity_number: string;
  status: 'open' | 'approved' | 'declined';
  /** Why the admins declined; shown to the group's organisers. */
  reason: string;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

/** A report of a group, event or announcement, for the place's admins. */
export interface GroupReportTable {
  id: string;
  place_id: string;
  group_id: string;
  event_id: string | null;
  announcement_id: string | null;
  reporter_id: string | null;
  reason: string;
  status: 'open' | 'closed';
  created_at: string;
}

/** A message from a group's organisers to its members. */
export interface GroupAnnouncementTable {
  id: string;
  place_id: string;
  group_id: string;
  title: string;
  text: string;
  created_by: string | null;
  /** 'hidden' by an admin after a report, with the reason: never sent again, nor shown. */
  status: 'active' | 'hidden';
  hidden_reason: string;
  created_at: string;
}

/** An announcement emailed to one member (at once or in a digest): never emailed to them twice. */
export interface GroupAnnouncementDeliveryTable {
  announcement_id: string;
  person_id: string;
  /** 'instant', 'digest', or 'skipped' (they had blocked its author). */
  how: string;
  sent_at: string;
}

/** When a member was last sent the weekly digest of a place's group announcements. */
export interface GroupDigestTable {
  place_id: string;
  person_id: string;
  sent_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    groups_groups: GroupTable;
    groups_members: GroupMemberTable;
    groups_events: GroupEventTable;
    groups_rsvps: GroupRsvpTable;
    groups_questions: GroupQuestionTable;
    groups_question_supports: GroupQuestionSupportTable;
    groups_actions: GroupActionTable;
    groups_pledges: GroupPledgeTable;
    groups_reports: GroupReportTable;
    groups_organisation_requests: GroupOrganisationRequestTable;
    groups_announcements: GroupAnnouncementTable;
    groups_announcement_deliveries: GroupAnnouncementDeliveryTable;
    groups_digests: GroupDigestTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-12-06-20-groups': {
    async up(db) {
      await db.schema
        .createTable('groups_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('joining', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('hidden_reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('groups_groups_place').on('groups_groups').columns(['place_id', 'status']).execute();
      await db.schema
        .createIndex('groups_groups_creator')
        .on('groups_groups')
        .columns(['created_by', 'created_at'])
        .execute();
      await db.schema
        .createTable('groups_members')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups_groups.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('visible', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_members_pk', ['group_id', 'person_id'])
        .execute();
      await db.schema.createIndex('groups_members_person').on('groups_members').column('person_id').execute();
      await db.schema
        .createTable('groups_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups_groups.id'))
        .addColumn('series_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text')
        .addColumn('booking_id', 'text')
        .addColumn('online_link', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('hidden_reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('groups_events_group')
        .on('groups_events')
        .columns(['group_id', 'starts_at'])
        .execute();
      await db.schema
        .createIndex('groups_events_place')
        .on('groups_events')
        .columns(['place_id', 'status', 'starts_at'])
        .execute();
      await db.schema
        .createTable('groups_rsvps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('event_id', 'text', (c) => c.notNull().references('groups_events.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('access_needs', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('asked_at', 'text', (c) => c.notNull())
        .addColumn('attended', 'integer')
        .addColumn('promoted_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('groups_rsvps_once', ['event_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('groups_rsvps_event')
        .on('groups_rsvps')
        .columns(['event_id', 'status', 'asked_at'])
        .execute();
      await db.schema.createIndex('groups_rsvps_person').on('groups_rsvps').column('person_id').execute();
      await db.schema
        .createTable('groups_questions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('event_id', 'text', (c) => c.notNull().references('groups_events.id'))
        .addColumn('person_id', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('supporters', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer')
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('groups_questions_event').on('groups_questions').column('event_id').execute();
      await db.schema
        .createTable('groups_question_supports')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('question_id', 'text', (c) => c.notNull().references('groups_questions.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_question_supports_pk', ['question_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('groups_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups_groups.id'))
        .addColumn('event_id', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('groups_actions_group').on('groups_actions').column('group_id').execute();
      await db.schema
        .createTable('groups_pledges')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('action_id', 'text', (c) => c.notNull().references('groups_actions.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_pledges_pk', ['action_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('groups_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups_groups.id'))
        .addColumn('event_id', 'text')
        .addColumn('reporter_id', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('groups_reports_place')
        .on('groups_reports')
        .columns(['place_id', 'status'])
        .execute();
    },
  },
  '2026-12-08-30-groups-event-changes': {
    async up(db) {
      await db.schema
        .alterTable('groups_events')
        .addColumn('cancelled_reason', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('groups_events')
        .addColumn('for_children', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('groups_events')
        .addColumn('safeguarding_contact', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('groups_rsvps').addColumn('reminded_at', 'text').execute();
      // The hourly reminders read events starting soon across every place.
      await db.schema.createIndex('groups_events_due').on('groups_events').columns(['status', 'starts_at']).execute();
    },
  },
  '2026-12-08-50-groups-announcements': {
    async up(db) {
      await db.schema
        .createTable('groups_announcements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups_groups.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('hidden_reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('groups_announcements_group')
        .on('groups_announcements')
        .columns(['group_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('groups_announcement_deliveries')
        .addColumn('announcement_id', 'text', (c) => c.notNull().references('groups_announcements.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('how', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_announcement_deliveries_pk', ['announcement_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('groups_announcement_deliveries_person')
        .on('groups_announcement_deliveries')
        .column('person_id')
        .execute();
      await db.schema
        .createTable('groups_digests')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_digests_pk', ['place_id', 'person_id'])
        .execute();
      await db.schema
        .alterTable('groups_members')
        .addColumn('announcements', 'text', (c) => c.notNull().defaultTo('instant'))
        .execute();
      // The weekly digest reads members who chose it, across every place.
      await db.schema
        .createIndex('groups_members_announcements')
        .on('groups_members')
        .columns(['announcements', 'status'])
        .execute();
      await db.schema.alterTable('groups_reports').addColumn('announcement_id', 'text').execute();
    },
  },
  '2026-12-08-70-groups-pledge-follow-ups-and-organisations': {
    async up(db) {
      await db.schema.alterTable('groups_groups').addColumn('organisation_id', 'text').execute();
      await db.schema.alterTable('groups_actions').addColumn('follow_up_days', 'integer').execute();
      await db.schema
        .alterTable('groups_actions')
        .addColumn('own_words', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('groups_pledges').addColumn('follow_up_at', 'text').execute();
      await db.schema.alterTable('groups_pledges').addColumn('followed_up_at', 'text').execute();
      await db.schema.alterTable('groups_pledges').addColumn('outcome', 'text').execute();
      await db.schema.alterTable('groups_pledges').addColumn('answered_at', 'text').execute();
      // The hourly follow-ups read the pledges now due, across every place.
      await db.schema
        .createIndex('groups_pledges_follow_up')
        .on('groups_pledges')
        .columns(['followed_up_at', 'follow_up_at'])
        .execute();
      await db.schema.createIndex('groups_groups_organisation').on('groups_groups').column('organisation_id').execute();
      await db.schema
        .createTable('groups_organisation_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups_groups.id'))
        .addColumn('requested_by', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('charity_number', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .execute();
      await db.schema
        .createIndex('groups_organisation_requests_place')
        .on('groups_organisation_requests')
        .columns(['place_id', 'status'])
        .execute();
    },
  },
  '2026-12-08-60-groups-event-places': {
    async up(db) {
      await db.schema.alterTable('groups_events').addColumn('latitude', 'real').execute();
      await db.schema.alterTable('groups_events').addColumn('longitude', 'real').execute();
      // What's on: a place's scheduled events in a span of time, then online or in a box
      // around a postcode, checked in the index before any row is read. It starts as the
      // place index did, so it takes that one's place.
      await db.schema
        .createIndex('groups_events_on')
        .on('groups_events')
        .columns(['place_id', 'status', 'starts_at', 'mode', 'latitude', 'longitude'])
        .execute();
      await db.schema.dropIndex('groups_events_place').execute();
      await placeEventsAlreadyListed(db);
    },
  },
};
