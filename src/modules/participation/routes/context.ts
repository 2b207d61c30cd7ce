/** What the participation pages share: a phase, a proposal and a result as a page shows them. */
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { longDate, placeParts } from '../../../platform/dates.js';
import type { Translate } from '../../../web/i18n.js';
import { placeContext, type PlaceContext } from '../../../web/place.js';
import { groupOf, overclaims, phaseState } from '../rules.js';
import {
  findDecision,
  findProcess,
  findProposal,
  type Decision,
  type Phase,
  type Process,
  type Proposal,
} from '../store.js';

export type { PlaceContext };

export const participationPlace = (kith: Kith, request: FastifyRequest, action = 'participation.view') =>
  placeContext(kith, request, { section: 'participation', action });

/** The last day a window is open, on the place's clock (it closes at the start of the next). */
export const lastDay = (closesAt: string) => placeParts(new Date(Date.parse(closesAt) - 1)).date;

export function presentPhase(t: Translate, lang: string, phase: Phase, now = new Date()) {
  const state = phaseState(phase, now);
  return {
    ...phase,
    state,
    stateText: t(`participation.phase.state.${state}`),
    opens: longDate(placeParts(phase.opensAt).date, lang),
    closes: longDate(lastDay(phase.closesAt), lang),
    activitiesText: phase.activities.length
      ? phase.activities.map((a) => t(`participation.activity.${a}`)).join(', ')
      : t('participation.activity.none'),
    rungText: t(`participation.rung.${phase.rung}`),
    rungMeaning: t(`participation.rung.${phase.rung}.meaning`),
    groupText: t(`participation.group.${groupOf(phase.rung)}`),
    overclaims: overclaims(phase),
  };
}

/** Why a proposal was not taken forward, in words: a person's reason, or the count that decided it. */
export function reasonText(t: Translate, reason: string): string {
  const m = /^(vote|threshold):(\d+)$/.exec(reason);
  if (m) return t(`participation.reason.${m[1]}`, { count: Number(m[2]) });
  return reason;
}

export function presentProposal(t: Translate, p: Proposal, names: Map<string, string | null>) {
  return {
    ...p,
    authorName: names.get(p.authorId) ?? t('participation.someone'),
    statusText: t(`participation.status.${p.status}`),
    supportsText: t('participation.supports', { count: p.supports }),
    reasonText: p.status === 'rejected' ? reasonText(t, p.reason) : '',
    resultText: p.resultStatus ? t(`participation.result.${p.resultStatus}`) : '',
  };
}

export async function processIn(kith: Kith, request: FastifyRequest, ctx: PlaceContext): Promise<Process> {
  const process = await findProcess(kith.db.kysely, ctx.place.id, (request.params as { process: string }).process);
  if (!process) throw new NotFoundError();
  return process;
}

export async function proposalIn(kith: Kith, request: FastifyRequest, ctx: PlaceContext): Promise<Proposal> {
  const proposal = await findProposal(kith.db.kysely, ctx.place.id, (request.params as { proposal: string }).proposal);
  if (!proposal) throw new NotFoundError();
  return proposal;
}

export async function decisionIn(kith: Kith, request: FastifyRequest, ctx: PlaceContext): Promise<Decision> {
  const decision = await findDecision(kith.db.kysely, ctx.place.id, (request.params as { decision: string }).decision);
  if (!decision) throw new NotFoundError();
  return decision;
}
