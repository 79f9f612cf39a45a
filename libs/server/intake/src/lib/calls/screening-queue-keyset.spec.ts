import { SCREENING_QUEUE_SORTS } from '@mizan/contracts';
import { keysetCondition, keysetOrder } from '@mizan/server/core';
import { queueColumns } from './screening-queue.service';

/**
 * Every sort of the screening queue pages by one row comparison on the index `(call_id, <column>, id)`: no OR for
 * NULLs (the queue's submission time and receipt number are never NULL, constraint ck_application_submitted), so a
 * deep page seeks instead of reading the call from its start.
 */
describe('the screening queue keyset', () => {
  const value = { submitted: '2024-01-29T07:17:48.455309Z', receipt: 'MZ-2024-000123', requested: '40400000', title: 'A', organization: 'B' } as const;
  const id = '2b3664cd-04d8-491b-9bc7-5fed5bee105c';

  for (const sort of SCREENING_QUEUE_SORTS) {
    it(`sort ${sort}: forward and backward, both directions, is one row comparison and an ORDER BY without NULLS clauses`, () => {
      for (const direction of ['asc', 'desc'] as const) {
        const columns = queueColumns(sort, direction);
        for (const backward of [false, true]) {
          const { sql, params } = keysetCondition(columns, [value[sort], id], 4, backward);
          const forwardAsc = (direction === 'asc') !== backward;
          expect(sql).toBe(`(${columns[0].sql}, a.id) ${forwardAsc ? '>' : '<'} ($4::${columns[0].type}, $5::uuid)`);
          expect(params).toEqual([value[sort], id]);
          expect(keysetOrder(columns, backward)).not.toMatch(/NULLS/);
        }
      }
    });
  }
});
