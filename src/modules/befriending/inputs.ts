/**
 * What befriending's forms accept: one zod schema per input, catalogue keys as messages.
 */
import { z } from 'zod';
import { formFields, lessonFields, lessonToShare } from '../../web/fields.js';
import { CHECK_KINDS } from '../volunteering/index.js';
import { EXPERIENCES, INTERESTS, LANGUAGES, SLOTS, TRAVEL_MILES, WAYS } from './matching.js';

export { TRAVEL_MILES };
import type { Gender, GenderPreference, Going, SchemeKind } from './schema.js';

export const SCHEME_KINDS: readonly SchemeKind[] = ['befriending', 'peer_support'];
export const GENDERS: readonly Gender[] = ['woman', 'man', 'other', 'unsaid'];
export const PREFERENCES: readonly GenderPreference[] = ['any', 'woman', 'man'];
export const GOING: readonly Going[] = ['well', 'concerns', 'not_working'];
export const WITH_WHOM = ['both', 'volunteer', 'neighbour'] as const;
export const END_REASONS = [
  'run_its_course',
  'moved',
  'circumstances',
  'not_a_fit',
  'volunteer_stepped_back',
  'died',
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];

const { required, optional, choices } = formFields('befriending');

const oneOf = <T extends string>(list: readonly T[], field: string) =>
  z.enum(list as unknown as [T, ...T[]], { error: `befriending.validation.${field}.required` });

export const SchemeInput = z.object({
  name: required('name', 120),
  kind: oneOf(SCHEME_KINDS, 'kind'),
  description: required('description', 2000),
  requirements: choices(CHECK_KINDS, 'requirements'),
  checkinDays: z
    .string({ error: 'befriending.validation.checkinDays.format' })
    .trim()
    .regex(/^\d{1,3}$/, 'befriending.validation.checkinDays.format')
    .transform(Number)
    .refine((n) => n >= 7 && n <= 180, 'befriending.validation.checkinDays.format'),
});
export type SchemeInput = z.output<typeof SchemeInput>;

/** Opening or closing a scheme; closing asks, optionally, what they would do differently. */
export const SchemeStatusInput = z
  .object({ status: oneOf(['open', 'closed'] as const, 'status'), ...lessonFields('befriending') })
  .superRefine(lessonToShare('befriending'));

/**
 * A profile, filled in by the person or by a coordinator with them. Someone who would
 * meet in person gives a postcode, so nearness can be judged; Kith keeps the postcode's
 * point, never an address.
 */
export const ProfileInput = z
  .object({
    interests: choices(INTERESTS, 'interests'),
    languages: choices(LANGUAGES, 'languages', 1),
    availability: choices(SLOTS, 'availability'),
    ways: choices(WAYS, 'ways', 1),
    experiences: choices(EXPERIENCES, 'experiences'),
    postcode: optional('postcode', 12),
    travelMiles: z
      .string()
      .optional()
      .default('2')
      .refine(
        (v) => (TRAVEL_MILES as readonly number[]).includes(Number(v)) && v.trim() !== '',
        'befriending.validation.travelMiles.required',
      )
      .transform(Number),
    gender: oneOf(GENDERS, 'gender').optional().default('unsaid'),
    prefers: oneOf(PREFERENCES, 'prefers').optional().default('any'),
    about: optional('about', 1000),
  })
  .refine((v) => v.postcode !== '' || !v.ways.some((w) => w === 'home' || w === 'out'), {
    message: 'befriending.validation.postcode.required',
    path: ['postcode'],
    // Said alongside the other fields' problems, as long as the ways and the postcode themselves are readable.
    when: (p) => !p.issues.some((i) => i.path?.[0] === 'ways' || i.path?.[0] === 'postcode'),
  });
export type ProfileInput = z.output<typeof ProfileInput>;

/** What a coordinator adds when filling a profile in for someone: who they are and how to reach them, and notes only coordinators see. */
export const OnBehalfInput = z.object({
  name: required('personName', 120),
  contact: optional('contact', 200),
  notes: optional('notes', 2000),
});

export const NotesInput = z.object({ notes: optional('notes', 2000) });

export const IntroduceInput = z.object({
  candidate: z
    .string({ error: 'befriending.validation.candidate.required' })
    .trim()
    .min(1, 'befriending.validation.candidate.required')
    .max(64, 'befriending.validation.candidate.required'),
  message: optional('message', 1000),
});

export const CheckinInput = z
  .object({
    withWhom: oneOf(WITH_WHOM, 'withWhom'),
    going: oneOf(GOING, 'going'),
    note: optional('note', 2000),
  })
  .refine((v) => v.going === 'well' || v.note.length > 0, {
    message: 'befriending.validation.note.required',
    path: ['note'],
  });

export const EndInput = z.object({
  reason: oneOf(END_REASONS, 'reason'),
  thanks: optional('thanks', 1000),
  volunteerAgain: oneOf(['yes', 'no'] as const, 'again').transform((v) => v === 'yes'),
  neighbourAgain: oneOf(['yes', 'no'] as const, 'again').transform((v) => v === 'yes'),
});
export type EndInput = z.output<typeof EndInput>;
