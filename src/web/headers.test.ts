import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, startTestKith, type TestKith } from '../testing.js';

let t: TestKith;
before(async () => {
  t = await startTestKith();
});
after(() => t.close());

test('every page says which browser features Kith never uses (Permissions-Policy)', async () => {
  const response = await new Agent(t).get('/');
  const policy = String(response.headers['permissions-policy'] ?? '');
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()'])
    assert.ok(policy.includes(feature), `${feature} in "${policy}"`);
});
