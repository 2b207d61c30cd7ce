import {
  invalidInput,
  everyone,
  member,
  roles,
  type AuthorisationCase,
  type ModuleCases,
} from '../../authorisation/cases.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import {
  addPhase,
  argue,
  assess,
  comment,
  createDecision,
  createProcess,
  propose,
  respondToConsent,
  suggestAmendment,
} from './participation.js';
import { consentResponsesOf } from './store.js';

const managers = roles('officer', 'coordinator', 'admin');
const assessors = roles('organiser', 'coordinator', 'link_worker', 'partner', 'officer', 'admin');

/**
 * A process in Calderbrook whose one phase is open now for everything residents can do,
 * with an approval vote on it and a support threshold. The resident has proposed twice
 * (one to adopt) and commented; the organiser suggested two changes to the resident's
 * proposal, which only the resident may accept or decline. The organiser has answered
 * the ladder self-assessment.
 */
export const participationCases: ModuleCases = {
  module: 'participation',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const officer = personIds.officer;
    const today = todayInPlace();
    const processId = await createProcess(kith, {
      placeId,
      personId: officer,
      process: { title: 'Authorisation process', description: 'Testing', easyRead: 'We want your ideas.' },
    });
    const phaseId = await addPhase(kith, {
      placeId,
      personId: officer,
      processId,
      phase: {
        title: 'Everything',
        description: '',
        opensOn: addDays(today, -1),
        closesOn: addDays(today, 10),
        activities: ['propose', 'support', 'debate', 'vote'],
        rung: 'engagement',
      },
    });
    const vote = await createDecision(kith, {
      placeId,
      personId: officer,
      processId,
      decision: { kind: 'approval', title: 'Vote', threshold: 0, phaseId, maxChoices: 2, winners: 1 },
    });
    const threshold = await createDecision(kith, {
      placeId,
      personId: officer,
      processId,
      decision: { kind: 'threshold', title: 'Threshold', threshold: 3, phaseId: null, maxChoices: 0, winners: 0 },
    });
    const resident = personIds.resident;
    const proposal = await propose(kith, {
      placeId,
      personId: resident,
      processId,
      proposal: { title: 'Benches', body: 'More benches', area: 'Park' },
    });
    const toAdopt = await propose(kith, {
      placeId,
      personId: resident,
      processId,
      proposal: { title: 'Lights', body: 'More lights', area: '' },
    });
    // A consent decision on the second proposal: the resident has objected; the organiser stood aside.
    const consent = await createDecision(kith, {
      placeId,
      personId: officer,
      processId,
      decision: {
        kind: 'consent',
        title: 'Consent',
        threshold: 0,
        phaseId,
        maxChoices: 0,
        winners: 0,
        proposalId: toAdopt,
      },
    });
    for (const [personId, response, reason] of [
      [resident, 'object', 'Too bright'],
      [personIds.organiser, 'standAside', ''],
    ] as const)
      await respondToConsent(kith, { placeId, personId, decisionId: consent, response, reason });
    const objection = (await consentResponsesOf(kith.db.kysely, consent)).find((r) => r.personId === resident)!.id;
    const argumentId = await argue(kith, {
      placeId,
      personId: resident,
      proposalId: proposal,
      side: 'for',
      body: 'Rest',
    });
    const commentId = await comment(kith, { placeId, personId: resident, proposalId: proposal, body: 'Yes' });
    const toAccept = await suggestAmendment(kith, {
      placeId,
      personId: personIds.organiser,
      proposalId: proposal,
      body: 'More benches, by the canal',
    });
    const toDecline = await suggestAmendment(kith, {
      placeId,
      personId: personIds.organiser,
      proposalId: proposal,
      body: 'More benches, painted green',
    });
    const assessment = await assess(kith, {
      placeId,
      personId: personIds.organiser,
      assessment: {
        service: 'Authorisation café',
        answers: {
          assets: 1,
          capabilities: 1,
          mutuality: 1,
          peers: 1,
          roles: 1,
          facilitating: 1,
          informing: 1,
          listening: 1,
          sharing: 1,
          delivering: 1,
        },
      },
    });
    // A process of its own to close, so closing it leaves the others running.
    const toClose = await createProcess(kith, {
      placeId,
      personId: officer,
      process: {
        title: 'Authorisation process to close',
        description: 'Testing closing',
        easyRead: 'We want your ideas.',
      },
    });
    const base = '/places/calderbrook/participation';
    const opens = addDays(today, 20);
    const answers = {
      assets: '2',
      capabilities: '2',
      mutuality: '1',
      peers: '1',
      roles: '1',
      facilitating: '2',
      informing: '3',
      listening: '2',
      sharing: '1',
      delivering: '0',
    };
    const rows: AuthorisationCase[] = [
      { route: 'GET /places/:place/participation', request: (a) => a.get(base), expect: everyone },
      { route: 'GET /places/:place/participation/new', request: (a) => a.get(`${base}/new`), expect: managers },
      {
        route: 'POST /places/:place/participation/new',
        request: (a) => a.post(`${base}/new`, {}),
        expect: invalidInput(managers),
        submission: {
          creates: {
            as: 'officer',
            fields: { title: 'Twice', description: 'Posted twice', easyRead: 'We posted this twice.' },
            table: 'participation_processes',
          },
        },
      },
      {
        route: 'GET /places/:place/participation/processes/:process',
        request: (a) => a.get(`${base}/processes/${processId}`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/participation/processes/:process/easy-read',
        request: (a) => a.get(`${base}/processes/${processId}/easy-read`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/participation/processes/:process/easy-read/edit',
        request: (a) => a.get(`${base}/processes/${processId}/easy-read/edit`),
        expect: managers,
      },
      {
        route: 'POST /places/:place/participation/processes/:process/easy-read/edit',
        // Empty: refused beside the field, so the summary stays as it was for the next role.
        request: (a) => a.post(`${base}/processes/${processId}/easy-read/edit`, { easyRead: '' }),
        expect: invalidInput(managers),
        submission: { changesInPlace: 'sets the summary to the text sent: a repeat sets the same text' },
      },
      {
        route: 'GET /places/:place/participation/processes/:process/close',
        request: (a) => a.get(`${base}/processes/${toClose}/close`),
        expect: managers,
      },
      {
        route: 'POST /places/:place/participation/processes/:process/close',
        // Too long an answer: refused, so the process stays open for the next role.
        request: (a) => a.post(`${base}/processes/${toClose}/close`, { differently: 'x'.repeat(2001) }),
        expect: invalidInput(managers),
        submission: {
          creates: {
            as: 'officer',
            fields: { differently: 'Start the vote sooner', shareDraft: 'yes' },
            table: 'library_cases',
          },
        },
      },
      {
        route: 'GET /places/:place/participation/processes/:process/phases/new',
        request: (a) => a.get(`${base}/processes/${processId}/phases/new`),
        expect: managers,
      },
      {
        route: 'POST /places/:place/participation/processes/:process/phases/new',
        request: (a) => a.post(`${base}/processes/${processId}/phases/new`, {}),
        expect: invalidInput(managers),
        submission: {
          creates: {
            as: 'officer',
            fields: {
              title: 'Later',
              'opensOn-day': opens.slice(8),
              'opensOn-month': opens.slice(5, 7),
              'opensOn-year': opens.slice(0, 4),
              'closesOn-day': opens.slice(8),
              'closesOn-month': opens.slice(5, 7),
              'closesOn-year': opens.slice(0, 4),
              activities: ['vote'],
              rung: 'consultation',
            },
            table: 'participation_phases',
          },
        },
      },
      {
        route: 'GET /places/:place/participation/processes/:process/propose',
        request: (a) => a.get(`${base}/processes/${processId}/propose`),
        expect: member,
      },
      {
        route: 'POST /places/:place/participation/processes/:process/propose',
        request: (a) => a.post(`${base}/processes/${processId}/propose`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'resident',
            fields: { title: 'Twice', body: 'Proposed twice', area: '' },
            table: 'participation_proposals',
          },
        },
      },
      {
        route: 'GET /places/:place/participation/processes/:process/decisions/new',
        request: (a) => a.get(`${base}/processes/${processId}/decisions/new`),
        expect: managers,
      },
      {
        route: 'POST /places/:place/participation/processes/:process/decisions/new',
        request: (a) => a.post(`${base}/processes/${processId}/decisions/new`, {}),
        expect: invalidInput(managers),
        submission: {
          creates: {
            as: 'officer',
            fields: { kind: 'threshold', title: 'Twice', threshold: '5' },
            table: 'participation_decisions',
          },
        },
      },
      {
        route: 'GET /places/:place/participation/proposals/:proposal',
        request: (a) => a.get(`${base}/proposals/${proposal}`),
        expect: everyone,
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/support',
        request: (a) => a.post(`${base}/proposals/${proposal}/support`, { follow: 'yes' }),
        expect: member,
        submission: { changesInPlace: 'a person supports a proposal once: again changes nothing' },
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/comments',
        request: (a) => a.post(`${base}/proposals/${proposal}/comments`, {}),
        expect: invalidInput(member),
        submission: {
          creates: { as: 'coordinator', fields: { comment: 'Said twice' }, table: 'participation_comments' },
        },
      },
      {
        route: 'GET /places/:place/participation/proposals/:proposal/amend',
        request: (a) => a.get(`${base}/proposals/${proposal}/amend`),
        expect: member,
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/amend',
        request: (a) => a.post(`${base}/proposals/${proposal}/amend`, {}),
        expect: invalidInput(member),
        submission: {
          creates: { as: 'organiser', fields: { body: 'Benches twice over' }, table: 'participation_amendments' },
        },
      },
      {
        route: 'POST /places/:place/participation/amendments/:amendment/accept',
        request: (a) => a.post(`${base}/amendments/${toAccept}/accept`, {}),
        expect: roles('resident'),
        submission: { changesInPlace: 'an amendment is answered once; again changes nothing' },
      },
      {
        route: 'POST /places/:place/participation/amendments/:amendment/decline',
        request: (a) => a.post(`${base}/amendments/${toDecline}/decline`, {}),
        expect: roles('resident'),
        submission: { changesInPlace: 'an amendment is answered once; again changes nothing' },
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/adopt',
        request: (a) => a.post(`${base}/proposals/${toAdopt}/adopt`, {}),
        expect: managers,
        submission: { changesInPlace: 'adopting an adopted proposal changes nothing' },
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/reject',
        request: (a) => a.post(`${base}/proposals/${proposal}/reject`, {}),
        expect: invalidInput(managers),
        submission: { changesInPlace: 'it sets the proposal’s status and reason' },
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/updates',
        request: (a) => a.post(`${base}/proposals/${toAdopt}/updates`, {}),
        expect: invalidInput(managers),
        submission: {
          creates: {
            as: 'officer',
            fields: { status: 'underway', update: 'Work has started' },
            table: 'participation_result_updates',
          },
        },
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/hide',
        request: (a) => a.post(`${base}/proposals/${proposal}/hide`, {}),
        expect: invalidInput(managers),
        submission: { changesInPlace: 'hiding a hidden proposal changes nothing' },
      },
      {
        route: 'POST /places/:place/participation/comments/:comment/hide',
        request: (a) => a.post(`${base}/comments/${commentId}/hide`, {}),
        expect: invalidInput(managers),
        submission: { changesInPlace: 'hiding a hidden comment changes nothing' },
      },
      {
        route: 'GET /places/:place/participation/decisions/:decision',
        request: (a) => a.get(`${base}/decisions/${vote}`),
        expect: everyone,
      },
      {
        route: 'POST /places/:place/participation/decisions/:decision/ballot',
        request: (a) => a.post(`${base}/decisions/${vote}/ballot`, { choices: [proposal] }),
        expect: member,
        submission: { changesInPlace: 'one ballot a person: casting again replaces it' },
      },
      {
        route: 'POST /places/:place/participation/decisions/:decision/publish',
        request: (a) => a.post(`${base}/decisions/${threshold}/publish`, {}),
        expect: managers,
        submission: { changesInPlace: 'a result is published once' },
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/arguments',
        request: (a) => a.post(`${base}/proposals/${proposal}/arguments`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'partner',
            fields: { side: 'against', argument: 'Said twice' },
            table: 'participation_arguments',
          },
        },
      },
      {
        route: 'POST /places/:place/participation/proposals/:proposal/summary',
        request: (a) => a.post(`${base}/proposals/${proposal}/summary`, {}),
        expect: invalidInput(managers),
        submission: {
          creates: {
            as: 'officer',
            fields: { summary: 'Summed up twice' },
            table: 'participation_debate_summaries',
          },
        },
      },
      {
        route: 'POST /places/:place/participation/arguments/:argument/hide',
        request: (a) => a.post(`${base}/arguments/${argumentId}/hide`, {}),
        expect: invalidInput(managers),
        submission: { changesInPlace: 'hiding a hidden argument changes nothing' },
      },
      {
        route: 'POST /places/:place/participation/decisions/:decision/consent',
        // No response chosen: refused beside the field, so each role may try. The resident
        // and the organiser responded in the setup: no form is left for them, so they go back
        // to the decision, which says so.
        request: (a) => a.post(`${base}/decisions/${consent}/consent`, {}),
        expect: (actor) => (actor === 'resident' || actor === 'organiser' ? 'ok' : invalidInput(member)(actor)),
        submission: { changesInPlace: 'one response a person: a second is refused' },
      },
      {
        route: 'POST /places/:place/participation/objections/:objection/address',
        request: (a) => a.post(`${base}/objections/${objection}/address`, {}),
        expect: invalidInput(managers),
        submission: { changesInPlace: 'it sets how the objection was addressed' },
      },
      {
        route: 'POST /places/:place/participation/objections/:objection/agree',
        // Not yet addressed when each role tries: the objector's agreement changes nothing.
        request: (a) => a.post(`${base}/objections/${objection}/agree`, {}),
        expect: roles('resident'),
        submission: { changesInPlace: 'an objection is resolved once' },
      },
      {
        route: 'POST /places/:place/participation/objections/:objection/withdraw',
        request: (a) => a.post(`${base}/objections/${objection}/withdraw`, {}),
        expect: roles('resident'),
        submission: { changesInPlace: 'an objection is withdrawn once; again changes nothing' },
      },
      { route: 'GET /places/:place/participation/ladder', request: (a) => a.get(`${base}/ladder`), expect: assessors },
      {
        route: 'POST /places/:place/participation/ladder',
        request: (a) => a.post(`${base}/ladder`, {}),
        expect: invalidInput(assessors),
        submission: {
          creates: {
            as: 'partner',
            fields: { service: 'Twice service', ...answers },
            table: 'participation_assessments',
          },
        },
      },
      {
        route: 'GET /places/:place/participation/ladder/results/:assessment',
        request: (a) => a.get(`${base}/ladder/results/${assessment}`),
        expect: assessors,
      },
      {
        route: 'GET /places/:place/participation/ladder/services',
        request: (a) => a.get(`${base}/ladder/services`),
        expect: roles('officer', 'admin'),
      },
    ];
    return rows;
  },
};
