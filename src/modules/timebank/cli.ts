/** `kith ledger verify`: the time credit ledger checked against itself, for an operator. */
import type { KithCommand } from '../module.js';
import { verifyLedger } from './ledger.js';

export const timebankCommands: KithCommand[] = [
  {
    name: 'ledger verify',
    summary: 'check every time credit balance against its entries and the ledger’s zero sum; exits 1 on any difference',
    async run(kith, _input, io) {
      const report = await verifyLedger(kith.db);
      io.out(`Checked ${report.accounts} time credit accounts and ${report.transfers} transfers.`);
      for (const d of report.differences) io.err(`  ${d.kind} ${d.id}: entries say ${d.expected}, stored ${d.found}`);
      io.out(
        report.ok
          ? 'The ledger verifies: every balance equals its entries and the ledger sums to zero.'
          : `The ledger does NOT verify: ${report.differences.length} difference(s).`,
      );
      return report.ok ? 0 : 1;
    },
  },
];
