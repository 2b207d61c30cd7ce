import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allModules } from '../modules/index.js';
import { ContentLanguages } from './content-language.js';

// Learnt from every other string of the catalogues, and tried on the rest, which it has never seen.
const learnt = { en: [] as string[], cy: [] as string[] };
const unseen = { en: [] as string[], cy: [] as string[] };
for (const m of allModules)
  for (const lang of ['en', 'cy'] as const)
    Object.values(m.messages?.[lang] ?? {}).forEach((text, i) => (i % 2 ? unseen : learnt)[lang].push(text));
const languages = new ContentLanguages(learnt);

test('interface text it has never seen is put in the wrong language less than once in a hundred', () => {
  let wrong = 0;
  let answered = 0;
  for (const lang of ['en', 'cy'] as const)
    for (const text of unseen[lang]) {
      const found = languages.languageOf(text);
      if (found) answered += 1;
      if (found && found !== lang) wrong += 1;
    }
  assert.ok(answered > 0.8 * (unseen.en.length + unseen.cy.length), `answered only ${answered}`);
  assert.ok(wrong < answered / 100, `${wrong} of ${answered} in the wrong language`);
});

test('the names and descriptions people write are known, in either language', () => {
  for (const text of [
    'Noson gymdeithasol',
    'Cyfeillion Aberllyn',
    'Clwb cinio',
    'Neuadd y Dref Aberllyn',
    'Sgwrs, paned a siaradwr gwadd bob mis. Croeso i ddysgwyr.',
    'Grŵp cerdded',
  ])
    assert.equal(languages.languageOf(text), 'cy', text);
  for (const text of [
    'Knitting circle',
    'Health walk',
    'Walking football',
    'Lunch club',
    'A friendly group for anyone who wants to meet people and learn to knit.',
  ])
    assert.equal(languages.languageOf(text), 'en', text);
});

test('too little writing to tell is left to the page', () => {
  for (const text of ['Choir', 'Tai', '12:30', '', null, undefined])
    assert.equal(languages.languageOf(text), undefined, String(text));
});

test('a page marks only writing in the other language', () => {
  assert.equal(languages.langFor('Neuadd y Dref Aberllyn', 'en'), 'cy');
  assert.equal(languages.langFor('Neuadd y Dref Aberllyn', 'cy'), undefined);
  assert.equal(languages.langFor('Knitting circle', 'cy'), 'en');
  assert.equal(languages.langFor('Knitting circle', 'en'), undefined);
});

test('whatever is written, the answer is one of the two languages or none, and never the page’s own', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('en', 'cy'), (text, page) => {
      const found = languages.languageOf(text);
      assert.ok(found === undefined || found === 'en' || found === 'cy', `answered ${String(found)}`);
      assert.notEqual(languages.langFor(text, page), page, 'never marks what is in the page’s language');
    }),
  );
});
