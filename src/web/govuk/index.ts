/**
 * TypeScript ports of the GOV.UK Frontend components Kith's templates use, writing the
 * same markup as GOV.UK's Nunjucks templates (fixtures.test.ts holds them to GOV.UK's
 * own fixtures, byte for byte) at a fraction of the cost: every call of a GOV.UK macro
 * renders its template afresh, imports and all. render.ts puts them behind macros of
 * the same names, so templates need not change.
 *
 * Each port follows its template line by line, down to Nunjucks' whitespace and its
 * loose comparisons, so that a difference from GOV.UK's markup is a bug here. A port
 * is due for review whenever govuk-frontend is upgraded: the fixture test says where.
 */
import { button } from './button.js';
import { checkboxes, radios } from './choices.js';
import { backLink, details, insetText, notificationBanner, panel, skipLink, tag, warningText } from './content.js';
import { dateInput } from './date-input.js';
import { errorSummary } from './error-summary.js';
import { errorMessage, fieldset, hint, label } from './form-parts.js';
import { input, passwordInput } from './input.js';
import { languageNavigation, serviceNavigation } from './navigation.js';
import type { Value } from './nunjucks.js';
import { pagination } from './pagination.js';
import { select } from './select.js';
import { summaryList } from './summary-list.js';
import { table } from './table.js';
import { characterCount, textarea } from './textarea.js';

/** GOV.UK's name for a component's macro: `govukDateInput` for date-input. */
export function macroName(component: string): string {
  return `govuk${component.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
}

/** The body of a `{% call %}` block, as Nunjucks passes it to a macro. */
export type Caller = () => unknown;

export type Component = (params: Value, caller?: Caller) => string;

const ports: Record<string, Component> = {
  'back-link': backLink,
  button,
  'character-count': characterCount,
  checkboxes,
  'date-input': dateInput,
  details,
  'error-message': errorMessage,
  'error-summary': errorSummary,
  fieldset,
  hint,
  input,
  'inset-text': insetText,
  label,
  'language-navigation': languageNavigation,
  'notification-banner': notificationBanner,
  pagination,
  panel,
  'password-input': passwordInput,
  radios,
  select,
  'service-navigation': serviceNavigation,
  'skip-link': skipLink,
  'summary-list': summaryList,
  table,
  tag,
  textarea,
  'warning-text': warningText,
};

/**
 * Each port by GOV.UK's name for the component (its folder). A macro called with
 * nothing reads every param as undefined, as a template does.
 */
export const portedComponents: ReadonlyMap<string, Component> = new Map(
  Object.entries(ports).map(([name, port]) => [name, (params, caller) => port(params ?? {}, caller)]),
);
