import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanPhoto, MAX_PHOTO_BYTES } from './images.js';
import { boundaryOf, parseMultipart } from '../../web/multipart.js';
import { jpegWithExif, pngWithText } from './test-support.js';

describe('story photos', () => {
  test('a JPEG keeps its picture and loses its EXIF and comments', () => {
    const original = jpegWithExif();
    const cleaned = cleanPhoto(original);
    assert.ok(cleaned.ok);
    assert.equal(cleaned.type, 'image/jpeg');
    const text = cleaned.bytes.toString('latin1');
    assert.doesNotMatch(text, /GPSLatitude|Exif|phone/);
    assert.match(text, /JFIF/);
    assert.ok(cleaned.bytes.subarray(-2).equals(Buffer.from([0xff, 0xd9])));
    assert.ok(cleaned.bytes.includes(Buffer.from([0x12, 0x34, 0x56, 0xff, 0x00, 0x78])));
  });

  test('a PNG loses its text chunks and stays a valid PNG', () => {
    const cleaned = cleanPhoto(pngWithText());
    assert.ok(cleaned.ok);
    assert.equal(cleaned.type, 'image/png');
    assert.doesNotMatch(cleaned.bytes.toString('latin1'), /Mill Lane|tEXt/);
    assert.match(cleaned.bytes.toString('latin1'), /IHDR[\s\S]*IDAT[\s\S]*IEND/);
  });

  test('anything else is refused: another type whatever its name, a broken file, a file over 3 MB', () => {
    assert.deepEqual(cleanPhoto(Buffer.from('GIF89a...')), { ok: false, problem: 'outcomes.validation.photo.type' });
    assert.deepEqual(cleanPhoto(Buffer.from('<svg onload="alert(1)"></svg>')), {
      ok: false,
      problem: 'outcomes.validation.photo.type',
    });
    assert.deepEqual(cleanPhoto(jpegWithExif().subarray(0, 30)), {
      ok: false,
      problem: 'outcomes.validation.photo.broken',
    });
    assert.deepEqual(cleanPhoto(Buffer.concat([jpegWithExif(), Buffer.alloc(MAX_PHOTO_BYTES)])), {
      ok: false,
      problem: 'outcomes.validation.photo.size',
    });
  });

  test('a multipart form is read into fields and files; a malformed one is not', () => {
    const boundary = 'kith-boundary-1';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nSinging again\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="outcomes"\r\n\r\na\r\n--${boundary}\r\nContent-Disposition: form-data; name="outcomes"\r\n\r\nb\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpegWithExif(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    assert.equal(boundaryOf(`multipart/form-data; boundary=${boundary}`), boundary);
    const fields = parseMultipart(body, boundary)!;
    assert.equal(fields.title, 'Singing again');
    assert.deepEqual(fields.outcomes, ['a', 'b']);
    const photo = fields.photo as { filename: string; data: Buffer };
    assert.equal(photo.filename, 'me.jpg');
    assert.ok(photo.data.equals(jpegWithExif()));
    assert.equal(parseMultipart(Buffer.from('nothing like a form'), boundary), undefined);
  });
});
