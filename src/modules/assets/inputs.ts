/**
 * What the asset map accepts (one zod schema per form), and which kinds of asset may
 * have a place on the map.
 */
import { z } from 'zod';
import type { CommunityAssetKind, SkillKind, Visibility } from './schema.js';
import { isIsoDate, todayInPlace } from '../../platform/dates.js';

/** The six kinds of asset in the seeds (C3), in the order the map lists them. */
export const ASSET_KINDS = ['skills', 'network', 'association', 'organisation', 'physical', 'economic'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const COMMUNITY_ASSET_KINDS: readonly CommunityAssetKind[] = [
  'network',
  'association',
  'organisation',
  'physical',
  'economic',
];
/** Assets that are somewhere: they may have a postcode and a point on the map. */
export const PLACED_KINDS: readonly CommunityAssetKind[] = ['organisation', 'physical', 'economic'];
/** Buildings and land: what can be nominated as an Asset of Community Value. */
export const NOMINATABLE_KINDS: readonly CommunityAssetKind[] = ['physical', 'economic'];
/** Directory organisation kinds that cannot nominate: the council decides, a business is not a community group. */
export const NON_NOMINATING_ORGANISATIONS = ['business', 'council'];

export const SKILL_KINDS: readonly SkillKind[] = ['skill', 'passion'];
export const SKILL_CATEGORIES = [
  'practical',
  'creative',
  'caring',
  'food',
  'digital',
  'languages',
  'teaching',
  'outdoors',
  'organising',
  'other',
] as const;
export const VISIBILITIES: readonly Visibility[] = ['only_me', 'coordinators', 'members', 'public'];
export const ASSET_VISIBILITIES = ['coordinators', 'members', 'public'] as const;

export function isPlaced(kind: CommunityAssetKind): boolean {
  return PLACED_KINDS.includes(kind);
}

const text = (field: string, max: number) =>
  z
    .string({ error: `assets.validation.${field}.required` })
    .trim()
    .min(1, `assets.validation.${field}.required`)
    .max(max, `assets.validation.${field}.long`)
    // Control characters break exports and have no place in what people read.
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), `assets.validation.${field}.characters`);

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `assets.validation.${field}.long`)
    .optional()
    .transform((v) => (v ? v : null));

export const SkillInput = z.object({
  kind: z.enum(SKILL_KINDS as [SkillKind, ...SkillKind[]], { error: 'assets.validation.skillKind' }),
  description: text('skill', 300),
  category: z
    .union([z.enum(SKILL_CATEGORIES, { error: 'assets.validation.category' }), z.literal('')])
    .optional()
    .transform((v) => (v ? v : null)),
  visibility: z.enum(VISIBILITIES as [Visibility, ...Visibility[]], { error: 'assets.validation.visibility' }),
});
export type SkillInput = z.output<typeof SkillInput>;

export const AssetInput = z.object({
  kind: z.enum(COMMUNITY_ASSET_KINDS as [CommunityAssetKind, ...CommunityAssetKind[]], {
    error: 'assets.validation.kind',
  }),
  name: text('name', 150),
  description: text('description', 2000),
  organisation: z
    .string()
    .trim()
    .max(100, 'assets.validation.organisation')
    .optional()
    .transform((v) => (v ? v : null)),
  postcode: optionalText('postcode', 12),
  visibility: z.enum(ASSET_VISIBILITIES, { error: 'assets.validation.assetVisibility' }),
});
export type AssetInput = z.output<typeof AssetInput>;

/**
 * A GOV.UK date input's three boxes (`<name>-day`, `-month`, `-year`) as one date that
 * must be real and, by default, not in the future (a decision or notice already made);
 * `notPast` is for a date still to come (a closing date), `any` for either.
 */
export function dateInput(name: string, when: 'notFuture' | 'notPast' | 'any' = 'notFuture') {
  return z
    .object({
      day: z.string().trim().optional(),
      month: z.string().trim().optional(),
      year: z.string().trim().optional(),
    })
    .transform((v, ctx) => {
      if (!v.day && !v.month && !v.year) {
        ctx.addIssue({ code: 'custom', message: `assets.validation.${name}.required` });
        return z.NEVER;
      }
      const [d, m, y] = [v.day, v.month, v.year].map((x) => (x && /^\d{1,4}$/.test(x) ? Number(x) : NaN)) as [
        number,
        number,
        number,
      ];
      const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || y < 1900 || !isIsoDate(iso)) {
        ctx.addIssue({ code: 'custom', message: 'assets.validation.date.real' });
        return z.NEVER;
      }
      if (when === 'notFuture' && iso > todayInPlace()) {
        ctx.addIssue({ code: 'custom', message: 'assets.validation.date.future' });
        return z.NEVER;
      }
      if (when === 'notPast' && iso < todayInPlace()) {
        ctx.addIssue({ code: 'custom', message: `assets.validation.${name}.past` });
        return z.NEVER;
      }
      return iso;
    });
}

export const NominationInput = z.object({
  asset: z
    .string({ error: 'assets.validation.nominatedAsset' })
    .trim()
    .min(1, 'assets.validation.nominatedAsset')
    .max(100, 'assets.validation.nominatedAsset'),
  organisation: z
    .string({ error: 'assets.validation.nominatingGroup' })
    .trim()
    .min(1, 'assets.validation.nominatingGroup')
    .max(100, 'assets.validation.nominatingGroup'),
  reasons: text('reasons', 4000),
});
export type NominationInput = z.output<typeof NominationInput>;

export const DecisionInput = z.object({
  outcome: z.enum(['listed', 'not_listed'], { error: 'assets.validation.outcome' }),
  decidedOn: dateInput('decidedOn'),
  reason: text('decisionReason', 4000),
});
export type DecisionInput = z.output<typeof DecisionInput>;

export const NoticeInput = z.object({ notifiedOn: dateInput('notifiedOn') });

export const BidderInput = z.object({
  requestedOn: dateInput('requestedOn'),
  group: text('bidderGroup', 200),
});

export const RemovalInput = z.object({
  removedOn: dateInput('removedOn'),
  reason: text('removalReason', 4000),
});
