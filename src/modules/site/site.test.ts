import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../config.js';
import { Agent, pageText, startTestKith, type TestKith } from '../../testing.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({
    config: {
      operator: {
        name: 'Calderbrook Borough Council',
        email: 'access@calderbrook.example',
        phone: '01632 960000',
        address: 'Town Hall, Market Street, Calderbrook',
      },
      accessibility: { enforcement: 'ehrc', prepared: '2026-11-02', reviewed: '2026-12-01' },
    },
  });
});
after(() => t.close());

describe('the accessibility statement', () => {
  test('has every part the 2018 regulations’ model statement asks for, with the operator’s details', async () => {
    const page = pageText((await new Agent(t).get('/accessibility')).body);
    assert.match(page, /applies to Kith at .+, run by Calderbrook Borough Council/);
    // Compliance status, and what is not accessible with the criteria it fails.
    assert.match(
      page,
      /Compliance status This website is partially compliant with the Web Content Accessibility Guidelines version 2\.2 AA/,
    );
    assert.match(page, /Non-accessible content/);
    // The maps' markers are keyboard buttons now: the statement no longer says otherwise.
    assert.doesNotMatch(page, /success criterion 2\.1\.1 \(Keyboard\)/);
    assert.match(page, /success criterion 3\.1\.2 \(Language of Parts\)/);
    assert.match(page, /Disproportionate burden/);
    // How to ask for an accessible format, and how to complain, with the enforcement procedure.
    assert.match(page, /in a different format, like an accessible PDF, large print/);
    assert.match(page, /Email: access@calderbrook\.example/);
    assert.match(page, /Phone: 01632 960000/);
    assert.match(page, /Post: Town Hall, Market Street, Calderbrook/);
    assert.match(page, /within 5 working days/);
    assert.match(page, /Reporting accessibility problems/);
    assert.match(page, /Equality and Human Rights Commission \(EHRC\) is responsible for enforcing/);
    assert.match(page, /Equality Advisory and Support Service \(EASS\)/);
    // When it was prepared and last reviewed.
    assert.match(page, /This statement was prepared on 2 November 2026\. It was last reviewed on 1 December 2026\./);
  });

  test('in Welsh too', async () => {
    const page = pageText((await new Agent(t).get('/accessibility', { 'accept-language': 'cy' })).body);
    assert.match(page, /Statws cydymffurfio/);
    assert.match(page, /Comisiwn Cydraddoldeb a Hawliau Dynol \(EHRC\)/);
    assert.match(page, /Paratowyd y datganiad hwn ar 2 Tachwedd 2026/);
    assert.match(page, /E-bost: access@calderbrook\.example/);
  });

  test('in Northern Ireland it names the Equality Commission for Northern Ireland', async () => {
    const ni = await startTestKith({
      config: { accessibility: { enforcement: 'ecni', prepared: '2026-11-02', reviewed: '2026-11-02' } },
    });
    try {
      const page = pageText((await new Agent(ni).get('/accessibility')).body);
      assert.match(page, /Equality Commission for Northern Ireland \(ECNI\) is responsible for enforcing/);
      assert.doesNotMatch(page, /EASS/);
      // Without contact details, people are told whom to ask.
      assert.match(page, /Contact the admin of your place/);
    } finally {
      await ni.close();
    }
  });

  test('its settings have defaults, and a wrong one stops Kith starting', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    assert.equal(config.accessibility.enforcement, 'ehrc');
    assert.equal(config.accessibility.reviewed, config.accessibility.prepared);
    assert.throws(() => loadConfig({ NODE_ENV: 'test', ACCESSIBILITY_ENFORCEMENT: 'ofcom' }));
    assert.throws(() => loadConfig({ NODE_ENV: 'test', ACCESSIBILITY_PREPARED: 'last week' }));
  });
});
