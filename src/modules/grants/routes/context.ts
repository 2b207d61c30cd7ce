import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { longDate, placeParts } from '../../../platform/dates.js';
import type { Translate } from '../../../web/i18n.js';
import { placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { formatPence } from '../rules.js';
import { findApplication, findRound, type Application, type Round } from '../store.js';

export type { PlaceContext };

export const grantsPlace = (kith: Kith, request: FastifyRequest, action?: string) =>
  placeContext(kith, request, { section: 'grants', action });

export const view = viewInPlace;

/** The last day a window is open, on the place's clock (it closes at the start of the next). */
export const lastDay = (closesAt: string) => placeParts(new Date(Date.parse(closesAt) - 1)).date;

export type Phase = 'upcoming' | 'open' | 'reviewing' | 'voting' | 'counting' | 'decided';

export function phaseOf(round: Round, now = new Date()): Phase {
  const t = now.getTime();
  if (t < Date.parse(round.opensAt)) return 'upcoming';
  if (t < Date.parse(round.closesAt)) return 'open';
  if (round.decidedBy === 'panel') return 'reviewing';
  if (round.resultsPublishedAt) return 'decided';
  if (round.voteOpensAt && t < Date.parse(round.voteOpensAt)) return 'reviewing';
  if (round.voteClosesAt && t < Date.parse(round.voteClosesAt)) return 'voting';
  return 'counting';
}

export function presentRound(t: Translate, lang: string, round: Round) {
  const phase = phaseOf(round);
  return {
    ...round,
    phase,
    phaseText: t(`grants.phase.${phase}`),
    budget: formatPence(round.budgetPence),
    minAward: formatPence(round.minAwardPence),
    maxAward: formatPence(round.maxAwardPence),
    opens: longDate(placeParts(round.opensAt).date, lang),
    closes: longDate(lastDay(round.closesAt), lang),
    voteOpens: round.voteOpensAt ? longDate(placeParts(round.voteOpensAt).date, lang) : '',
    voteCloses: round.voteClosesAt ? longDate(lastDay(round.voteClosesAt), lang) : '',
    whoText: round.whoMayApply.map((k) => t(`grants.kind.${k}`)).join(', '),
    decidedByText: t(`grants.decidedBy.${round.decidedBy}`),
    districtsText: round.districts.join(', '),
    votersText:
      round.decidedBy === 'panel'
        ? ''
        : round.districts.length
          ? t('grants.round.votersIn', { districts: round.districts.join(', ') })
          : t('grants.round.votersAll'),
  };
}

export function presentApplication(t: Translate, a: Application) {
  return {
    ...a,
    amount: formatPence(a.amountPence),
    statusText: t(`grants.status.${a.status}`),
    kindText: t(`grants.kind.${a.applicantKind}`),
    who: a.applicantKind === 'individual' ? t('grants.kind.individual') : a.groupName,
    budgetRows: a.budgetLines.map((l) => ({ item: l.item, cost: formatPence(l.pence) })),
  };
}

export async function roundIn(kith: Kith, request: FastifyRequest, ctx: PlaceContext): Promise<Round> {
  const round = await findRound(kith.db.kysely, ctx.place.id, (request.params as { round: string }).round);
  if (!round) throw new NotFoundError();
  return round;
}

export async function applicationIn(kith: Kith, request: FastifyRequest, ctx: PlaceContext): Promise<Application> {
  const application = await findApplication(
    kith.db.kysely,
    ctx.place.id,
    (request.params as { application: string }).application,
  );
  if (!application) throw new NotFoundError();
  return application;
}

export type Reply = FastifyReply;
