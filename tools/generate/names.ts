import type { ListEntry } from '@mizan/domain';
import { Random } from './random';

/**
 * People's names for the generated parties (organization members, partner contact persons): Iraqi given, father's
 * and family names as the diaspora writes them in Latin script, so that screening them against the UN list meets
 * what it meets in production — mostly nothing, sometimes a namesake (a listed family name with a common given
 * name), now and then a near-copy of a listed name. Whether a name is a potential match is never decided here:
 * the generator screens every name with the product's own matcher (screenName) and keeps what it returns.
 */
const GIVEN = [
  'Ahmed', 'Mohammed', 'Ali', 'Hassan', 'Hussein', 'Omar', 'Khalid', 'Mustafa', 'Ibrahim', 'Yusuf', 'Abbas', 'Karim', 'Jasim', 'Kadhim',
  'Salih', 'Haidar', 'Mahdi', 'Sami', 'Salim', 'Rashid', 'Majid', 'Adil', 'Amir', 'Tariq', 'Saad', 'Ziad', 'Firas', 'Laith', 'Muhannad',
  'Qais', 'Bashar', 'Nabil', 'Wael', 'Yasser', 'Samir', 'Faris', 'Hamza', 'Usama', 'Raad', 'Hadi', 'Sabah', 'Zaid', 'Ammar', 'Akram',
  'Mazin', 'Nawfal', 'Harith', 'Marwan', 'Thamir', 'Falah', 'Jabbar', 'Ghassan', 'Hatem', 'Imad', 'Jamal', 'Khalil', 'Louay', 'Munther',
  'Fatima', 'Zainab', 'Maryam', 'Sara', 'Noor', 'Nadia', 'Huda', 'Layla', 'Rana', 'Shatha', 'Dunya', 'Iman', 'Hanan', 'Suha', 'Rusul',
  'Ruqaya', 'Zahraa', 'Aseel', 'Mays', 'Hiba', 'Inas', 'Samira', 'Wafaa', 'Ban', 'Amal', 'Lubna', 'Nagham', 'Reem', 'Sanaa', 'Yasmin',
];
const FATHER = [
  'Ahmed', 'Mohammed', 'Ali', 'Hassan', 'Hussein', 'Abdullah', 'Abdul-Karim', 'Abdul-Rahman', 'Jasim', 'Kadhim', 'Salih', 'Mahmoud',
  'Jawad', 'Kamil', 'Jabir', 'Hamid', 'Sabri', 'Aziz', 'Naji', 'Fadhil', 'Shakir', 'Khudair', 'Mahdi', 'Nasir', 'Mutlaq', 'Hadi', 'Taha',
  'Younis', 'Sultan', 'Rahim', 'Ghazi', 'Adnan', 'Talib', 'Latif', 'Qasim', 'Abbas', 'Yahya', 'Ismail', 'Ibrahim', 'Mustafa',
];
/** Family names (tribe, town, descent); some are listed families, as in life. */
const FAMILY = [
  'Al-Jubouri', 'Al-Dulaimi', 'Al-Shammari', 'Al-Obaidi', 'Al-Tamimi', 'Al-Zubaidi', 'Al-Saadi', 'Al-Rubaie', 'Al-Khafaji', 'Al-Hashimi',
  'Al-Ani', 'Al-Kubaisi', 'Al-Janabi', 'Al-Azzawi', 'Al-Bayati', 'Al-Hakim', 'Al-Musawi', 'Al-Husseini', 'Al-Maliki', 'Al-Najafi',
  'Al-Basri', 'Al-Mosuli', 'Al-Tikriti', 'Al-Rawi', 'Al-Hadithi', 'Al-Douri', 'Al-Samarrai', 'Al-Kurdi', 'Al-Lami', 'Al-Kaabi',
  'Al-Asadi', 'Al-Amiri', 'Al-Karbalai', 'Al-Bahadli', 'Al-Shaikhli', 'Al-Qaisi', 'Al-Khazraji', 'Al-Mashhadani', 'Al-Haddad',
  'Al-Attar', 'Al-Chalabi', 'Al-Naqib', 'Al-Sudani', 'Al-Fayyadh', 'Al-Juburi', 'Al-Issawi', 'Al-Mutlaq', 'Al-Badri', 'Al-Timimi',
  'Hamoudi', 'Kubba', 'Jaafar', 'Shabibi', 'Haddad', 'Marouf', 'Sayegh', 'Yousif', 'Toma', 'Hanna', 'Barwari', 'Zebari', 'Talabani',
];

/** A Latin-script word as people write it: "ABD-AL-KHALIQ" → "Abd-Al-Khaliq". */
function titleCase(word: string): string {
  return word
    .toLowerCase()
    .split(/([-'’ ])/)
    .map((part) => (part.length > 1 ? part[0].toUpperCase() + part.slice(1) : part))
    .join('')
    .replace(/^Al-/i, 'Al-');
}

/** A person's name: given, father's and family name, as most generated people are called. */
export function personName(r: Random): string {
  return `${r.pick(GIVEN)} ${r.pick(FATHER)} ${r.pick(FAMILY)}`;
}

/** The Latin-script names of the listed individuals a namesake may be drawn from (the Iraq and Al-Qaida regimes). */
export function namesakeSources(entries: readonly ListEntry[]): string[][] {
  const out: string[][] = [];
  for (const e of entries) {
    if (e.kind !== 'individual' || (e.unListType !== 'Iraq' && e.unListType !== 'Al-Qaida')) continue;
    const latin = e.names
      .filter((n) => n.type !== 'original_script' && /^[A-Za-z][A-Za-z .'’-]+$/.test(n.name))
      .map((n) => n.name.replace(/\s+/g, ' ').trim().split(' ').filter((w) => !/^[A-Za-z]\.?$/.test(w)))
      .filter((words) => words.length >= 2);
    if (latin.length) out.push(...latin);
  }
  return out;
}

/**
 * A name close to a listed one, as a diaspora member or a partner's contact person may carry it: one of the
 * entry's Latin names, written in title case, sometimes without its middle names or with another given name.
 */
export function namesakeName(r: Random, sources: readonly string[][]): string {
  const words = [...r.pick(sources)].map(titleCase);
  const roll = r.float();
  // Another given name (a namesake: the same family, another person), the middle names dropped, or both; few exact copies.
  if (roll < 0.45) words[0] = r.pick(GIVEN);
  if (words.length >= 3 && (roll < 0.25 || (roll >= 0.45 && roll < 0.8))) words.splice(1, words.length - 2);
  return words.join(' ');
}
