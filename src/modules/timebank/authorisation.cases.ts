import { invalidInput, member, roles, type AuthorisationCase, type ModuleCases } from '../../authorisation/cases.js';
import { joinTimeCredits } from './accounts.js';
import { fundGroup, issueCredits, saveGroup } from './groups.js';
import { savePartner, saveReward } from './partners.js';
import { findAccountOf } from './store.js';

/** Anyone who belongs to Calderbrook, whatever their role. */

/**
 * The resident's own account is theirs; the group is run by the organiser; the partner's
 * counter is staffed by the partner. Nobody else sees them but coordinators and admins.
 */
export const timebankCases: ModuleCases = {
  module: 'timebank',
  // Every member left time credits at the end of the table; the payer and payee come back.
  async beforeSubmissions({ t, personIds, placeIds }) {
    for (const personId of [personIds.resident, personIds.coordinator])
      await joinTimeCredits(t.kith, { placeId: placeIds.calderbrook, personId });
  },
  async cases({ t, personIds, placeIds }): Promise<AuthorisationCase[]> {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const own = await joinTimeCredits(kith, { placeId, personId: personIds.resident });
    const groupId = await saveGroup(kith, {
      placeId,
      actorId: personIds.admin,
      name: 'Authorisation group',
      issues: true,
      organisers: ['only-organiser@test.example'],
    });
    const partnerId = await savePartner(kith, {
      placeId,
      actorId: personIds.admin,
      name: 'Authorisation partner',
      staff: ['only-partner@test.example'],
    });
    const rewardId = await saveReward(kith, {
      placeId,
      actorId: personIds.admin,
      partnerId,
      title: 'A swim',
      cost: 60,
      conditions: '',
      active: true,
    });
    const transferId = await fundGroup(kith, {
      placeId,
      actorId: personIds.admin,
      groupId,
      minutes: 600,
      note: 'Authorisation',
      formKey: 'authorisation-fund',
    });
    // Enough in the group to issue from, and in the resident's account to pay and redeem
    // with, after the rows above have reversed the first funding; and a transfer of its own
    // for the reversal form to reverse once.
    const fund = (minutes: number, note: string) =>
      fundGroup(kith, { placeId, actorId: personIds.admin, groupId, minutes, note, formKey: note });
    await fund(6000, 'Authorisation: to issue');
    const reversible = await fund(60, 'Authorisation: to reverse');
    const payee = await joinTimeCredits(kith, { placeId, personId: personIds.coordinator });
    await issueCredits(kith, {
      placeId,
      actorId: personIds.admin,
      groupId,
      number: own.number!,
      minutes: 600,
      note: 'Authorisation',
      formKey: 'authorisation-issue',
    });
    const groupAccount = (await findAccountOf(kith.db.kysely, placeId, 'group', groupId))!.id;
    const partnerAccount = (await findAccountOf(kith.db.kysely, placeId, 'partner', partnerId))!.id;
    const base = '/places/calderbrook/time-credits';
    const api = '/api/v1/places/calderbrook/time-credits';
    const staff = roles('coordinator', 'admin');
    return [
      { route: 'GET /places/:place/time-credits', request: (a) => a.get(base), expect: member },
      {
        route: 'POST /places/:place/time-credits/join',
        request: (a) => a.post(`${base}/join`),
        expect: member,
        submission: { changesInPlace: "opens the person's account, which they have once" },
      },
      { route: 'GET /places/:place/time-credits/pay', request: (a) => a.get(`${base}/pay`), expect: member },
      {
        route: 'POST /places/:place/time-credits/pay',
        request: (a) => a.post(`${base}/pay`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'resident',
            fields: { number: payee.number!, hours: '0', minutes: '30', note: 'Thanks for the lift' },
            table: 'time_transfers',
          },
        },
      },
      { route: 'GET /places/:place/time-credits/rewards', request: (a) => a.get(`${base}/rewards`), expect: member },
      {
        route: 'GET /places/:place/time-credits/accounts/:account',
        request: (a) => a.get(`${base}/accounts/${own.id}`),
        expect: roles('resident', 'coordinator', 'admin'),
      },
      {
        route: 'GET /places/:place/time-credits/accounts/:account/statement.csv',
        request: (a) => a.get(`${base}/accounts/${groupAccount}/statement.csv`),
        expect: roles('organiser', 'coordinator', 'admin'),
      },
      {
        route: 'GET /places/:place/time-credits/groups/:group',
        request: (a) => a.get(`${base}/groups/${groupId}`),
        expect: roles('organiser', 'coordinator', 'admin'),
      },
      {
        route: 'POST /places/:place/time-credits/groups/:group/issue',
        request: (a) => a.post(`${base}/groups/${groupId}/issue`, {}),
        expect: invalidInput(roles('organiser', 'coordinator', 'admin')),
        submission: {
          creates: {
            as: 'organiser',
            fields: { number: own.number!, hours: '2', minutes: '0', note: 'Litter pick' },
            table: 'time_transfers',
          },
        },
      },
      {
        route: 'POST /places/:place/time-credits/groups/:group/choice',
        request: (a) => a.post(`${base}/groups/${groupId}/choice`, {}),
        expect: invalidInput(roles('organiser', 'coordinator', 'admin')),
        submission: { changesInPlace: 'sets whether the group gives time credits' },
      },
      {
        route: 'GET /places/:place/time-credits/partners/:partner',
        request: (a) => a.get(`${base}/partners/${partnerId}`),
        expect: roles('partner', 'coordinator', 'admin'),
      },
      {
        route: 'POST /places/:place/time-credits/partners/:partner/redeem',
        request: (a) => a.post(`${base}/partners/${partnerId}/redeem`, {}),
        expect: invalidInput(roles('partner', 'coordinator', 'admin')),
        submission: {
          creates: { as: 'partner', fields: { number: own.number!, reward: rewardId }, table: 'time_transfers' },
        },
      },
      {
        route: 'GET /places/:place/time-credits/partners/:partner/rewards/new',
        request: (a) => a.get(`${base}/partners/${partnerId}/rewards/new`),
        expect: roles('partner', 'coordinator', 'admin'),
      },
      {
        route: 'GET /places/:place/time-credits/partners/:partner/rewards/:reward',
        request: (a) => a.get(`${base}/partners/${partnerId}/rewards/${rewardId}`),
        expect: roles('partner', 'coordinator', 'admin'),
      },
      {
        route: 'POST /places/:place/time-credits/partners/:partner/rewards',
        request: (a) => a.post(`${base}/partners/${partnerId}/rewards`, {}),
        expect: invalidInput(roles('partner', 'coordinator', 'admin')),
        submission: {
          creates: {
            as: 'partner',
            fields: { title: 'A film on a weekday', hours: '2', minutes: '0', conditions: '' },
            table: 'time_credit_rewards',
          },
        },
      },
      {
        route: 'POST /places/:place/time-credits/partners/:partner/rewards/:reward',
        request: (a) => a.post(`${base}/partners/${partnerId}/rewards/${rewardId}`, {}),
        expect: invalidInput(roles('partner', 'coordinator', 'admin')),
        submission: { changesInPlace: 'edits the reward in place' },
      },
      {
        route: 'GET /places/:place/time-credits/manage',
        request: (a) => a.get(`${base}/manage?number=123456`),
        expect: staff,
      },
      {
        route: 'GET /places/:place/time-credits/manage/settings',
        request: (a) => a.get(`${base}/manage/settings`),
        expect: roles('admin'),
      },
      {
        route: 'POST /places/:place/time-credits/manage/settings',
        request: (a) => a.post(`${base}/manage/settings`, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: "sets the place's time credit settings" },
      },
      {
        route: 'GET /places/:place/time-credits/manage/groups/new',
        request: (a) => a.get(`${base}/manage/groups/new`),
        expect: staff,
      },
      {
        route: 'GET /places/:place/time-credits/manage/groups/:group',
        request: (a) => a.get(`${base}/manage/groups/${groupId}`),
        expect: staff,
      },
      {
        route: 'POST /places/:place/time-credits/manage/groups',
        request: (a) => a.post(`${base}/manage/groups`, {}),
        expect: invalidInput(staff),
        submission: {
          creates: {
            as: 'coordinator',
            fields: { name: 'Canal clean-up crew', issues: 'yes', organisers: 'only-organiser@test.example' },
            table: 'time_credit_groups',
          },
        },
      },
      {
        route: 'POST /places/:place/time-credits/manage/groups/:group',
        request: (a) => a.post(`${base}/manage/groups/${groupId}`, {}),
        expect: invalidInput(staff),
        submission: { changesInPlace: 'edits the group in place' },
      },
      {
        route: 'POST /places/:place/time-credits/manage/groups/:group/fund',
        request: (a) => a.post(`${base}/manage/groups/${groupId}/fund`, {}),
        expect: invalidInput(staff),
        submission: {
          creates: { as: 'coordinator', fields: { hours: '3', minutes: '0', note: 'Spring' }, table: 'time_transfers' },
        },
      },
      {
        route: 'GET /places/:place/time-credits/manage/partners/new',
        request: (a) => a.get(`${base}/manage/partners/new`),
        expect: staff,
      },
      {
        route: 'GET /places/:place/time-credits/manage/partners/:partner',
        request: (a) => a.get(`${base}/manage/partners/${partnerId}`),
        expect: staff,
      },
      {
        route: 'POST /places/:place/time-credits/manage/partners',
        request: (a) => a.post(`${base}/manage/partners`, {}),
        expect: invalidInput(staff),
        submission: {
          creates: {
            as: 'coordinator',
            fields: { name: 'Calderbrook Lido', staff: 'only-partner@test.example' },
            table: 'time_credit_partners',
          },
        },
      },
      {
        route: 'POST /places/:place/time-credits/manage/partners/:partner',
        request: (a) => a.post(`${base}/manage/partners/${partnerId}`, {}),
        expect: invalidInput(staff),
        submission: { changesInPlace: 'edits the partner in place' },
      },
      {
        route: 'GET /places/:place/time-credits/transfers/:transfer/reverse',
        request: (a) => a.get(`${base}/transfers/${transferId}/reverse`),
        expect: staff,
      },
      {
        route: 'POST /places/:place/time-credits/transfers/:transfer/reverse',
        request: (a) => a.post(`${base}/transfers/${reversible}/reverse`, {}),
        expect: invalidInput(staff),
        submission: {
          creates: { as: 'coordinator', fields: { reason: 'Given twice by mistake' }, table: 'time_transfers' },
        },
      },
      {
        route: 'GET /places/:place/time-credits/totals',
        request: (a) => a.get(`${base}/totals`),
        expect: roles('officer', 'coordinator', 'admin'),
      },
      {
        route: 'GET /api/v1/places/:place/time-credits/account',
        request: (a) => a.get(`${api}/account`),
        expect: member,
      },
      {
        route: 'POST /api/v1/places/:place/time-credits/payments',
        request: (a) => a.json('POST', `${api}/payments`, { to: '100000', minutes: 1 }),
        expect: member,
        submission: {
          creates: {
            as: 'resident',
            json: { to: payee.number!, minutes: 15, note: 'Thanks' },
            table: 'time_transfers',
          },
        },
      },
      {
        route: 'GET /api/v1/places/:place/time-credits/accounts/:account/entries',
        request: (a) => a.get(`${api}/accounts/${partnerAccount}/entries`),
        expect: roles('partner', 'coordinator', 'admin'),
      },
      {
        route: 'POST /api/v1/places/:place/time-credits/transfers/:transfer/reversal',
        request: (a) => a.json('POST', `${api}/transfers/${transferId}/reversal`, { reason: 'Checking who may' }),
        expect: staff,
        submission: {
          changesInPlace: 'a transfer is reversed once: a repeat is refused, or answered as the first was',
        },
      },
      {
        route: 'POST /api/v1/places/:place/time-credits/partners/:partner/redemptions',
        request: (a) =>
          a.json('POST', `${api}/partners/${partnerId}/redemptions`, { number: '100000', reward: rewardId }),
        expect: roles('partner', 'coordinator', 'admin'),
        submission: {
          creates: { as: 'partner', json: { number: own.number!, reward: rewardId }, table: 'time_transfers' },
        },
      },
      {
        route: 'GET /api/v1/places/:place/time-credits/totals',
        request: (a) => a.get(`${api}/totals`),
        expect: roles('officer', 'coordinator', 'admin'),
      },
      { route: 'GET /places/:place/time-credits/leave', request: (a) => a.get(`${base}/leave`), expect: member },
      {
        route: 'POST /places/:place/time-credits/leave',
        request: (a) => a.post(`${base}/leave`),
        expect: member,
        submission: { changesInPlace: "closes the person's account" },
      },
    ];
  },
};
