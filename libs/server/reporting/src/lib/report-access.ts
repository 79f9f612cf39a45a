import { MizanException } from '@mizan/server/core';

/**
 * The caller's relation to a report's grant (from GrantReads), with its 404
 * naming the report instead of the grant: whoever may not see the grant may
 * not learn that the report exists either.
 */
export function relationOrReportNotFound<T>(relation: Promise<T>): Promise<T> {
  return relation.catch(() => {
    throw MizanException.notFound('Report');
  });
}
