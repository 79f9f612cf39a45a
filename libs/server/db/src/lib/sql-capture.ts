import { appendFileSync } from 'node:fs';
import type { Logger } from 'typeorm';

/**
 * Off by default (benchmarks only, `tools/bench/api-paths-bench.ts`): with `MIZAN_SQL_CAPTURE=<file>` the data
 * source logs every query it sends, with its parameters, as one JSON line `{"sql", "params"}` appended to that file,
 * so the benchmark's bare baseline can run exactly the SQL one request ran. Without the variable no logger is
 * installed: it costs nothing.
 */
export function sqlCaptureLogger(file: string | undefined): Logger | undefined {
  if (!file) return undefined;
  const json = (value: unknown) =>
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  const write = (sql: string, params: unknown) => appendFileSync(file, `${json({ sql, params: params ?? [] })}\n`);
  return {
    logQuery: (query, parameters) => write(query, parameters),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: (level, message) => {
      if (level === 'warn') console.warn(message);
    },
  };
}
