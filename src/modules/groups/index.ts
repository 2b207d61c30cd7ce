import path from 'node:path';
import type { KithModule, ParticipantsQuery } from '../module.js';
import { deliverAnnouncement, sendWeeklyDigests } from './announcements.js';
import { demoGroups } from './demo.js';
import { messages } from './messages.js';
import { groupsPolicy } from './policy.js';
import { sendPledgeFollowUps } from './pledges.js';
import { sendEventReminders } from './reminders.js';
import { announcementRoutes } from './routes/announcements.js';
import { eventRoutes } from './routes/events.js';
import { groupRoutes } from './routes/groups.js';
import { pledgeRoutes } from './routes/pledges.js';
import { shareRoutes } from './routes/share.js';
import { whatsOnRoutes } from './routes/whats-on.js';
import { migrations } from './schema.js';
import { attendanceCount, attendeesIn, eraseGroupDataOf, personalDataOf } from './store.js';

/**
 * Groups, events and organising (capability 10): residents start groups themselves,
 * run events with RSVPs, waiting lists and questions sent in advance, take pledges,
 * and share pages that preview properly on social media.
 */
export const groupsModule: KithModule = {
  name: 'groups',
  migrations,
  messages,
  policy: groupsPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    groupRoutes(app, kith);
    eventRoutes(app, kith);
    pledgeRoutes(app, kith);
    announcementRoutes(app, kith);
    shareRoutes(app, kith);
    whatsOnRoutes(app, kith);
  },
  placeLinks(_request, place) {
    return [
      {
        key: 'groups.links.home',
        hintKey: 'groups.links.home.hint',
        href: `/places/${place.slug}/groups`,
        order: 47,
      },
    ];
  },
  jobs: {
    'groups/reminders': async (_payload, { kith }) => {
      await sendEventReminders(kith);
    },
    'groups/pledge-follow-ups': async (_payload, { kith }) => {
      await sendPledgeFollowUps(kith);
    },
    'groups/announce': async (payload, { kith }) => {
      await deliverAnnouncement(kith, (payload as { announcementId: string }).announcementId);
    },
    'groups/digest': async (_payload, { kith }) => {
      await sendWeeklyDigests(kith);
    },
  },
  schedules: [
    { kind: 'groups/reminders', everyMinutes: 60 },
    { kind: 'groups/pledge-follow-ups', everyMinutes: 60 },
    { kind: 'groups/digest', everyMinutes: 60 },
  ],
  personalData: {
    export: (db, personId) => personalDataOf(db, personId),
    erase: (trx, personId) => eraseGroupDataOf(trx, personId),
  },
  figures: [
    {
      id: 'groups.attendance',
      labelKey: 'groups.figures.attendance',
      definitionKey: 'groups.figures.attendance.definition',
      unit: 'count',
      value: (db, placeId, period) => attendanceCount(db, placeId, period.from, period.to),
    },
  ],
  participants: (db, placeId, period) =>
    attendeesIn(db, placeId, period.from, period.to) as unknown as ParticipantsQuery,
  demo: demoGroups,
};
