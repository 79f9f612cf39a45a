/*
 * IATI publication benchmark (issue 16): `npm run bench:iati` (options: --grants=2000 --transactions=8 --runs=3).
 *
 * Builds the IATI 2.03 activity file of one program of `grants` grants, each with `transactions` ledger
 * transactions (commitment, disbursements, expenditure, a refund), a budget per year and partners in governorates
 * at every security level (a third redacted), then validates it as the publication job does: xmllint (WebAssembly)
 * against the 2.03 XSD, then the embedded codelists named by mapping.xml. Reports per step the time, and the peak
 * RSS and heap during the run (sampled every 5 ms). The data are generated in memory (what the job reads from the
 * database is a handful of queries, measured by the ledger benchmark's reads): needs no database.
 * Not a test: it is not run by `npm test`.
 */
import { cpus, loadavg } from 'node:os';
import {
  IRAQ_GOVERNORATES,
  SECURITY_LEVELS,
  buildIatiFile,
  type IatiGrantInput,
  type IatiTransactionDraft,
} from '../../libs/domain/src';
import { validateIatiFile } from '../../libs/server/transparency/src/lib/iati-validator';
import { serializeIatiFile } from '../../libs/server/transparency/src/lib/iati-xml';

function arg(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const GRANTS = Number(arg('grants', '2000'));
const TRANSACTIONS = Number(arg('transactions', '8'));
const RUNS = Number(arg('runs', '3'));

function grants(n: number): IatiGrantInput[] {
  return Array.from({ length: n }, (_, i) => {
    const gov = IRAQ_GOVERNORATES[i % IRAQ_GOVERNORATES.length];
    const level = SECURITY_LEVELS[i % SECURITY_LEVELS.length];
    const tx: IatiTransactionDraft[] = [
      {
        type: '2',
        amountMinor: 60_000_000n,
        date: '2027-02-01',
        entryId: `c${i}`,
        account: 'grant_committed',
      },
    ];
    for (let k = 1; k < TRANSACTIONS; k++) {
      const type = k === TRANSACTIONS - 1 ? '1' : k % 2 ? '3' : '4';
      tx.push({
        type,
        amountMinor: BigInt(1_000_000 + k * 1234),
        date: `2027-${String(1 + (k % 12)).padStart(2, '0')}-15`,
        entryId: `e${i}-${k}`,
        account: 'advance_with_grantee',
      });
    }
    return {
      id: `g${i}`,
      grantNumber: `MZ-2027-${String(i).padStart(5, '0')}`,
      title: `Community health and heritage project ${i} with Partner ${i}`,
      summary: `Partner ${i} runs training and small works in ${gov.en}; contact Person ${i}.`,
      summarySource: { kind: 'grant_version', id: `a${i}` },
      state: 'active',
      startsOn: '2027-02-01',
      endsOn: '2029-01-31',
      actualStartOn: '2027-02-01',
      actualEndOn: null,
      currency: 'SEK',
      amountMinor: 60_000_000n,
      organization: {
        id: `o${i % 200}`,
        name: `Diaspora Association ${i % 200}`,
        ref: `SE-ON-80240${String(i % 200).padStart(5, '0')}`,
        type: '21',
      },
      partners: [
        {
          id: `p${i}`,
          name: `Partner ${i} Society`,
          governorateCode: gov.code,
          governorateNameEn: gov.en,
          governorateNameAr: gov.ar,
          securityLevel: level,
          withholdName: i % 17 === 0,
          personNames: [`Person ${i}`],
        },
      ],
      personNames: [`Signatory ${i}`],
      transactions: tx,
      modality: 'advance',
    };
  });
}

async function main(): Promise<void> {
  const identity = {
    organisationIdentifier: 'XI-IATI-MIZAN-BENCH',
    name: { en: 'Bench Agency', ar: 'وكالة القياس', sv: 'Mätmyndigheten' },
    organisationType: '10',
  };
  const program = {
    id: 'bench',
    name: 'Bench program',
    themes: ['health'],
    publicSummary: { en: 'Public summary.' },
  };
  const data = grants(GRANTS);
  console.log(
    `IATI bench: ${GRANTS} grants × ${TRANSACTIONS} transactions, ${RUNS} runs; node ${process.version}, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`,
  );
  for (let run = 1; run <= RUNS; run++) {
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const t0 = performance.now();
    const file = buildIatiFile(identity, program, data, '2027-11-01T08:00:00Z');
    const t1 = performance.now();
    const xml = serializeIatiFile(file.root);
    const t2 = performance.now();
    const result = await validateIatiFile(xml);
    const t3 = performance.now();
    clearInterval(timer);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(
      `run ${run}: build ${(t1 - t0).toFixed(0)} ms, serialise ${(t2 - t1).toFixed(0)} ms, validate (XSD + codelists) ${(t3 - t2).toFixed(0)} ms, total ${(t3 - t0).toFixed(0)} ms; ` +
        `file ${(Buffer.byteLength(xml) / 1024 / 1024).toFixed(1)} MB, ${file.activities.length} activities, valid ${result.valid} (${result.errors.length} errors); ` +
        `peak RSS ${mb(peakRss)} MB (start ${mb(base.rss)}), peak heap ${mb(peakHeap)} MB`,
    );
    if (!result.valid) {
      console.error(result.errors.slice(0, 3));
      process.exitCode = 1;
    }
  }
}

void main();
