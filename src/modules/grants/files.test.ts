import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, todayInPlace } from '../../platform/dates.js';
import {
  Agent,
  errorSummaryProblems,
  fieldErrors,
  newMember,
  pageText,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { attachmentHeader, MAX_SUPPORTING_FILE_BYTES, safeFileName, supportingFileType } from './files.js';
import { addToPanel, createFund, createRound, declare, startApplication, withdrawApplication } from './grants.js';
import type { RoundInput } from './inputs.js';
import type { ApplicationFields } from './store.js';

let t: TestKith;
let placeId: string;
let fundId: string;
const base = '/places/calderbrook/grants';
const today = todayInPlace();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 a small photo')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR rest')]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  fundId = await createFund(t.kith, {
    placeId,
    personId: officerId(),
    fund: {
      name: 'Files fund',
      purpose: 'Tests',
      funderName: 'Calder Valley Council',
      funderId: 'GB-LAE-CAL',
      prefix: '360G-calderbrook',
      allowsIndividuals: false,
    },
  });
});
after(() => t.close());

function officerId() {
  return t.demo.people.officer!.id;
}

function roundInput(over: Partial<RoundInput> = {}): RoundInput {
  return {
    title: 'A round with files',
    purpose: 'Tests',
    budget: 100_000,
    minAward: 1_000,
    maxAward: 60_000,
    whoMayApply: ['constituted', 'informal'],
    area: 'Calderbrook',
    districts: [],
    opensOn: addDays(today, -5),
    closesOn: addDays(today, 5),
    decidedBy: 'panel',
    voteOpensOn: null,
    voteClosesOn: null,
    ballotKind: 'budget',
    voteMaxProjects: 0,
    criteria: [{ name: 'Benefit', n: 1 }],
    questions: [],
    ...over,
  };
}

const fields = (title: string): ApplicationFields => ({
  applicantKind: 'constituted',
  groupName: 'Hebble Allotments',
  charityNumber: '',
  companyNumber: '',
  hostName: '',
  hostCharityNumber: '',
  hostCompanyNumber: '',
  projectTitle: title,
  summary: 'Paths between the beds',
  budgetLines: [{ item: 'Gravel', pence: 20_000 }],
  amountPence: 20_000,
  answers: {},
});

/** An open round, and an application to it by someone new, signed in. */
async function applicant(action: 'save' | 'submit' = 'submit', round?: string) {
  const roundId = round ?? (await createRound(t.kith, { placeId, personId: officerId(), fundId, round: roundInput() }));
  const me = await newMember(t, placeId, 'Ada Applicant');
  const applicationId = await startApplication(t.kith, {
    placeId,
    personId: me.id,
    roundId,
    fields: fields('Gravel paths'),
    action,
  });
  return { ...me, roundId, applicationId, url: `${base}/applications/${applicationId}/files` };
}

/** Posts a form with a file, as a browser does for enctype="multipart/form-data". */
async function upload(agent: Agent, url: string, file?: { filename: string; type: string; data: Buffer }) {
  const boundary = '----kith-files-boundary';
  const parts: Buffer[] = [];
  if (!agent.sessionToken) await agent.get('/sign-in');
  for (const [name, value] of Object.entries({ _csrf: agent.csrfToken() ?? '', _idem: String(Math.random()) }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file?.filename ?? ''}"\r\nContent-Type: ${file?.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file?.data ?? Buffer.alloc(0),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

async function storedFiles(applicationId: string) {
  return t.kith.db.kysely
    .selectFrom('grant_application_files')
    .select(['id', 'file_name', 'content_type', 'size'])
    .where('application_id', '=', applicationId)
    .orderBy('uploaded_at')
    .execute();
}

const downloadLinks = (html: string) => [...html.matchAll(/href="([^"]*\/files\/[0-9a-f-]{36})"/g)].map((m) => m[1]!);

describe('supporting files on an application', () => {
  test('an applicant uploads a PDF and downloads it again as an attachment, never shown in the browser', async () => {
    const me = await applicant();
    const page = await me.agent.get(me.url);
    assert.equal(page.statusCode, 200, 'the files page opens for the applicant');
    assert.ok(pageText(page.body).includes('up to 5 MB'), 'the page says how large a file may be');
    const sent = await upload(me.agent, me.url, {
      filename: '../../etc/Quote;final.pdf',
      type: 'application/pdf',
      data: PDF,
    });
    assert.equal(sent.statusCode, 303, 'the upload is taken');
    const listed = await me.agent.get(me.url);
    assert.ok(pageText(listed.body).includes('Quote_final.pdf'), 'the file is listed under a safe name');
    const form = await me.agent.get(`${base}/applications/${me.applicationId}`);
    const [href] = downloadLinks(form.body);
    assert.ok(href, 'the application page links to the file');
    const download = await me.agent.get(href!);
    assert.equal(download.statusCode, 200, 'the applicant can download it');
    assert.equal(download.headers['content-type'], 'application/pdf', 'served as the PDF its bytes say it is');
    assert.equal(download.headers['x-content-type-options'], 'nosniff', 'the browser may not guess another type');
    assert.match(
      String(download.headers['content-disposition']),
      /^attachment; filename="Quote_final\.pdf"/,
      'always an attachment, under a name with no folders or semicolons in it',
    );
    assert.ok(download.rawPayload.equals(PDF), 'the bytes come back as they were sent');
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', me.applicationId)
      .where('action', '=', 'smallGrants.file.attach')
      .execute();
    assert.equal(audit.length, 1, 'the upload is audited');
  });

  test('the type comes from the bytes: a PNG called .pdf and sent as a PDF is kept and served as a PNG', async () => {
    const me = await applicant('save');
    assert.equal(
      (await upload(me.agent, me.url, { filename: 'site.pdf', type: 'application/pdf', data: PNG })).statusCode,
      303,
      'a draft takes files',
    );
    assert.equal(
      (await upload(me.agent, me.url, { filename: 'photo', type: 'text/plain', data: JPEG })).statusCode,
      303,
      'a JPEG with no extension is taken',
    );
    const rows = await storedFiles(me.applicationId);
    assert.deepEqual(
      rows.map((r) => [r.file_name, r.content_type]),
      [
        ['site.png', 'image/png'],
        ['photo.jpg', 'image/jpeg'],
      ],
      'each is named and typed by what its bytes are',
    );
    const download = await me.agent.get(`${me.url}/${rows[0]!.id}`);
    assert.equal(download.headers['content-type'], 'image/png', 'served as a PNG');
  });

  for (const [what, file, message] of [
    [
      'a program renamed .pdf',
      { filename: 'quote.pdf', type: 'application/pdf', data: EXE },
      'The file must be a PDF, JPEG or PNG',
    ],
    ['a web page', { filename: 'quote.html', type: 'text/html', data: HTML }, 'The file must be a PDF, JPEG or PNG'],
    [
      'an empty file',
      { filename: 'empty.pdf', type: 'application/pdf', data: Buffer.alloc(0) },
      'The file you chose is empty',
    ],
    [
      'a file over 5 MB',
      {
        filename: 'big.pdf',
        type: 'application/pdf',
        data: Buffer.concat([PDF, Buffer.alloc(MAX_SUPPORTING_FILE_BYTES)]),
      },
      'The file must be 5 MB or smaller',
    ],
    ['no file at all', undefined, 'Choose a file to upload'],
  ] as const) {
    test(`${what} is refused beside the field, and nothing is kept`, async () => {
      const me = await applicant();
      const response = await upload(me.agent, me.url, file && { ...file, data: Buffer.from(file.data) });
      assert.equal(response.statusCode, 400, `${what} is refused`);
      assert.equal(fieldErrors(response.body).file, message, 'the reason is beside the field');
      assert.deepEqual(errorSummaryProblems(response.body), [], 'and in the error summary, linked to the field');
      assert.deepEqual(await storedFiles(me.applicationId), [], 'nothing is stored');
    });
  }

  test('a fourth file is refused; removing one makes room, and the removal is audited', async () => {
    const me = await applicant();
    for (const n of [1, 2, 3])
      assert.equal(
        (await upload(me.agent, me.url, { filename: `part ${n}.pdf`, type: 'application/pdf', data: PDF })).statusCode,
        303,
        `file ${n} is taken`,
      );
    const page = await me.agent.get(me.url);
    assert.ok(pageText(page.body).includes('You have added 3 files, the most'), 'the page says three is the most');
    assert.ok(!page.body.includes('type="file"'), 'and offers no upload');
    const fourth = await upload(me.agent, me.url, { filename: 'part 4.pdf', type: 'application/pdf', data: PDF });
    assert.equal(fourth.statusCode, 422, 'a fourth is refused');
    assert.equal(
      fieldErrors(fourth.body).file,
      'An application can have up to 3 files. Remove one to add another.',
      'with the reason',
    );
    assert.equal((await storedFiles(me.applicationId)).length, 3, 'and not kept');

    const [first] = await storedFiles(me.applicationId);
    const removed = await me.agent.post(`${me.url}/${first!.id}/remove`);
    assert.equal(removed.statusCode, 303, 'the applicant removes one');
    assert.deepEqual(
      (await storedFiles(me.applicationId)).map((f) => f.file_name),
      ['part 2.pdf', 'part 3.pdf'],
      'that one is gone',
    );
    assert.equal((await me.agent.get(`${me.url}/${first!.id}`)).statusCode, 404, 'and no longer downloads');
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', me.applicationId)
      .where('action', '=', 'smallGrants.file.remove')
      .execute();
    assert.equal(audit.length, 1, 'the removal is audited');
    assert.equal(
      (await upload(me.agent, me.url, { filename: 'part 4.pdf', type: 'application/pdf', data: PDF })).statusCode,
      303,
      'there is room again',
    );
  });

  test('once the round has closed, files can be downloaded but not added or removed', async () => {
    const round = await createRound(t.kith, {
      placeId,
      personId: officerId(),
      fundId,
      round: roundInput({ opensOn: addDays(today, -30), closesOn: addDays(today, -2) }),
    });
    const me = await newMember(t, placeId, 'Late Applicant');
    const applicationId = await startApplication(t.kith, {
      placeId,
      personId: me.id,
      roundId: round,
      fields: fields('Too late'),
      action: 'submit',
      now: new Date(Date.now() - 10 * 86_400_000),
    });
    const url = `${base}/applications/${applicationId}/files`;
    const page = await me.agent.get(url);
    assert.ok(pageText(page.body).includes('no longer taking applications'), 'the page says why nothing can change');
    const sent = await upload(me.agent, url, { filename: 'late.pdf', type: 'application/pdf', data: PDF });
    assert.equal(sent.statusCode, 422, 'an upload after the close is refused');
    assert.equal(
      fieldErrors(sent.body).file,
      'Files can only be added or removed while the round is taking applications',
      'with the reason beside the field',
    );
    assert.deepEqual(await storedFiles(applicationId), [], 'and nothing is stored');
  });

  test('only the applicant, the round’s panel and the place’s officers can download a file', async () => {
    const me = await applicant();
    await upload(me.agent, me.url, { filename: 'quote.pdf', type: 'application/pdf', data: PDF });
    const [file] = await storedFiles(me.applicationId);
    const href = `${me.url}/${file!.id}`;
    const panellist = await newMember(t, placeId, 'Pat Panel');
    const conflicted = await newMember(t, placeId, 'Connie Conflicted');
    for (const p of [panellist, conflicted]) {
      const email = (
        await t.kith.db.kysely.selectFrom('people').select('email').where('id', '=', p.id).executeTakeFirstOrThrow()
      ).email!;
      await addToPanel(t.kith, { placeId, personId: officerId(), roundId: me.roundId, email });
    }
    await declare(t.kith, {
      placeId,
      personId: conflicted.id,
      roundId: me.roundId,
      applicationId: me.applicationId,
      conflicted: true,
      note: 'My sister runs it',
    });
    const stranger = await newMember(t, placeId, 'Sam Stranger');
    const officer = await newMember(t, placeId, 'Olu Officer', 'officer');
    const otherPanel = await newMember(t, placeId, 'Other Round Panel');
    const otherRound = await createRound(t.kith, { placeId, personId: officerId(), fundId, round: roundInput() });
    const otherEmail = (
      await t.kith.db.kysely
        .selectFrom('people')
        .select('email')
        .where('id', '=', otherPanel.id)
        .executeTakeFirstOrThrow()
    ).email!;
    await addToPanel(t.kith, { placeId, personId: officerId(), roundId: otherRound, email: otherEmail });

    assert.equal((await panellist.agent.get(href)).statusCode, 200, 'a panel member of the round can');
    assert.equal(
      (await conflicted.agent.get(href)).statusCode,
      200,
      'a conflicted panel member still sees the application, so its files',
    );
    assert.equal((await officer.agent.get(href)).statusCode, 200, 'an officer of the place can');
    assert.equal((await stranger.agent.get(href)).statusCode, 403, 'another resident cannot');
    assert.equal((await otherPanel.agent.get(href)).statusCode, 403, 'another round’s panel cannot');
    assert.equal((await new Agent(t).get(href)).statusCode, 303, 'someone signed out is sent to sign in');
    assert.equal((await stranger.agent.get(me.url)).statusCode, 403, 'nobody else opens the applicant’s files page');
    const theirs = await upload(stranger.agent, me.url, { filename: 'x.pdf', type: 'application/pdf', data: PDF });
    assert.equal(theirs.statusCode, 403, 'nor adds a file to it');
    assert.equal((await stranger.agent.post(`${href}/remove`)).statusCode, 403, 'nor removes one');
    assert.equal((await storedFiles(me.applicationId)).length, 1, 'the file is still there');

    const review = await panellist.agent.get(`${base}/rounds/${me.roundId}/review/${me.applicationId}`);
    assert.ok(review.body.includes(href), 'the panel’s page for the application links to the file');
    const manage = await officer.agent.get(`${base}/rounds/${me.roundId}/manage`);
    assert.ok(manage.body.includes(href), 'so does the officers’ page for the round');

    await withdrawApplication(t.kith, { placeId, personId: me.id, applicationId: me.applicationId });
    assert.equal(
      (await panellist.agent.get(href)).statusCode,
      403,
      'a withdrawn application’s files are the applicant’s alone',
    );
    assert.equal((await me.agent.get(href)).statusCode, 200, 'who can still download them');
  });

  test('a draft’s files are the applicant’s alone', async () => {
    const me = await applicant('save');
    await upload(me.agent, me.url, { filename: 'draft.pdf', type: 'application/pdf', data: PDF });
    const [file] = await storedFiles(me.applicationId);
    const officer = await newMember(t, placeId, 'Dee Officer', 'officer');
    assert.equal(
      (await officer.agent.get(`${me.url}/${file!.id}`)).statusCode,
      403,
      'an officer cannot open a draft’s file',
    );
    assert.equal((await me.agent.get(`${me.url}/${file!.id}`)).statusCode, 200, 'its applicant can');
  });

  test('a file id from another application does not download through this one', async () => {
    const a = await applicant();
    const b = await applicant();
    await upload(b.agent, b.url, { filename: 'b.pdf', type: 'application/pdf', data: PDF });
    const [file] = await storedFiles(b.applicationId);
    assert.equal(
      (await a.agent.get(`${a.url}/${file!.id}`)).statusCode,
      404,
      'not found under someone else’s application',
    );
  });
});

describe('what a file is, and what it is called', () => {
  test('bytes that start with none of the three signatures are no supporting file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const head = Buffer.from(bytes).subarray(0, 8);
        const magic =
          head.subarray(0, 5).toString('latin1') === '%PDF-' ||
          (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
          head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        assert.equal(supportingFileType(bytes) !== undefined, magic, 'a type only for a known signature');
      }),
    );
    assert.equal(supportingFileType(PDF), 'application/pdf', 'a PDF is a PDF');
  });

  test('any name becomes one that is safe in a header and ends as its type says', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('application/pdf', 'image/jpeg', 'image/png' as const),
        (name, type) => {
          const safe = safeFileName(name, type);
          assert.ok(/\.(pdf|jpg|png)$/.test(safe), `"${safe}" ends with its type's extension`);
          assert.ok(!/[\\/"\u0000-\u001f]/.test(safe), `"${safe}" has no folders, quotes or control characters`);
          assert.ok(!safe.startsWith('.'), `"${safe}" is not hidden`);
          const header = attachmentHeader(safe);
          assert.match(
            header,
            /^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]*$/,
            `${header} is one well-formed header`,
          );
        },
      ),
    );
    assert.equal(
      safeFileName('C:\\Users\\ada\\..\\evil.exe', 'application/pdf'),
      'evil.pdf',
      'folders and the false extension go',
    );
    assert.equal(
      safeFileName('Cyllideb y prosiect.pdf', 'application/pdf'),
      'Cyllideb y prosiect.pdf',
      'an ordinary name stays',
    );
  });
});
