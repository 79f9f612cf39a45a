import { isStoredTime } from '@mizan/domain';
import { credentialsLine, parseGenerateArgs } from './args';
import type { GenerateSummary } from './generate';
import { namesakeName, personName } from './names';
import { Random, dateOf, scaled, split, storedTime } from './random';
import { GeneratedParty, loadSanctionsList, screenParties } from './sanctions';

describe('generator helpers', () => {
  it('times in microseconds become stored times, exactly', () => {
    const micros = Date.UTC(2024, 0, 1, 12, 30, 5) * 1000 + 123_456;
    expect(storedTime(micros)).toBe('2024-01-01T12:30:05.123456Z');
    expect(storedTime(Date.UTC(2024, 1, 29) * 1000 + 7)).toBe('2024-02-29T00:00:00.000007Z');
    expect(isStoredTime(storedTime(micros))).toBe(true);
    expect(dateOf(micros)).toBe('2024-01-01');
  });

  it('the same seed gives the same uuids, version 4 shaped; another seed others', () => {
    const a = new Random(42);
    const b = new Random(42);
    const ids = Array.from({ length: 50 }, () => a.uuid());
    expect(Array.from({ length: 50 }, () => b.uuid())).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
    expect(new Random(43).uuid()).not.toBe(ids[0]);
  });

  it('int stays in its bounds', () => {
    const r = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('scales counts: at least one of each above zero', () => {
    expect(scaled(10_000, 1)).toBe(10_000);
    expect(scaled(10_000, 0.005)).toBe(50);
    expect(scaled(5, 0.01)).toBe(1);
    expect(scaled(5, 0)).toBe(0);
    expect(split(10, 3)).toEqual([4, 3, 3]);
    expect(split(1, 3)).toEqual([1, 1, 1]);
  });

  it('parses the arguments, naming what is wrong', () => {
    expect(parseGenerateArgs(['--scale', '0.5'])).toEqual({ scale: 0.5, seed: 1, agencies: 1, summaryJson: null });
    expect(parseGenerateArgs(['--scale', '10', '--seed', '7', '--agencies', '10', '--summary-json', '/tmp/x.json'])).toEqual({ scale: 10, seed: 7, agencies: 10, summaryJson: '/tmp/x.json' });
    expect(parseGenerateArgs([])).toContain('--scale is required');
    expect(parseGenerateArgs(['--scale', '0'])).toContain('--scale must be');
    expect(parseGenerateArgs(['--scale', '1', '--seed', '-1'])).toContain('--seed');
    expect(parseGenerateArgs(['--scale', '1', '--agencies', '0'])).toContain('--agencies');
    expect(parseGenerateArgs(['--scale', '1', '--fast', 'yes'])).toBe('unknown argument --fast');
    expect(parseGenerateArgs(['--scale'])).toBe('--scale needs a value');
  });

  it('prints the credentials on one parseable line', () => {
    const summary = { officer: 'o@x', auditor: 'a@x', applicant: 'p@x', finance: 'f@x', password: 'pw', agencies: ['id1', 'id2'], callId: 'c', grantId: null } as unknown as GenerateSummary;
    expect(credentialsLine(summary)).toBe('generated: officer=o@x auditor=a@x applicant=p@x finance=f@x password=pw agencies=id1,id2 call=c grant=');
  });
});

describe('generated names and their screening', () => {
  const list = loadSanctionsList();

  it('reads the repository’s UN list as an import would: every entry added, none else', () => {
    expect(list.entries).toHaveLength(1093);
    expect(list.counts).toMatchObject({ individuals: 703, entities: 390, entriesAdded: 1093, entriesRemoved: 0, entriesChanged: 0, entriesUnchanged: 0, aliasesRemoved: 0 });
    expect(list.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(list.contentHashes).toHaveLength(1093);
    expect(list.namesakes.length).toBeGreaterThan(300);
  });

  it('names people the same way for the same seed', () => {
    const a = new Random(9);
    const b = new Random(9);
    const names = Array.from({ length: 20 }, () => [personName(a), namesakeName(a, list.namesakes)]);
    expect(Array.from({ length: 20 }, () => [personName(b), namesakeName(b, list.namesakes)])).toEqual(names);
    for (const [person] of names) expect(person.split(' ')).toHaveLength(3);
  });

  it('screens parties with the product’s matcher: a listed name is a match, a supplier or a generated organization is not', () => {
    const party = (name: string, nameKind: 'person' | 'entity' | 'unknown'): GeneratedParty => ({ kind: 'organization_member', id: name, name, nameKind, organizationId: 'o', partnerOrganizationId: null });
    const { screened, found } = screenParties(list, [party('Tariq Aziz', 'person'), party('Basra Office Supplies', 'unknown'), party('Organization 12 (generated)', 'entity'), party('  ', 'person')]);
    expect(screened).toBe(3);
    expect(found.map((f) => [f.party.name, list.entries[f.entryPos].reference])).toEqual([['Tariq Aziz', 'IQi.025']]);
    expect(found[0].score).toBeGreaterThanOrEqual(0.74);
    expect(found[0].key).not.toBe('');
  });
});
