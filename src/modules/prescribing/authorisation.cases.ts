import {
  invalidInput,
  roles,
  signedIn,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
  type Outcome,
} from '../../authorisation/cases.js';
import { addOrganisationMember, listingsOfOrganisations, listOrganisations } from '../directory/index.js';
import { addHealthNote, openRecord, recordConsent, recordConversation } from './records.js';
import { sendReferrals } from './referrals.js';
import { touchRecord } from './store.js';

/** Anyone who belongs to Calderbrook, whatever their role. */
const member = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'otherPlaceAdmin' ? 'forbidden' : 'ok';

/**
 * A record the link worker holds for the resident (who has taken it into their own
 * account), with consent, a health note and a referral to the walking group, whose
 * organiser and coordinator receive it. Nobody else sees any of it: not admins, not
 * officers (they see aggregates in reports), not other groups.
 */
export const prescribingCases: ModuleCases = {
  module: 'prescribing',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const db = kith.db.kysely;
    const { rows } = await listOrganisations(db, placeId, { limit: 500, offset: 0 });
    const walkers = rows.find((r) => r.name === 'Calderbrook Walking Group')!;
    const walk = (await listingsOfOrganisations(db, placeId, [walkers.id])).find((l) => l.state === 'published')!;
    for (const who of [personIds.organiser, personIds.coordinator])
      await addOrganisationMember(db, { placeId, organisationId: walkers.id, personId: who, addedBy: null });

    const actorId = personIds.link_worker;
    const recordId = await openRecord(kith, {
      placeId,
      actorId,
      input: {
        name: 'Only Resident',
        preferredName: 'Only',
        email: 'only-resident@test.example',
        phone: null,
        howToContact: '',
        accessNeeds: '',
        referredFrom: 'A surgery',
      },
    });
    await touchRecord(db, recordId, { person_id: personIds.resident });
    await recordConversation(kith, {
      placeId,
      actorId,
      recordId,
      input: {
        heldOn: '2026-01-05',
        strengths: 'Kind',
        interests: 'walking',
        skills: '',
        wouldLikeTo: 'Meet people',
        getsInTheWay: '',
      },
    });
    await recordConsent(kith, {
      placeId,
      actorId,
      recordId,
      lang: 'en',
      input: { givenOn: '2026-01-05', decision: 'agreed', shares: ['first_name'], messageBack: 'yes' },
    });
    await addHealthNote(kith, {
      placeId,
      actorId,
      recordId,
      body: 'A health note only the care team and the person may read.',
    });
    const [referralId] = await sendReferrals(kith, {
      placeId,
      placeSlug: 'calderbrook',
      actorId,
      recordId,
      activityIds: [walk.id],
      note: '',
    });

    // Another activity to refer to (the walk already has an open referral), and a record
    // the person has not taken over yet, to invite them to.
    const another = (
      await listingsOfOrganisations(
        db,
        placeId,
        rows.map((r) => r.id),
      )
    ).find((l) => l.state === 'published' && l.id !== walk.id)!;
    const unclaimedId = await openRecord(kith, {
      placeId,
      actorId,
      input: {
        name: 'Ivy Marsh',
        preferredName: 'Ivy',
        email: 'ivy.marsh@test.example',
        phone: null,
        howToContact: '',
        accessNeeds: '',
        referredFrom: 'A surgery',
      },
    });
    const today = new Date().toISOString().slice(0, 10).split('-');
    const past = (name: string) => ({
      [`${name}-day`]: today[2]!,
      [`${name}-month`]: today[1]!,
      [`${name}-year`]: today[0]!,
    });
    const base = '/places/calderbrook/social-prescribing';
    const record = `${base}/people/${recordId}`;
    const careTeam = roles('link_worker');
    const group = roles('organiser', 'coordinator');
    const cases: AuthorisationCase[] = [
      { route: 'GET /places/:place/social-prescribing', request: (a) => a.get(base), expect: careTeam },
      {
        route: 'GET /places/:place/social-prescribing/people/new',
        request: (a) => a.get(`${base}/people/new`),
        expect: careTeam,
      },
      {
        route: 'POST /places/:place/social-prescribing/people/new',
        request: (a) => a.post(`${base}/people/new`, {}),
        expect: invalidInput(careTeam),
        submission: {
          creates: {
            as: 'link_worker',
            fields: {
              name: 'Harold Price',
              preferredName: 'Harry',
              email: '',
              phone: '',
              howToContact: 'Phone after 10',
              accessNeeds: '',
              referredFrom: 'A surgery',
            },
            table: 'prescribing_records',
          },
        },
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record',
        request: (a) => a.get(record),
        expect: careTeam,
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/conversation',
        request: (a) => a.get(`${record}/conversation`),
        expect: careTeam,
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/conversation',
        request: (a) => a.post(`${record}/conversation`, {}),
        expect: invalidInput(careTeam),
        submission: {
          creates: {
            as: 'link_worker',
            fields: {
              ...past('heldOn'),
              strengths: 'Good listener',
              interests: 'Gardening',
              skills: '',
              wouldLikeTo: 'Get out more',
              getsInTheWay: '',
            },
            table: 'prescribing_conversations',
          },
        },
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/consent',
        request: (a) => a.get(`${record}/consent`),
        expect: careTeam,
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/consent',
        request: (a) => a.post(`${record}/consent`, {}),
        expect: invalidInput(careTeam),
        submission: {
          creates: {
            as: 'link_worker',
            fields: { ...past('givenOn'), decision: 'agreed', shares: ['first_name'], messageBack: 'yes' },
            table: 'prescribing_consents',
          },
        },
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/care-team',
        request: (a) => a.post(`${record}/care-team`, {}),
        expect: invalidInput(careTeam),
        submission: { changesInPlace: 'a colleague already on the care team is not added again' },
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/care-team/:person/remove',
        request: (a) => a.post(`${record}/care-team/${personIds.officer}/remove`),
        expect: careTeam,
        submission: { changesInPlace: 'it removes a colleague; a repeat finds nobody to remove' },
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/invite',
        request: (a) => a.post(`${base}/people/${unclaimedId}/invite`),
        expect: careTeam,
        submission: { creates: { as: 'link_worker', fields: {}, table: 'jobs' } },
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/request',
        request: (a) => a.get(`${record}/request`),
        expect: careTeam,
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/request',
        request: (a) => a.post(`${record}/request`, {}),
        expect: invalidInput(careTeam),
        submission: {
          creates: {
            as: 'link_worker',
            fields: { title: 'A lift to the shops', category: 'lifts', area: 'KL1', duration: '60' },
            table: 'exchange_posts',
          },
        },
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/health-notes',
        request: (a) => a.get(`${record}/health-notes`),
        expect: roles('link_worker', 'resident'),
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/health-notes',
        request: (a) => a.post(`${record}/health-notes`, {}),
        expect: invalidInput(careTeam),
        submission: {
          creates: {
            as: 'link_worker',
            fields: { body: 'Takes medication at lunchtime' },
            table: 'prescribing_health_notes',
          },
        },
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/find',
        request: (a) => a.get(`${record}/find?q=walk`),
        expect: careTeam,
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/referrals',
        request: (a) => a.post(`${record}/referrals`, {}),
        expect: invalidInput(careTeam),
        submission: {
          creates: { as: 'link_worker', fields: { activities: another.id, note: '' }, table: 'prescribing_referrals' },
        },
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/wellbeing',
        request: (a) => a.get(`${record}/wellbeing`),
        expect: careTeam,
      },
      {
        route: 'POST /places/:place/social-prescribing/people/:record/wellbeing',
        request: (a) => a.post(`${record}/wellbeing`, {}),
        expect: invalidInput(careTeam),
        submission: { changesInPlace: 'one set of answers per instrument and timepoint: a repeat overwrites it' },
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/export.json',
        request: (a) => a.get(`${record}/export.json`),
        expect: careTeam,
      },
      {
        route: 'GET /places/:place/social-prescribing/people/:record/message-back',
        request: (a) => a.get(`${record}/message-back`),
        expect: careTeam,
      },
      {
        route: 'GET /places/:place/social-prescribing/referrals/:referral',
        request: (a) => a.get(`${base}/referrals/${referralId}`),
        expect: careTeam,
      },
      {
        route: 'POST /places/:place/social-prescribing/referrals/:referral',
        request: (a) => a.post(`${base}/referrals/${referralId}`, {}),
        expect: invalidInput(careTeam),
        submission: {
          changesInPlace: 'a referral moves on from a status once: a repeat of the same change is refused',
        },
      },
      {
        route: 'GET /places/:place/referrals-in',
        request: (a) => a.get('/places/calderbrook/referrals-in'),
        expect: group,
      },
      {
        route: 'GET /places/:place/referrals-in/:referral',
        request: (a) => a.get(`/places/calderbrook/referrals-in/${referralId}`),
        expect: group,
      },
      {
        route: 'POST /places/:place/referrals-in/:referral',
        request: (a) => a.post(`/places/calderbrook/referrals-in/${referralId}`, {}),
        expect: invalidInput(group),
        submission: {
          changesInPlace: 'a referral moves on from a status once: a repeat of the same change is refused',
        },
      },
      {
        route: 'GET /places/:place/my-support',
        request: (a) => a.get('/places/calderbrook/my-support'),
        expect: member,
      },
      {
        // Anyone who belongs here may ask for support (the resident, who has a link worker, is sent to them).
        route: 'GET /places/:place/my-support/ask',
        request: (a) => a.get('/places/calderbrook/my-support/ask'),
        expect: member,
      },
      {
        route: 'POST /places/:place/my-support/ask',
        request: (a) => a.post('/places/calderbrook/my-support/ask', {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'coordinator',
            fields: { wouldLikeTo: 'Meet people', support: 'link_worker', agree: 'yes' },
            table: 'prescribing_records',
          },
        },
      },
      {
        route: 'GET /places/:place/referrals-sent',
        request: (a) => a.get('/places/calderbrook/referrals-sent'),
        expect: roles('referrer'),
      },
      {
        route: 'GET /places/:place/referrals-sent/new',
        request: (a) => a.get('/places/calderbrook/referrals-sent/new'),
        expect: roles('referrer'),
      },
      {
        route: 'POST /places/:place/referrals-sent/new',
        request: (a) => a.post('/places/calderbrook/referrals-sent/new', {}),
        expect: invalidInput(roles('referrer')),
        submission: {
          creates: {
            as: 'referrer',
            fields: {
              service: 'Calderbrook Housing',
              name: 'Pat Lowe',
              preferredName: 'Pat',
              phone: '01632 960000',
              wouldLikeTo: 'Meet people',
              support: 'link_worker',
              ...past('givenOn'),
              agree: 'yes',
            },
            table: 'prescribing_records',
          },
        },
      },
      {
        route: 'GET /places/:place/social-prescribing/claim/:token',
        request: (a) => a.get(`${base}/claim/not-a-real-token`),
        expect: signedIn,
      },
      {
        route: 'POST /places/:place/social-prescribing/claim/:token',
        request: (a) => a.post(`${base}/claim/not-a-real-token`),
        expect: signedIn,
        submission: { changesInPlace: 'the record is taken over once; the link then stops working' },
      },
      {
        route: 'GET /places/:place/social-prescribing/settings',
        request: (a) => a.get(`${base}/settings`),
        expect: roles('admin'),
      },
      {
        route: 'POST /places/:place/social-prescribing/settings',
        request: (a) => a.post(`${base}/settings`, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: 'it sets who may refer' },
      },
      {
        route: 'POST /places/:place/social-prescribing/settings/instruments',
        request: (a) => a.post(`${base}/settings/instruments`, {}),
        expect: invalidInput(roles('admin')),
        submission: {
          creates: {
            as: 'admin',
            fields: {
              name: 'Loneliness scale',
              items: 'I feel left out\nI have people to talk to',
              itemsCy: '',
              scaleMin: '1',
              scaleMax: '4',
              higherIsBetter: 'no',
              licenceNote: 'Free to use',
            },
            table: 'prescribing_instruments',
          },
        },
      },
    ];
    return cases;
  },
};
