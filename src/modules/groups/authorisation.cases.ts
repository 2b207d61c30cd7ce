import {
  invalidInput,
  everyone,
  member,
  roles,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
  type Outcome,
} from '../../authorisation/cases.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { postAnnouncement } from './announcements.js';
import { askQuestion, createEvent, rsvp } from './events.js';
import { joinGroup, startGroup } from './groups.js';
import { askToBecomeOrganisation } from './organisations.js';
import { addAction, pledge } from './pledges.js';
import type { EventInput } from './inputs.js';
import { actionsOf, eventsOfGroup, findEvent, findGroup, listGroups } from './store.js';

const event = (title: string): EventInput => ({
  title,
  description: '',
  date: addDays(todayInPlace(), 14),
  from: '18:00',
  to: '19:30',
  weeks: null,
  mode: 'online',
  venue: '',
  address: '',
  onlineLink: 'https://meet.example/room',
  capacity: 100,
  forChildren: false,
  safeguardingContact: '',
});

/**
 * An open group and an approval group, both run by the single-role organiser, each with
 * an event; the demo's resident is going to the open one and has asked a question, and
 * has asked to join the approval group. Anyone sees an open group and its events;
 * members of the place join, answer, support and pledge; the group's organisers (and
 * the place's admins) run it; only admins see reports and hide.
 */
export const groupsCases: ModuleCases = {
  module: 'groups',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const db = kith.db.kysely;
    const start = async (name: string, joining: 'open' | 'approval') => {
      const id = await startGroup(kith, {
        placeId,
        personId: personIds.organiser,
        input: { name, purpose: 'Authorisation', area: '', languages: '', joining },
      });
      return (await findGroup(db, placeId, id))!;
    };
    const open = await start('Open authorisation group', 'open');
    const closed = await start('Approval authorisation group', 'approval');
    const eventId = await createEvent(kith, {
      group: open,
      personId: personIds.organiser,
      input: event('Open meeting'),
    });
    const closedEventId = await createEvent(kith, {
      group: closed,
      personId: personIds.organiser,
      input: event('Members’ meeting'),
    });
    const asker = t.demo.people.carer!.id;
    await joinGroup(kith, { group: open, personId: asker, visible: true });
    await joinGroup(kith, { group: closed, personId: asker, visible: true });
    await rsvp(kith, { placeId, eventId, personId: asker, input: { accessNeeds: '', language: 'en' } });
    const questionId = await askQuestion(kith, {
      event: (await findEvent(db, placeId, eventId))!,
      personId: asker,
      text: 'When?',
      language: 'en',
    });
    const actionId = await addAction(kith, {
      group: open,
      eventId: null,
      personId: personIds.organiser,
      text: 'Plant a tree',
    });
    // The resident pledged: only they may answer its follow-up.
    const [action] = await actionsOf(db, placeId, { id: actionId });
    await pledge(kith, { action: action!, placeId, personId: personIds.resident });
    const requestId = await askToBecomeOrganisation(kith, {
      group: closed,
      personId: personIds.organiser,
      input: { kind: 'informal_group', email: '', charityNumber: '' },
    });
    const pledgerOnly = (actor: ActorName): Outcome =>
      actor === 'anonymous'
        ? 'sign-in'
        : actor === 'otherPlaceAdmin'
          ? 'forbidden'
          : actor === 'resident'
            ? 'ok'
            : 'not-found';

    const announcementId = await postAnnouncement(kith, {
      group: open,
      personId: personIds.organiser,
      input: { title: 'Open news', text: 'For everyone' },
    });
    const closedAnnouncementId = await postAnnouncement(kith, {
      group: closed,
      personId: personIds.organiser,
      input: { title: 'Members’ news', text: 'For members' },
    });

    const base = '/places/calderbrook/groups';
    const an = `${base}/announcements/${announcementId}`;
    const g = `${base}/${open.id}`;
    const e = `${base}/events/${eventId}`;
    const q = `${base}/questions/${questionId}`;
    const organisers = roles('organiser', 'admin');
    const insideClosed = (actor: ActorName): Outcome =>
      actor === 'anonymous' ? 'sign-in' : actor === 'organiser' || actor === 'admin' ? 'ok' : 'forbidden';
    const date = addDays(todayInPlace(), 20);
    const rows: AuthorisationCase[] = [
      { route: 'GET /places/:place/groups', request: (a) => a.get(base), expect: everyone },
      { route: 'GET /places/:place/groups/new', request: (a) => a.get(`${base}/new`), expect: member },
      {
        route: 'POST /places/:place/groups/new',
        request: (a) => a.post(`${base}/new`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'resident',
            fields: { name: 'Twice group', purpose: 'Once only', joining: 'open' },
            table: 'groups_groups',
          },
        },
      },
      { route: 'GET /places/:place/groups/whats-on', request: (a) => a.get(`${base}/whats-on`), expect: everyone },
      {
        route: 'GET /places/:place/groups/whats-on',
        request: (a) => a.get(`${base}/whats-on?postcode=KL1+1AA&distance=5&order=distance&when=month`),
        expect: everyone,
      },
      { route: 'GET /places/:place/groups/reports', request: (a) => a.get(`${base}/reports`), expect: roles('admin') },
      { route: 'GET /places/:place/groups/:group', request: (a) => a.get(g), expect: everyone },
      {
        route: 'GET /places/:place/groups/:group/calendar.ics',
        request: (a) => a.get(`${g}/calendar.ics`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/groups/:group/share.png',
        request: (a) => a.get(`${g}/share.png`),
        expect: everyone,
      },
      {
        // A members-only group's preview image is not there for anyone: its page is not public.
        route: 'GET /places/:place/groups/:group/share.png',
        request: (a) => a.get(`${base}/${closed.id}/share.png`),
        expect: () => 'not-found',
      },
      {
        route: 'POST /places/:place/groups/:group/join',
        request: (a) => a.post(`${g}/join`, { visible: 'yes' }),
        expect: member,
        submission: { changesInPlace: 'one membership a person; joining again changes nothing' },
      },
      {
        route: 'POST /places/:place/groups/:group/visibility',
        request: (a) => a.post(`${g}/visibility`, {}),
        expect: invalidInput(member),
        submission: { changesInPlace: 'it sets whether the member is shown' },
      },
      {
        route: 'POST /places/:place/groups/:group/announcements/preference',
        request: (a) => a.post(`${g}/announcements/preference`, {}),
        expect: invalidInput(member),
        submission: { changesInPlace: 'it sets how the member gets announcements' },
      },
      {
        route: 'GET /places/:place/groups/:group/announcements/new',
        request: (a) => a.get(`${g}/announcements/new`),
        expect: organisers,
      },
      {
        route: 'POST /places/:place/groups/:group/announcements/new',
        request: (a) => a.post(`${g}/announcements/new`, {}),
        expect: invalidInput(organisers),
        submission: {
          creates: {
            as: 'organiser',
            fields: { title: 'Twice announcement', text: 'Once only' },
            table: 'groups_announcements',
          },
        },
      },
      { route: 'GET /places/:place/groups/announcements/:announcement', request: (a) => a.get(an), expect: everyone },
      {
        route: 'GET /places/:place/groups/announcements/:announcement',
        request: (a) => a.get(`${base}/announcements/${closedAnnouncementId}`),
        expect: insideClosed,
      },
      {
        route: 'POST /places/:place/groups/announcements/:announcement/report',
        request: (a) => a.post(`${an}/report`, {}),
        expect: invalidInput(member),
        submission: { creates: { as: 'resident', fields: { reason: 'Twice report' }, table: 'groups_reports' } },
      },
      {
        route: 'POST /places/:place/groups/announcements/:announcement/hide',
        request: (a) => a.post(`${an}/hide`, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: 'it sets the announcement hidden' },
      },
      {
        route: 'POST /places/:place/groups/:group/leave',
        request: (a) => a.post(`${g}/leave`, {}),
        expect: member,
        submission: { changesInPlace: 'leaving twice leaves no membership either way' },
      },
      {
        route: 'POST /places/:place/groups/:group/members/:person/decide',
        request: (a) => a.post(`${base}/${closed.id}/members/${asker}/decide`, {}),
        expect: invalidInput(organisers),
        submission: { changesInPlace: 'a request is decided once; deciding again changes nothing' },
      },
      {
        route: 'POST /places/:place/groups/:group/members/:person/organiser',
        request: (a) => a.post(`${g}/members/${asker}/organiser`, {}),
        expect: organisers,
        submission: { changesInPlace: 'it sets the member’s role' },
      },
      {
        route: 'POST /places/:place/groups/:group/actions',
        request: (a) => a.post(`${g}/actions`, {}),
        expect: invalidInput(organisers),
        submission: { creates: { as: 'organiser', fields: { text: 'Twice action' }, table: 'groups_actions' } },
      },
      {
        route: 'POST /places/:place/groups/:group/own-pledge',
        request: (a) => a.post(`${g}/own-pledge`, {}),
        expect: invalidInput(member),
        submission: {
          creates: { as: 'resident', fields: { ownPledge: 'Twice pledge', followUp: '7' }, table: 'groups_actions' },
        },
      },
      {
        route: 'GET /places/:place/groups/pledges/:action',
        request: (a) => a.get(`${base}/pledges/${actionId}`),
        expect: pledgerOnly,
      },
      {
        route: 'POST /places/:place/groups/pledges/:action',
        request: (a) => a.post(`${base}/pledges/${actionId}`, {}),
        expect: invalidInput(pledgerOnly),
        submission: { changesInPlace: 'it sets the pledger’s answer' },
      },
      {
        route: 'POST /places/:place/groups/:group/organisation',
        request: (a) => a.post(`${g}/organisation`, {}),
        expect: invalidInput(organisers),
        submission: {
          creates: { as: 'organiser', fields: { kind: 'community_group' }, table: 'groups_organisation_requests' },
        },
      },
      {
        route: 'POST /places/:place/groups/organisation-requests/:request',
        request: (a) => a.post(`${base}/organisation-requests/${requestId}`, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: 'a request is decided once; deciding again changes nothing' },
      },
      {
        route: 'POST /places/:place/groups/actions/:action/pledge',
        request: (a) => a.post(`${base}/actions/${actionId}/pledge`, {}),
        expect: member,
        submission: { changesInPlace: 'one pledge a person an action' },
      },
      {
        route: 'POST /places/:place/groups/:group/report',
        request: (a) => a.post(`${g}/report`, {}),
        expect: invalidInput(member),
        submission: { creates: { as: 'resident', fields: { reason: 'Twice report' }, table: 'groups_reports' } },
      },
      {
        route: 'POST /places/:place/groups/:group/hide',
        request: (a) => a.post(`${g}/hide`, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: 'it sets the group hidden' },
      },
      {
        route: 'GET /places/:place/groups/:group/events/new',
        request: (a) => a.get(`${g}/events/new`),
        expect: organisers,
      },
      {
        route: 'POST /places/:place/groups/:group/events/new',
        request: (a) => a.post(`${g}/events/new`, {}),
        expect: invalidInput(organisers),
        submission: {
          creates: {
            as: 'organiser',
            fields: {
              title: 'Twice event',
              'date-day': date.slice(8),
              'date-month': date.slice(5, 7),
              'date-year': date.slice(0, 4),
              from: '10:00',
              to: '11:00',
              mode: 'in_person',
              address: '1 High Street',
            },
            table: 'groups_events',
          },
        },
      },
      { route: 'GET /places/:place/groups/events/:event', request: (a) => a.get(e), expect: everyone },
      {
        route: 'GET /places/:place/groups/events/:event',
        request: (a) => a.get(`${base}/events/${closedEventId}`),
        expect: insideClosed,
      },
      {
        route: 'GET /places/:place/groups/events/:event/calendar.ics',
        request: (a) => a.get(`${e}/calendar.ics`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/groups/events/:event/share.png',
        request: (a) => a.get(`${e}/share.png`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/groups/events/:event/share.png',
        request: (a) => a.get(`${base}/events/${closedEventId}/share.png`),
        expect: () => 'not-found',
      },
      {
        route: 'POST /places/:place/groups/events/:event/rsvp',
        request: (a) => a.post(`${e}/rsvp`, {}),
        expect: member,
        submission: { changesInPlace: 'one answer a person an event; answering again updates it' },
      },
      {
        route: 'POST /places/:place/groups/events/:event/questions',
        request: (a) => a.post(`${e}/questions`, {}),
        expect: invalidInput(member),
        submission: {
          creates: { as: 'resident', fields: { text: 'Twice question', language: 'en' }, table: 'groups_questions' },
        },
      },
      {
        route: 'POST /places/:place/groups/events/:event/cancel',
        request: (a) => a.post(`${e}/cancel`, {}),
        expect: member,
        submission: { changesInPlace: 'cancelling twice gives up one place and promotes at most one' },
      },
      {
        route: 'GET /places/:place/groups/events/:event/attendance',
        request: (a) => a.get(`${e}/attendance`),
        expect: organisers,
      },
      {
        route: 'POST /places/:place/groups/events/:event/attendance',
        request: (a) => a.post(`${e}/attendance`, {}),
        expect: organisers,
        submission: { changesInPlace: 'it sets who came' },
      },
      {
        route: 'GET /places/:place/groups/events/:event/edit',
        request: (a) => a.get(`${e}/edit`),
        expect: organisers,
      },
      {
        route: 'POST /places/:place/groups/events/:event/edit',
        request: (a) => a.post(`${e}/edit`, {}),
        expect: invalidInput(organisers),
        submission: { changesInPlace: 'it sets the event’s details; a repeat tells nobody twice' },
      },
      {
        route: 'GET /places/:place/groups/events/:event/cancel-event',
        request: (a) => a.get(`${e}/cancel-event`),
        expect: organisers,
      },
      {
        route: 'POST /places/:place/groups/events/:event/cancel-event',
        request: (a) => a.post(`${e}/cancel-event`, {}),
        expect: invalidInput(organisers),
        submission: { changesInPlace: 'cancelling again changes nothing and tells nobody twice' },
      },
      {
        route: 'POST /places/:place/groups/questions/:question/support',
        request: (a) => a.post(`${q}/support`, {}),
        expect: member,
        submission: { changesInPlace: 'one support a person a question' },
      },
      {
        route: 'POST /places/:place/groups/questions/:question/move',
        request: (a) => a.post(`${q}/move`, {}),
        expect: invalidInput(organisers),
        submission: { changesInPlace: 'it sets the order' },
      },
      {
        route: 'POST /places/:place/groups/questions/:question/answer',
        request: (a) => a.post(`${q}/answer`, {}),
        expect: invalidInput(organisers),
        submission: { changesInPlace: 'it sets the published answer' },
      },
      {
        route: 'POST /places/:place/groups/events/:event/report',
        request: (a) => a.post(`${e}/report`, {}),
        expect: invalidInput(member),
        submission: { creates: { as: 'resident', fields: { reason: 'Twice report' }, table: 'groups_reports' } },
      },
      {
        route: 'POST /places/:place/groups/events/:event/hide',
        request: (a) => a.post(`${e}/hide`, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: 'it sets the event hidden' },
      },
    ];
    return rows;
  },
  /** The resident gave up their place in the table; they are going again to send a question. */
  async beforeSubmissions({ t, personIds, placeIds }) {
    const group = (await listGroups(t.kith.db.kysely, placeIds.calderbrook)).find(
      (g) => g.name === 'Open authorisation group',
    )!;
    const [first] = await eventsOfGroup(t.kith.db.kysely, group.id, new Date().toISOString());
    await rsvp(t.kith, {
      placeId: placeIds.calderbrook,
      eventId: first!.id,
      personId: personIds.resident,
      input: { accessNeeds: '', language: 'en' },
    });
  },
};
