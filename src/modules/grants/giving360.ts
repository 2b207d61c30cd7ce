/**
 * The place's awarded grants as 360Giving 1.4 data: a JSON package ({"grants": [...]})
 * and the spreadsheet layout as CSV. Identifiers: `<publisher prefix>-<id>` for grants;
 * recipients by charity (GB-CHC-) or company (GB-COH-) number where known, otherwise the
 * publisher's own identifier; an informal group's money goes to its host organisation,
 * which is the recipient; an individual is published as "Individual Recipient" with an
 * identifier that says nothing about them.
 */
import { CSV_BOM, csvLine } from '../../platform/csv.js';
import { placeParts } from '../../platform/dates.js';
import { organisationIdentifier } from './rules.js';
import type { Award } from './store.js';

const pounds = (pence: number) => pence / 100;

export interface GivingGrant {
  id: string;
  title: string;
  description: string;
  currency: 'GBP';
  amountAppliedFor: number;
  amountAwarded: number;
  awardDate: string;
  recipientOrganization?: Array<{
    id: string;
    name: string;
    charityNumber?: string;
    companyNumber?: string;
    description?: string;
  }>;
  recipientIndividual?: { id: string; name: string };
  fundingOrganization: Array<{ id: string; name: string }>;
  grantProgramme: Array<{ code: string; title: string }>;
  beneficiaryLocation: Array<{ name: string }>;
  fromOpenCall: 'Yes' | 'No';
  dateModified: string;
}

export function givingGrant(award: Award): GivingGrant {
  const a = award.application;
  const prefix = award.fund.prefix;
  const base = {
    id: `${prefix}-${a.id}`,
    currency: 'GBP' as const,
    amountAppliedFor: pounds(a.amountPence),
    amountAwarded: pounds(award.awardedPence),
    awardDate: placeParts(award.decidedAt).date,
    fundingOrganization: [{ id: award.fund.funderId, name: award.fund.funderName }],
    grantProgramme: [{ code: `${prefix}-${award.round.id}`, title: `${award.fund.name}: ${award.round.title}` }],
    beneficiaryLocation: [{ name: award.round.area }],
    fromOpenCall: 'Yes' as const,
    dateModified: new Date(award.acceptedAt ?? award.decidedAt).toISOString(),
  };
  if (a.applicantKind === 'individual') {
    return {
      ...base,
      title: `Grant to an individual: ${award.round.title}`,
      description: `A grant to an individual from ${award.fund.name}.`,
      recipientIndividual: { id: `${prefix}-IND-${a.id}`, name: 'Individual Recipient' },
    };
  }
  const informal = a.applicantKind === 'informal';
  const numbers = informal
    ? { charityNumber: a.hostCharityNumber, companyNumber: a.hostCompanyNumber }
    : { charityNumber: a.charityNumber, companyNumber: a.companyNumber };
  const recipient = {
    id: organisationIdentifier(prefix, { ...numbers, localId: `ORG-${a.id}` }),
    name: informal ? a.hostName : a.groupName,
    ...(numbers.charityNumber ? { charityNumber: numbers.charityNumber.replace(/\s+/g, '') } : {}),
    ...(numbers.companyNumber ? { companyNumber: numbers.companyNumber.replace(/\s+/g, '') } : {}),
    ...(informal ? { description: `Receives this grant on behalf of ${a.groupName}, an informal group.` } : {}),
  };
  return {
    ...base,
    title: a.projectTitle.slice(0, 140),
    description: a.summary,
    recipientOrganization: [recipient],
  };
}

export const GIVING_CSV_HEADER = [
  'Identifier',
  'Title',
  'Description',
  'Currency',
  'Amount Applied For',
  'Amount Awarded',
  'Award Date',
  'Recipient Org:Identifier',
  'Recipient Org:Name',
  'Recipient Org:Charity Number',
  'Recipient Org:Company Number',
  'Recipient Ind:Identifier',
  'Recipient Ind:Name',
  'Funding Org:Identifier',
  'Funding Org:Name',
  'Grant Programme:Code',
  'Grant Programme:Title',
  'Beneficiary Location:Name',
  'From An Open Call?',
  'Last Modified',
] as const;

export function givingCsvRow(g: GivingGrant): unknown[] {
  const org = g.recipientOrganization?.[0];
  return [
    g.id,
    g.title,
    g.description,
    g.currency,
    g.amountAppliedFor,
    g.amountAwarded,
    g.awardDate,
    org?.id ?? '',
    org?.name ?? '',
    org?.charityNumber ?? '',
    org?.companyNumber ?? '',
    g.recipientIndividual?.id ?? '',
    g.recipientIndividual?.name ?? '',
    g.fundingOrganization[0]!.id,
    g.fundingOrganization[0]!.name,
    g.grantProgramme[0]!.code,
    g.grantProgramme[0]!.title,
    g.beneficiaryLocation[0]!.name,
    g.fromOpenCall,
    g.dateModified,
  ];
}

/**
 * The 360Giving package, written as it is read: exactly the text of
 * JSON.stringify({ grants, version: '1.4' }, null, 2), a page of grants at a time, so
 * the memory a download takes does not grow with the number of grants. Each grant is
 * its own JSON.stringify at two spaces, set in by four (JSON text has no line breaks
 * inside its strings, so every line break is one the indenting made).
 */
export async function* givingPackageJson(pages: AsyncIterable<Award[]>): AsyncGenerator<string> {
  let first = true;
  for await (const page of pages) {
    let chunk = '';
    for (const award of page) {
      chunk += `${first ? '{\n  "grants": [\n' : ',\n'}    ${JSON.stringify(givingGrant(award), null, 2).replace(/\n/g, '\n    ')}`;
      first = false;
    }
    if (chunk) yield chunk;
  }
  yield first ? '{\n  "grants": [],\n  "version": "1.4"\n}' : '\n  ],\n  "version": "1.4"\n}';
}

/** The spreadsheet layout, a page of grants at a time: what csvDocument would write for them all. */
export async function* givingCsv(pages: AsyncIterable<Award[]>): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(GIVING_CSV_HEADER);
  for await (const page of pages) {
    let chunk = '';
    for (const award of page) chunk += csvLine(givingCsvRow(givingGrant(award)));
    if (chunk) yield chunk;
  }
}
