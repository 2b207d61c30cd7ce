import {
  invalidInput,
  everyone,
  roles,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
  type Outcome,
} from '../../authorisation/cases.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { attachSupportingFile } from './files.js';
import { acceptAward, addToPanel, createFund, createRound, decide, startApplication } from './grants.js';
import { planPayment } from './awards.js';
import type { RoundInput } from './inputs.js';
import type { ApplicationFields } from './store.js';

const member = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'otherPlaceAdmin' ? 'forbidden' : 'ok';
const officers = roles('officer', 'admin');

/**
 * A fund with two open rounds in Calderbrook: one decided by a panel (the resident and
 * the officer sit on it) and one by a vote. The organiser has applied three times: one
 * application awaits a decision, one was awarded, one is a draft they may withdraw.
 */
export const grantsCases: ModuleCases = {
  module: 'grants',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const officer = personIds.officer;
    const today = todayInPlace();
    const fund = await createFund(kith, {
      placeId,
      personId: officer,
      fund: {
        name: 'Test fund',
        purpose: 'Testing',
        funderName: 'Council',
        funderId: 'GB-LAE-CAL',
        prefix: '360G-test',
        allowsIndividuals: true,
      },
    });
    const round: RoundInput = {
      title: 'Panel round',
      purpose: 'Testing',
      budget: 100_000,
      minAward: 1_000,
      maxAward: 50_000,
      whoMayApply: ['constituted', 'informal', 'individual'],
      area: 'Calderbrook',
      districts: [],
      opensOn: addDays(today, -1),
      closesOn: addDays(today, 10),
      decidedBy: 'panel',
      voteOpensOn: null,
      voteClosesOn: null,
      ballotKind: 'budget',
      voteMaxProjects: 0,
      criteria: [{ name: 'Benefit', n: 2 }],
      questions: [],
    };
    const panelRound = await createRound(kith, { placeId, personId: officer, fundId: fund, round });
    const voteRound = await createRound(kith, {
      placeId,
      personId: officer,
      fundId: fund,
      round: {
        ...round,
        title: 'Vote round',
        decidedBy: 'vote',
        voteOpensOn: addDays(today, 20),
        voteClosesOn: addDays(today, 30),
      },
    });
    const fields = (title: string): ApplicationFields => ({
      applicantKind: 'constituted',
      groupName: 'Test group',
      charityNumber: '',
      companyNumber: '',
      hostName: '',
      hostCharityNumber: '',
      hostCompanyNumber: '',
      projectTitle: title,
      summary: 'A project',
      budgetLines: [{ item: 'Things', pence: 10_000 }],
      amountPence: 10_000,
      answers: {},
    });
    const organiser = personIds.organiser;
    const waiting = await startApplication(kith, {
      placeId,
      personId: organiser,
      roundId: panelRound,
      fields: fields('Waiting'),
      action: 'submit',
    });
    const awarded = await startApplication(kith, {
      placeId,
      personId: organiser,
      roundId: panelRound,
      fields: fields('Awarded'),
      action: 'submit',
    });
    const draft = await startApplication(kith, {
      placeId,
      personId: organiser,
      roundId: panelRound,
      fields: fields('Draft'),
      action: 'save',
    });
    await startApplication(kith, {
      placeId,
      personId: organiser,
      roundId: voteRound,
      fields: fields('Voted'),
      action: 'submit',
    });
    await decide(kith, {
      placeId,
      personId: officer,
      roundId: panelRound,
      applicationId: awarded,
      outcome: 'full',
      amountPence: 0,
      reasons: 'Good',
    });
    // The awarded application is accepted and has one payment planned, for the award's pages.
    await acceptAward(kith, { placeId, personId: organiser, applicationId: awarded });
    const payment = await planPayment(kith, {
      placeId,
      personId: officer,
      applicationId: awarded,
      dueOn: today,
      amountPence: 1_000,
    });
    for (const who of ['only-resident@test.example', 'only-officer@test.example'])
      await addToPanel(kith, { placeId, personId: officer, roundId: panelRound, email: who });

    // A supporting file on the application awaiting a decision.
    const quote = await attachSupportingFile(kith, {
      placeId,
      personId: organiser,
      applicationId: waiting,
      file: { fileName: 'quote.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
    });
    const base = '/places/calderbrook/grants';
    const panel = roles('resident', 'officer');
    const own = roles('organiser');
    const dates = (name: string, iso: string) => {
      const [y, m, d] = iso.split('-');
      return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
    };
    const rows: AuthorisationCase[] = [
      { route: 'GET /places/:place/grants', request: (a) => a.get(base), expect: everyone },
      {
        route: 'GET /places/:place/grants/360giving.json',
        request: (a) => a.get(`${base}/360giving.json`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/grants/360giving.csv',
        request: (a) => a.get(`${base}/360giving.csv`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/grants/rounds/:round',
        request: (a) => a.get(`${base}/rounds/${panelRound}`),
        expect: everyone,
      },
      { route: 'GET /places/:place/grants/funds/new', request: (a) => a.get(`${base}/funds/new`), expect: officers },
      {
        route: 'POST /places/:place/grants/funds/new',
        request: (a) => a.post(`${base}/funds/new`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            table: 'grant_funds',
            fields: {
              name: 'Second fund',
              purpose: 'More',
              funderName: 'Council',
              funderId: 'GB-LAE-CAL',
              prefix: '360G-test',
            },
          },
        },
      },
      {
        route: 'GET /places/:place/grants/funds/:fund',
        request: (a) => a.get(`${base}/funds/${fund}`),
        expect: officers,
      },
      {
        route: 'GET /places/:place/grants/funds/:fund/rounds/new',
        request: (a) => a.get(`${base}/funds/${fund}/rounds/new`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/grants/funds/:fund/rounds/new',
        request: (a) => a.post(`${base}/funds/${fund}/rounds/new`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            table: 'grant_rounds',
            fields: {
              title: 'Another round',
              purpose: 'More',
              budget: '1000',
              minAward: '100',
              maxAward: '500',
              whoMayApply: 'constituted',
              area: 'Calderbrook',
              decidedBy: 'panel',
              criteria: 'Benefit | 1',
              ...dates('opensOn', today),
              ...dates('closesOn', addDays(today, 5)),
            },
          },
        },
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/manage',
        request: (a) => a.get(`${base}/rounds/${panelRound}/manage`),
        expect: officers,
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/edit',
        request: (a) => a.get(`${base}/rounds/${panelRound}/edit`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/edit',
        request: (a) => a.post(`${base}/rounds/${panelRound}/edit`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'saving the same details twice leaves the round as the first save did' },
      },
      // Counts of what applicants answered: for officers only, never the panel (the resident sits on it) or applicants.
      {
        route: 'GET /places/:place/grants/rounds/:round/equality',
        request: (a) => a.get(`${base}/rounds/${panelRound}/equality`),
        expect: officers,
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/equality.csv',
        request: (a) => a.get(`${base}/rounds/${panelRound}/equality.csv`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/panel',
        request: (a) => a.post(`${base}/rounds/${panelRound}/panel`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'a person is on a panel once: adding them again changes nothing' },
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/applications/:application/decision',
        request: (a) => a.post(`${base}/rounds/${panelRound}/applications/${waiting}/decision`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            table: 'grant_decisions',
            fields: { outcome: 'declined', reasons: 'Outside the fund’s purpose' },
          },
        },
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/applications/:application/shortlist',
        request: (a) => a.post(`${base}/rounds/${panelRound}/applications/${waiting}/shortlist`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'it sets whether the application is on the shortlist' },
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/publish',
        request: (a) => a.post(`${base}/rounds/${voteRound}/publish`, {}),
        expect: officers,
        submission: { changesInPlace: 'a result is published once; publishing again changes nothing' },
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/review',
        request: (a) => a.get(`${base}/rounds/${panelRound}/review`),
        expect: panel,
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/review/:application',
        request: (a) => a.get(`${base}/rounds/${panelRound}/review/${waiting}`),
        expect: panel,
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/review/:application/conflict',
        request: (a) => a.post(`${base}/rounds/${panelRound}/review/${waiting}/conflict`, {}),
        expect: invalidInput(panel),
        submission: { changesInPlace: 'one declaration per member and application, replaced by the next' },
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/review/:application/score',
        request: (a) => a.post(`${base}/rounds/${panelRound}/review/${waiting}/score`, {}),
        expect: invalidInput(panel),
        submission: { changesInPlace: 'one score per member, application and criterion, replaced by the next' },
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/apply',
        request: (a) => a.get(`${base}/rounds/${panelRound}/apply`),
        expect: member,
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/apply',
        request: (a) => a.post(`${base}/rounds/${panelRound}/apply`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'organiser',
            table: 'grant_applications',
            fields: { applicantKind: 'constituted', groupName: 'A group', action: 'save' },
          },
        },
      },
      { route: 'GET /places/:place/grants/mine', request: (a) => a.get(`${base}/mine`), expect: member },
      {
        route: 'GET /places/:place/grants/applications/:application',
        request: (a) => a.get(`${base}/applications/${waiting}`),
        expect: own,
      },
      {
        route: 'POST /places/:place/grants/applications/:application',
        request: (a) => a.post(`${base}/applications/${waiting}`, {}),
        expect: invalidInput(own),
        submission: { changesInPlace: 'it saves the application’s answers over the last ones' },
      },
      {
        route: 'POST /places/:place/grants/applications/:application/withdraw',
        request: (a) => a.post(`${base}/applications/${draft}/withdraw`),
        expect: own,
        submission: { changesInPlace: 'it sets the application withdrawn' },
      },
      {
        route: 'POST /places/:place/grants/applications/:application/accept',
        request: (a) => a.post(`${base}/applications/${awarded}/accept`),
        expect: own,
        submission: { changesInPlace: 'an award is accepted once; accepting again changes nothing' },
      },
      {
        route: 'GET /places/:place/grants/applications/:application/offer.pdf',
        request: (a) => a.get(`${base}/applications/${awarded}/offer.pdf`),
        expect: own,
      },
      {
        route: 'GET /places/:place/grants/applications/:application/check-in',
        request: (a) => a.get(`${base}/applications/${awarded}/check-in`),
        expect: own,
      },
      {
        route: 'POST /places/:place/grants/applications/:application/check-in',
        request: (a) => a.post(`${base}/applications/${awarded}/check-in`, {}),
        expect: invalidInput(own),
        submission: {
          changesInPlace:
            'one check-in per grant: a second is ignored; a draft case study it shares is made once per submission key',
        },
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/ballot',
        request: (a) => a.get(`${base}/rounds/${voteRound}/ballot`),
        expect: member,
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/ballot',
        request: (a) => a.post(`${base}/rounds/${voteRound}/ballot`, {}),
        expect: member,
        submission: { changesInPlace: 'one ballot per person and round, replaced by the next' },
      },
      // An award's pages: the officer's, the grantee's, and the round's finance download.
      {
        route: 'GET /places/:place/grants/rounds/:round/awards/:application',
        request: (a) => a.get(`${base}/rounds/${panelRound}/awards/${awarded}`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/awards/:application/payments',
        request: (a) => a.post(`${base}/rounds/${panelRound}/awards/${awarded}/payments`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            table: 'grant_payments',
            fields: { paymentAmount: '10', ...dates('dueOn', addDays(today, 30)) },
          },
        },
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/awards/:application/payments/:payment/paid',
        request: (a) => a.post(`${base}/rounds/${panelRound}/awards/${awarded}/payments/${payment}/paid`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'a payment is recorded paid once; recording it again changes nothing' },
      },
      {
        route: 'POST /places/:place/grants/rounds/:round/awards/:application/variations',
        request: (a) => a.post(`${base}/rounds/${panelRound}/awards/${awarded}/variations`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            table: 'grant_variations',
            fields: { reason: 'The project runs longer', ...dates('endsOn', addDays(today, 200)) },
          },
        },
      },
      {
        route: 'GET /places/:place/grants/rounds/:round/finance.csv',
        request: (a) => a.get(`${base}/rounds/${panelRound}/finance.csv`),
        expect: officers,
      },
      {
        route: 'GET /places/:place/grants/applications/:application/award',
        request: (a) => a.get(`${base}/applications/${awarded}/award`),
        expect: own,
      },
    ];
    // Supporting files: the applicant's page and changes; the download for the applicant,
    // the round's panel (the resident and the officer sit on it) and the place's officers.
    rows.push(
      {
        route: 'GET /places/:place/grants/applications/:application/files',
        request: (a) => a.get(`${base}/applications/${waiting}/files`),
        expect: own,
      },
      {
        route: 'POST /places/:place/grants/applications/:application/files',
        request: (a) => a.post(`${base}/applications/${waiting}/files`, {}),
        expect: invalidInput(own),
        submission: {
          changesInPlace: 'a file is kept once per submission key, and an application holds three at most',
        },
      },
      {
        route: 'POST /places/:place/grants/applications/:application/files/:file/remove',
        request: (a) => a.post(`${base}/applications/${draft}/files/${quote}/remove`),
        expect: own,
        submission: { changesInPlace: 'it deletes the file; removing it again changes nothing' },
      },
      {
        route: 'GET /places/:place/grants/applications/:application/files/:file',
        request: (a) => a.get(`${base}/applications/${waiting}/files/${quote}`),
        expect: roles('organiser', 'resident', 'officer', 'admin'),
      },
    );
    return rows;
  },
};
