import { create } from 'xmlbuilder2';
import { CurrencyCode, formatDecimal } from '@mizan/domain';

/**
 * ISO 20022 customer credit transfer initiation, message pain.001.001.09,
 * built with xmlbuilder2: the few elements a bank needs, in the schema's order,
 * every text value transliterated to the EPC basic Latin character set.
 *
 * The character set (EPC guidance on SEPA requirements for an extended
 * character set, the "basic Latin" set every bank accepts):
 *   a-z A-Z 0-9 / - ? : ( ) . , ' + and space.
 * Names and remittance text are mapped into it before they are written:
 * accented Latin letters lose the accent (é → e, å → a, ö → o), ß → ss,
 * æ → ae, ø → o, & → +; Arabic and Kurdish letters are romanized letter by
 * letter (a simplified, diacritic-free transliteration: محمد → mhmd, ع → ');
 * Arabic-Indic digits become 0-9; anything else becomes a space. A name that
 * would be left empty is written as "NOTPROVIDED". Texts are cut to the
 * schema's Max140Text / Max35Text. The original names stay in Mizan; the bank
 * file only carries what the bank can process.
 */

export const PAIN001_NAMESPACE =
  'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export interface Pain001Transaction {
  /** The payment's id: its EndToEndId is this without dashes (32 characters). */
  paymentId: string;
  amountMinor: bigint;
  currency: CurrencyCode;
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
  /** Unstructured remittance: grant number and tranche. */
  remittance: string;
}

export interface Pain001Input {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  debtorName: string;
  debtorIban: string;
  debtorBic: string;
  transactions: readonly Pain001Transaction[];
}

const ARABIC: Readonly<Record<string, string>> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: "'",
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  و: 'w',
  ي: 'y',
  ى: 'a',
  ة: 'h',
  ء: "'",
  ؤ: "'",
  ئ: "'",
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ڤ: 'v',
  ڵ: 'l',
  ڕ: 'r',
  ۆ: 'o',
  ێ: 'e',
  ی: 'y',
  ە: 'e',
  ک: 'k',
  ھ: 'h',
  '،': ',',
  '؟': '?',
  '٫': '.',
  '٬': ',',
};

const LATIN: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'TH',
  ð: 'd',
  Ð: 'D',
  ı: 'i',
  '&': '+',
  '"': "'",
  '‘': "'",
  '’': "'",
  '“': "'",
  '”': "'",
  '–': '-',
  '—': '-',
  _: '-',
  ';': ',',
  '!': '.',
  '\t': ' ',
  '\n': ' ',
  '\r': ' ',
};

const BASIC_LATIN = /^[A-Za-z0-9/\-?:().,'+ ]$/;

/** Maps free text into the EPC basic Latin set (see above) and collapses spaces. */
export function toEpcBasicLatin(text: string, maxLength = 140): string {
  let out = '';
  for (const whole of text.normalize('NFC')) {
    // Arabic letters with hamza or madda (أ إ آ ؤ ئ) have their own romanization: mapped before decomposing.
    const direct = ARABIC[whole] ?? LATIN[whole];
    if (direct !== undefined) {
      out += direct;
      continue;
    }
    for (const ch of whole.normalize('NFD')) out += basicLatinOf(ch);
  }
  return out.replace(/ {2,}/g, ' ').trim().slice(0, maxLength).trim();
}

function basicLatinOf(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x0300 && code <= 0x036f) return ''; // combining accents
  if ((code >= 0x064b && code <= 0x065f) || code === 0x0670 || code === 0x0640)
    return ''; // Arabic vowel marks, tatweel
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  const mapped = ARABIC[ch] ?? LATIN[ch];
  if (mapped !== undefined) return mapped;
  return BASIC_LATIN.test(ch) ? ch : ' ';
}

/** The EndToEndId of a payment: its UUID without dashes (32 ≤ 35 characters). */
export function endToEndId(paymentId: string): string {
  return paymentId.replace(/-/g, '').slice(0, 35);
}

function name(text: string): string {
  return toEpcBasicLatin(text) || 'NOTPROVIDED';
}

function sum(transactions: readonly Pain001Transaction[]): bigint {
  return transactions.reduce((total, t) => total + t.amountMinor, 0n);
}

/** The control sum of a batch: amounts of one currency as a decimal (pain.001's CtrlSum). */
export function controlSum(
  transactions: readonly Pain001Transaction[],
): string {
  if (transactions.length === 0) return '0';
  return formatDecimal(sum(transactions), transactions[0].currency);
}

/**
 * The pain.001.001.09 document of one bank file: a group header and one
 * payment information block per execution date (a file has one date), one
 * credit transfer per payment.
 */
export function buildPain001(input: Pain001Input): string {
  if (input.transactions.length === 0)
    throw new Error('a bank file needs at least one payment');
  const currencies = new Set(input.transactions.map((t) => t.currency));
  if (currencies.size !== 1)
    throw new Error(
      `a bank file holds payments of one currency, not ${[...currencies].join(', ')}`,
    );
  const count = String(input.transactions.length);
  const total = controlSum(input.transactions);
  // xmlbuilder2 escapes every text and attribute value; the values are transliterated to the EPC set first.
  const root = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(PAIN001_NAMESPACE, 'Document')
    .ele('CstmrCdtTrfInitn');
  root
    .ele('GrpHdr')
    .ele('MsgId')
    .txt(input.messageId.slice(0, 35))
    .up()
    .ele('CreDtTm')
    .txt(input.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .up()
    .ele('NbOfTxs')
    .txt(count)
    .up()
    .ele('CtrlSum')
    .txt(total)
    .up()
    .ele('InitgPty')
    .ele('Nm')
    .txt(name(input.debtorName));
  const batch = root
    .ele('PmtInf')
    .ele('PmtInfId')
    .txt(`${input.messageId.slice(0, 33)}-1`)
    .up()
    .ele('PmtMtd')
    .txt('TRF')
    .up()
    .ele('NbOfTxs')
    .txt(count)
    .up()
    .ele('CtrlSum')
    .txt(total)
    .up()
    .ele('ReqdExctnDt')
    .ele('Dt')
    .txt(input.executionDate)
    .up()
    .up()
    .ele('Dbtr')
    .ele('Nm')
    .txt(name(input.debtorName))
    .up()
    .up()
    .ele('DbtrAcct')
    .ele('Id')
    .ele('IBAN')
    .txt(input.debtorIban)
    .up()
    .up()
    .up()
    .ele('DbtrAgt')
    .ele('FinInstnId')
    .ele('BICFI')
    .txt(input.debtorBic)
    .up()
    .up()
    .up()
    // Cross-border transfers to the grantee's bank: fees shared (what our bank charges is recorded as bank fees).
    .ele('ChrgBr')
    .txt('SHAR')
    .up();
  for (const t of input.transactions) {
    const tx = batch
      .ele('CdtTrfTxInf')
      .ele('PmtId')
      .ele('EndToEndId')
      .txt(endToEndId(t.paymentId))
      .up()
      .up()
      .ele('Amt')
      .ele('InstdAmt', { Ccy: t.currency })
      .txt(formatDecimal(t.amountMinor, t.currency))
      .up()
      .up();
    if (t.creditorBic)
      tx.ele('CdtrAgt').ele('FinInstnId').ele('BICFI').txt(t.creditorBic);
    tx.ele('Cdtr')
      .ele('Nm')
      .txt(name(t.creditorName))
      .up()
      .up()
      .ele('CdtrAcct')
      .ele('Id')
      .ele('IBAN')
      .txt(t.creditorIban)
      .up()
      .up()
      .up()
      .ele('RmtInf')
      .ele('Ustrd')
      .txt(name(t.remittance));
  }
  return `${root.end({ prettyPrint: true })}\n`;
}
