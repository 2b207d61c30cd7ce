import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMultipart } from './multipart.js';

test('a form part named __proto__, constructor or prototype is ignored', () => {
  const boundary = 'b0undary';
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.from(
    part('__proto__', 'polluted') +
      part('constructor', 'x') +
      part('prototype', 'y') +
      part('title', 'Hello') +
      `--${boundary}--\r\n`,
  );
  const fields = parseMultipart(body, boundary)!;
  assert.ok(fields);
  assert.equal(fields.title, 'Hello');
  assert.equal(Object.getPrototypeOf(fields), null);
  assert.equal(Object.hasOwn(fields, '__proto__'), false);
  assert.equal(Object.hasOwn(fields, 'constructor'), false);
  assert.equal(Object.hasOwn(fields, 'prototype'), false);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
