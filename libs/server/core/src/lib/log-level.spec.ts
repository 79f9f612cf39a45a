import { ConfigError } from './config';
import { logLevelsFrom } from './log-level';

describe('logLevelsFrom (LOG_LEVEL)', () => {
  it('unset: Nest’s default, everything but verbose', () => {
    expect(logLevelsFrom(undefined)).toEqual(['fatal', 'error', 'warn', 'log', 'debug']);
    expect(logLevelsFrom(' ')).toEqual(['fatal', 'error', 'warn', 'log', 'debug']);
  });

  it('a level shows itself and everything quieter', () => {
    expect(logLevelsFrom('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(logLevelsFrom('ERROR')).toEqual(['fatal', 'error']);
    expect(logLevelsFrom('info')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(logLevelsFrom('debug')).toEqual(['fatal', 'error', 'warn', 'log', 'debug']);
    expect(logLevelsFrom('verbose')).toHaveLength(6);
  });

  it('refuses a level it does not know, naming the ones it does', () => {
    expect(() => logLevelsFrom('loud')).toThrow(ConfigError);
    expect(() => logLevelsFrom('loud')).toThrow(/fatal, error, warn, log, debug, verbose/);
  });
});
