import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInput } from '../../web/forms.js';
import { StoryInput } from './inputs.js';
import { jpegWithExif } from './test-support.js';

const file = (data: Buffer) => ({ filename: 'walk.jpg', contentType: 'image/jpeg', data });
const story = { title: 'Out on the moor', body: 'We walked.', consent: 'named', photoAlt: 'Six walkers' };
const errorsOf = (input: Record<string, unknown>) => {
  const parsed = parseInput(StoryInput, input);
  return parsed.ok ? {} : parsed.errors;
};

test('a photo that is not a JPEG or PNG is refused beside its field, with the other fields’ problems', () => {
  const broken = file(Buffer.from('GIF89a not really a jpeg'));
  assert.deepEqual(Object.keys(errorsOf({ ...story, title: '', photo: broken, hasPhoto: true })), ['title', 'photo']);
  assert.equal(errorsOf({ ...story, photo: broken, hasPhoto: true }).photo?.key, 'outcomes.validation.photo.type');
});

test('a photo needs words for people who cannot see it, even when the photo itself is refused', () => {
  const broken = file(Buffer.from('GIF89a not really a jpeg'));
  const errors = errorsOf({ ...story, photoAlt: '', photo: broken, hasPhoto: true });
  assert.equal(errors.photo?.key, 'outcomes.validation.photo.type');
  assert.equal(errors.photoAlt?.key, 'outcomes.validation.photo.alt');
});

test('a photo Kith can take comes out of the form without what the phone wrote into it', () => {
  const parsed = parseInput(StoryInput, { ...story, photo: file(jpegWithExif()), hasPhoto: true });
  assert.ok(parsed.ok);
  assert.equal(parsed.value.photo?.type, 'image/jpeg');
  assert.doesNotMatch(parsed.value.photo!.bytes.toString('latin1'), /GPSLatitude/);
  const without = parseInput(StoryInput, { ...story, hasPhoto: false });
  assert.ok(without.ok);
  assert.equal(without.value.photo, undefined);
});
