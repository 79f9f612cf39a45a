import { JSDOM } from 'jsdom';
import { PAIN001_NAMESPACE, Pain001Input, buildPain001, endToEndId, toEpcBasicLatin } from './pain001';

const window = new JSDOM('').window;

function parse(xml: string): Document {
  const document = new window.DOMParser().parseFromString(xml, 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return document;
}

function texts(document: Document, tag: string): string[] {
  return Array.from(document.getElementsByTagNameNS(PAIN001_NAMESPACE, tag)).map((e) => e.textContent ?? '');
}

/** Direct children of an element, by local name, in document order. */
function childNames(element: Element): string[] {
  return Array.from(element.children).map((c) => c.localName);
}

const EPC_BASIC_LATIN = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

const input: Pain001Input = {
  messageId: 'MZ0123456789ABCDEF0123456789ABCDEF',
  createdAt: new Date('2026-12-04T10:15:30.123Z'),
  executionDate: '2026-12-07',
  debtorName: 'Styrelsen för internationellt utvecklingssamarbete',
  debtorIban: 'SE4550000000058398257466',
  debtorBic: 'ESSESESS',
  transactions: [
    {
      paymentId: '6f1c2b9e-8d7a-4c3b-9a1e-2f3d4c5b6a79',
      amountMinor: 50_000_000n,
      currency: 'SEK',
      creditorName: 'جمعية البصرة للصحة & Co <Basra>',
      creditorIban: 'IQ98NBIQ850123456789012',
      creditorBic: 'NBIQIQBA',
      remittance: 'Grant MZ-G-2026-0001 tranche 1',
    },
    {
      paymentId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      amountMinor: 12_345_601n,
      currency: 'SEK',
      creditorName: 'Föreningen Åsa & Øre "Mosul" Ltd.',
      creditorIban: 'SE3550000000054910000003',
      creditorBic: null,
      remittance: 'Grant MZ-G-2026-0002 tranche 2',
    },
  ],
};

describe('pain.001.001.09', () => {
  const xml = buildPain001(input);
  const document = parse(xml);

  it('parses as XML in the pain.001.001.09 namespace, with the group header before one payment block', () => {
    const root = document.documentElement;
    expect(root.localName).toBe('Document');
    expect(root.namespaceURI).toBe(PAIN001_NAMESPACE);
    expect(childNames(root)).toEqual(['CstmrCdtTrfInitn']);
    expect(childNames(root.children[0])).toEqual(['GrpHdr', 'PmtInf']);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('counts the transactions and sums them in the group header and the payment block', () => {
    expect(texts(document, 'MsgId')).toEqual([input.messageId]);
    expect(texts(document, 'CreDtTm')).toEqual(['2026-12-04T10:15:30Z']);
    expect(texts(document, 'NbOfTxs')).toEqual(['2', '2']);
    // 500,000.00 + 123,456.01 SEK
    expect(texts(document, 'CtrlSum')).toEqual(['623456.01', '623456.01']);
    expect(texts(document, 'CdtTrfTxInf')).toHaveLength(2);
  });

  it('the payment block: transfer, execution date, debtor, its account and agent, in schema order', () => {
    const block = document.getElementsByTagNameNS(PAIN001_NAMESPACE, 'PmtInf')[0];
    expect(childNames(block)).toEqual(['PmtInfId', 'PmtMtd', 'NbOfTxs', 'CtrlSum', 'ReqdExctnDt', 'Dbtr', 'DbtrAcct', 'DbtrAgt', 'ChrgBr', 'CdtTrfTxInf', 'CdtTrfTxInf']);
    expect(texts(document, 'PmtMtd')).toEqual(['TRF']);
    expect(texts(document, 'Dt')).toEqual(['2026-12-07']);
    expect(texts(document, 'IBAN')).toEqual([input.debtorIban, 'IQ98NBIQ850123456789012', 'SE3550000000054910000003']);
    expect(texts(document, 'BICFI')).toEqual(['ESSESESS', 'NBIQIQBA']);
    expect(texts(document, 'PmtInfId')[0].length).toBeLessThanOrEqual(35);
  });

  it('each transfer: end-to-end id from the payment id, amount with its currency, creditor agent only when the BIC is known, remittance', () => {
    const [first, second] = Array.from(document.getElementsByTagNameNS(PAIN001_NAMESPACE, 'CdtTrfTxInf'));
    expect(childNames(first)).toEqual(['PmtId', 'Amt', 'CdtrAgt', 'Cdtr', 'CdtrAcct', 'RmtInf']);
    expect(childNames(second)).toEqual(['PmtId', 'Amt', 'Cdtr', 'CdtrAcct', 'RmtInf']);
    expect(texts(document, 'EndToEndId')).toEqual(['6f1c2b9e8d7a4c3b9a1e2f3d4c5b6a79', '0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d']);
    const amounts = Array.from(document.getElementsByTagNameNS(PAIN001_NAMESPACE, 'InstdAmt'));
    expect(amounts.map((a) => [a.textContent, a.getAttribute('Ccy')])).toEqual([
      ['500000.00', 'SEK'],
      ['123456.01', 'SEK'],
    ]);
    expect(texts(document, 'Ustrd')).toEqual(['Grant MZ-G-2026-0001 tranche 1', 'Grant MZ-G-2026-0002 tranche 2']);
  });

  it('every name is in the EPC basic Latin set: Arabic romanized, accents dropped, & and quotes mapped, nothing raw left for XML', () => {
    const names = texts(document, 'Nm');
    expect(names).toEqual([
      'Styrelsen for internationellt utvecklingssamarbete',
      'Styrelsen for internationellt utvecklingssamarbete',
      "jm'yh albsrh llshh + Co Basra",
      "Foreningen Asa + Ore 'Mosul' Ltd.",
    ]);
    for (const name of names) expect(name).toMatch(EPC_BASIC_LATIN);
    // The apostrophe of the transliteration is plain text content (xmlbuilder2 escapes what XML requires).
    expect(xml).toContain("<Nm>jm'yh albsrh llshh + Co Basra</Nm>");
    // Nothing outside printable ASCII and line breaks: what every bank's parser reads.
    expect([...xml].every((c) => c === '\n' || (c >= ' ' && c <= '~'))).toBe(true);
  });
});

describe('EPC basic Latin transliteration', () => {
  it.each([
    ['Ärzte für Ägypten', 'Arzte fur Agypten'],
    ['Straße 5; Haus "B"', "Strasse 5, Haus 'B'"],
    ['مؤسسة الموصل ٢٠٢٦', "m'ssh almwsl 2026"],
    ['کۆمەڵەی کوردستان', 'komeley kwrdstan'],
    ['Ünïcödé — test_1', 'Unicode - test-1'],
    ['<script>alert(1)</script>', 'script alert(1) /script'],
    ['   ', ''],
  ])('%s → %s', (from, to) => {
    expect(toEpcBasicLatin(from)).toBe(to);
    expect(toEpcBasicLatin(from)).toMatch(EPC_BASIC_LATIN);
  });

  it('cuts at 140 characters (Max140Text)', () => {
    expect(toEpcBasicLatin('a'.repeat(200))).toHaveLength(140);
  });

  it('a name with nothing left is written NOTPROVIDED, never an empty element', () => {
    const xml = buildPain001({ ...input, transactions: [{ ...input.transactions[0], creditorName: '☃☃☃' }] });
    expect(texts(parse(xml), 'Nm')[2]).toBe('NOTPROVIDED');
  });

  it('end-to-end ids fit Max35Text', () => {
    expect(endToEndId('6f1c2b9e-8d7a-4c3b-9a1e-2f3d4c5b6a79')).toHaveLength(32);
  });

  it('refuses an empty file or mixed currencies', () => {
    expect(() => buildPain001({ ...input, transactions: [] })).toThrow('at least one payment');
    expect(() => buildPain001({ ...input, transactions: [input.transactions[0], { ...input.transactions[1], currency: 'USD' }] })).toThrow('one currency');
  });

  it('keeps the PmtInfId batch suffix for a 34-character message id as BankFilesService makes them ("MZ" + 32 hex), within Max35Text', () => {
    const messageId = `MZ${'0123456789abcdef0123456789abcdef'.toUpperCase()}`;
    expect(messageId).toHaveLength(34);
    const xml = buildPain001({ ...input, messageId, transactions: [input.transactions[0]] });
    const [id] = texts(parse(xml), 'PmtInfId');
    expect(id.length).toBeLessThanOrEqual(35);
    expect(id).not.toMatch(/-$/);
    expect(id).not.toBe(messageId + '-');
  });
});
