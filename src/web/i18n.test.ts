import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { allModules } from '../modules/index.js';
import { Catalogue } from './i18n.js';

const catalogue = new Catalogue(allModules.flatMap((m) => (m.messages ? [m.messages] : [])));
const SRC = path.resolve(import.meta.dirname, '..');

function sourceFiles(extension: string): string[] {
  return fs
    .readdirSync(SRC, { recursive: true })
    .map(String)
    .filter(
      (f) => f.endsWith(extension) && !f.endsWith('.test.ts') && !/(^|\/)(store|schema|search-store)\.ts$/.test(f),
    )
    .map((f) => path.join(SRC, f));
}

/** Policy actions ('library.moderate') are names of permissions, not messages. */
const policyActions = new Set(allModules.flatMap((m) => Object.keys(m.policy ?? {})));
/** Figures offered to insight are named `<module>.<name>` by the module contract. */
const figureIds = new Set(allModules.flatMap((m) => (m.figures ?? []).map((f) => f.id)));
const englishKeys = catalogue.keys('en');

/** A key exists if it is in the English catalogue, itself or as counted forms. */
function known(key: string): boolean {
  return catalogue.has('en', key) || catalogue.has('en', `${key}.other`);
}

describe('the English and Welsh catalogues', () => {
  test('every English string has a Welsh one and the other way round', () => {
    const en = new Set(catalogue.keys('en'));
    const cy = new Set(catalogue.keys('cy'));
    assert.deepEqual(
      [...en].filter((k) => !cy.has(k)),
      [],
      'missing in Welsh',
    );
    assert.deepEqual(
      [...cy].filter((k) => !en.has(k)),
      [],
      'Welsh strings with no English',
    );
  });

  test('no Welsh string is left empty or identical to a long English one by mistake', () => {
    const suspicious = catalogue
      .keys('en')
      .filter(
        (k) =>
          catalogue.t('cy', k).trim() === '' ||
          (catalogue.t('en', k).split(' ').length > 3 && catalogue.t('en', k) === catalogue.t('cy', k)),
      );
    assert.deepEqual(suspicious, []);
  });

  test('placeholders in each Welsh string match the English one', () => {
    const names = (text: string) =>
      [...text.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const mismatched = catalogue.keys('en').filter((k) => names(catalogue.t('en', k)) !== names(catalogue.t('cy', k)));
    assert.deepEqual(mismatched, []);
  });

  test('every message key written in a template or in code is in the catalogue', () => {
    const prefixes = new Set(catalogue.keys('en').map((k) => k.split('.')[0]));
    const unknown: string[] = [];
    for (const file of [...sourceFiles('.njk'), ...sourceFiles('.ts')]) {
      const text = fs.readFileSync(file, 'utf8');
      // A command's name for once() or submitted() (platform/idempotency) looks like a key but is not.
      // So does the name of an audit record's action.
      const auditActions = new Set([...text.matchAll(/\baction:\s*['"`]([^'"`$]+)['"`]/g)].map((m) => m[1]!));
      const commands = new Set(
        [...text.matchAll(/\b(?:once|submitted)\(\s*[\w.]+,\s*(?:[\w.]+,\s*)?['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!),
      );
      for (const match of text.matchAll(/["'`]([a-z][a-zA-Z]*(?:\.[a-zA-Z0-9]+)+)["'`]/g)) {
        const key = match[1]!;
        if (commands.has(key) || policyActions.has(key) || figureIds.has(key) || auditActions.has(key)) continue;
        // The first part of keys made in code (`${prefix}.${code}`), such as a list of choices.
        if (englishKeys.some((k) => k.startsWith(`${key}.`))) continue;
        if (!prefixes.has(key.split('.')[0]!) || key.endsWith('.')) continue;
        // File names and module paths look like keys but are not.
        if (/\.(njk|ts|js|json|css|svg|html|md|csv)$/.test(key)) continue;
        if (!known(key)) unknown.push(`${path.relative(SRC, file)}: ${key}`);
      }
    }
    assert.deepEqual(unknown, []);
  });

  test('plurals come from the catalogue, never from a choice of key made in code', () => {
    // `n === 1 ? 'a.one' : 'a.many'` gives English its plural and Welsh the wrong one;
    // t(key, { count }) picks the catalogue's form for the language.
    const handMade: string[] = [];
    for (const file of [...sourceFiles('.njk'), ...sourceFiles('.ts')]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/[\w.)\]]+\s*[=!]==?\s*1\s*\?\s*['"`][a-z][a-zA-Z]*\.[\w.]+['"`]/g))
        handMade.push(`${path.relative(SRC, file)}: ${match[0]}`);
    }
    assert.deepEqual(handMade, []);
  });
});
