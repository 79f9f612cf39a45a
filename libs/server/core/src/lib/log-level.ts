import type { LogLevel } from '@nestjs/common';
import { ConfigError } from './config';

/** From the quietest to the most talkative; each level shows itself and everything before it. */
const ORDER: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const NAMES: Readonly<Record<string, LogLevel>> = { fatal: 'fatal', error: 'error', warn: 'warn', warning: 'warn', log: 'log', info: 'log', debug: 'debug', verbose: 'verbose' };

/**
 * `LOG_LEVEL` → the levels Nest prints. Unset: everything but verbose (Nest's own default, what the specs and
 * a production log collector see). `npm start` sets `warn` unless told otherwise, so the ~150 lines of route
 * mapping do not hide the address it prints; `LOG_LEVEL=debug` (or `npm start -- --verbose`) shows them.
 */
export function logLevelsFrom(value: string | undefined): LogLevel[] {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '') return ORDER.filter((l) => l !== 'verbose');
  const level = NAMES[text];
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${ORDER.join(', ')} (got "${value}")`);
  return ORDER.slice(0, ORDER.indexOf(level) + 1);
}
