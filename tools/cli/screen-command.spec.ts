import { parseScreenArgs } from './screen-command';

describe('mizan screen arguments', () => {
  it('reads the name, --json, --kind and --as in any order', () => {
    expect(parseScreenArgs(['--json', 'Izzat Ibrahim al-Duri'])).toEqual({ json: true, kind: 'unknown', as: null, name: 'Izzat Ibrahim al-Duri' });
    expect(parseScreenArgs(['Izzat', '--kind', 'person', '--as', 'officer@north.test'])).toEqual({ json: false, kind: 'person', as: 'officer@north.test', name: 'Izzat' });
    expect(parseScreenArgs(['--', '--json'])).toEqual({ json: false, kind: 'unknown', as: null, name: '--json' });
  });

  it('names what is wrong', () => {
    expect(parseScreenArgs([])).toEqual({ problem: expect.stringContaining('exactly one name') });
    expect(parseScreenArgs(['Izzat', 'Ibrahim'])).toEqual({ problem: expect.stringContaining('exactly one name') });
    expect(parseScreenArgs(['--kind', 'company', 'Izzat'])).toEqual({ problem: '--kind is person or entity' });
    expect(parseScreenArgs(['--as'])).toEqual({ problem: expect.stringContaining('--as') });
    expect(parseScreenArgs(['--verbose', 'Izzat'])).toEqual({ problem: 'unknown option --verbose' });
  });
});
