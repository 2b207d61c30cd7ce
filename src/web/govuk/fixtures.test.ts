/**
 * The ports against GOV.UK Frontend's own fixtures: every example GOV.UK publishes for
 * each ported component, compared with the fixture's markup (whitespace between tags
 * aside) and, byte for byte, with what GOV.UK's macro
 * renders in Kith's view environment. Then the same fixtures with their strings given
 * as SafeStrings, and with call blocks, since Kith's templates pass both; and, to look
 * beyond the examples, fixtures with values changed at random to odd ones.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { createViewEnvironment } from '../render.js';
import { macroName, portedComponents } from './index.js';
import { SafeString, type Value } from './nunjucks.js';

const require = createRequire(import.meta.url);
const COMPONENTS = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk/components');

interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
}

const fixturesOf = (component: string): Fixture[] =>
  JSON.parse(fs.readFileSync(path.join(COMPONENTS, component, 'fixtures.json'), 'utf8')).fixtures;

/** Whitespace that does not change what a browser shows: runs of it, and between tags. */
function normaliseHtml(html: string): string {
  return html.replace(/\s+/g, ' ').replace(/>\s+</g, '><').trim();
}

const originals = createViewEnvironment([], { watch: false, govukPorts: false });
const ported = createViewEnvironment([], { watch: false });

/** Renders a template calling the component's macro, plainly or as a call block with this body. */
function renderer(env: nunjucks.Environment, component: string, body?: string) {
  const call =
    body === undefined
      ? `{{ ${macroName(component)}(params) }}`
      : `{% call ${macroName(component)}(params) %}${body}{% endcall %}`;
  const template = new nunjucks.Template(
    `{% from "govuk/components/${component}/macro.njk" import ${macroName(component)} %}${call}`,
    env,
  );
  return (params: unknown) => template.render({ params });
}

/** Every string in the options as a SafeString, as `| safe` or a `{% set %}` block would give it. */
function asSafeStrings(value: Value): Value {
  if (typeof value === 'string') return new SafeString(value);
  if (Array.isArray(value)) return value.map(asSafeStrings);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asSafeStrings(v)]));
  return value;
}

/** The fixtures whose output differs, each with both versions, so a failure shows where. */
function differences(fixtures: Fixture[], expected: (f: Fixture) => string, actual: (f: Fixture) => string) {
  return fixtures.flatMap((fixture) => {
    const want = expected(fixture);
    const got = actual(fixture);
    return want === got ? [] : [{ fixture: fixture.name, want, got }];
  });
}

/** Values that test a template's truthiness, defaults, escaping, `in` and `is` tests. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  false,
  true,
  0,
  1,
  2,
  '',
  ' spaced \n text ',
  `<b>&'"\\</b>`,
  'a\nb',
  'day',
  'success',
  'button',
  'inline',
  'govuk-input--error x',
  new SafeString('<em>safe</em>'),
  [],
  {},
  ['a', 'b'],
  { text: 'T' },
  { html: '<i>H</i>' },
];
/** Params components commonly read, to add where a fixture has none. */
const COMMON_PARAMS = [
  'attributes',
  'classes',
  'describedBy',
  'errorMessage',
  'fieldset',
  'formGroup',
  'hint',
  'href',
  'html',
  'id',
  'items',
  'label',
  'name',
  'text',
  'value',
  'values',
];

/** A fixture's options with one to three values, anywhere in them, replaced by odd ones. */
function mutatedOptions(fixtures: Fixture[]) {
  return fc.constantFrom(...fixtures.map((f) => f.options)).chain((options) => {
    const paths = [...pathsIn(options), ...COMMON_PARAMS.map((name) => [name])];
    const change = fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...ODD_VALUES));
    return fc
      .array(change, { minLength: 1, maxLength: 3 })
      .map((changes) => changes.reduce((o, [at, value]) => setIn(o, at, value), options as Value));
  });
}

function pathsIn(value: Value, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => [[...prefix, key], ...pathsIn(value[key], [...prefix, key])]);
}

function setIn(value: Value, [key, ...rest]: string[], replacement: unknown): Value {
  if (key === undefined) return replacement;
  const copy = Array.isArray(value) ? [...value] : { ...(value && typeof value === 'object' ? value : {}) };
  copy[key] = setIn(copy[key], rest, replacement);
  return copy;
}

const withCaller = new Set(['details', 'error-summary', 'fieldset', 'inset-text', 'notification-banner', 'panel']);

for (const [component, port] of portedComponents) {
  describe(component, () => {
    const fixtures = fixturesOf(component);
    const original = renderer(originals, component);

    test(`matches GOV.UK's markup for all ${fixtures.length} fixtures`, (context) => {
      const unlike = differences(
        fixtures,
        (f) => normaliseHtml(f.html),
        (f) => normaliseHtml(port(f.options)),
      );
      assert.deepEqual(unlike, []);
      const exact = fixtures.filter((f) => port(f.options).trim() === f.html).length;
      context.diagnostic(`${exact} of ${fixtures.length} byte for byte, but for leading and trailing whitespace`);
    });

    test("is byte for byte what GOV.UK's macro renders in Kith's view environment", () => {
      const viaMacro = renderer(ported, component);
      assert.deepEqual(
        differences(
          fixtures,
          (f) => original(f.options),
          (f) => port(f.options),
        ),
        [],
      );
      assert.deepEqual(
        differences(
          fixtures,
          (f) => original(f.options),
          (f) => viaMacro(f.options),
        ),
        [],
      );
    });

    test('treats SafeStrings as GOV.UK does', () => {
      const unlike = differences(
        fixtures,
        (f) => original(asSafeStrings(f.options)),
        (f) => port(asSafeStrings(f.options)),
      );
      assert.deepEqual(unlike, []);
    });

    test('renders as GOV.UK does with odd values in the fixtures (where GOV.UK renders at all)', () => {
      fc.assert(
        fc.property(mutatedOptions(fixtures), (params) => {
          let expected: string;
          try {
            expected = original(params);
          } catch {
            return; // Nunjucks gives up (trimming a number, say); the port need not.
          }
          assert.equal(port(params), expected);
        }),
        { numRuns: 150, seed: 20261123 },
      );
    });

    if (withCaller.has(component)) {
      test('passes the body of a call block through', () => {
        const body = '\n  <p class="govuk-body">Called &amp; <b>kept</b></p>\n';
        const unlike = differences(
          fixtures,
          (f) => renderer(originals, component, body)(f.options),
          (f) => renderer(ported, component, body)(f.options),
        );
        assert.deepEqual(unlike, []);
      });
    }
  });
}

test('a call with no params renders as the macro does', () => {
  for (const component of portedComponents.keys()) {
    assert.equal(renderer(ported, component)(undefined), renderer(originals, component)(undefined), component);
  }
});
