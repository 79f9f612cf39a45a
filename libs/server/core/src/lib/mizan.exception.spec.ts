import { ErrorCode, FieldErrorCode } from '@mizan/contracts';
import { MizanException } from './mizan.exception';

describe('MizanException field problems', () => {
  it('gives every field problem a code: the thrower’s, or INVALID when it named none', () => {
    const body = new MizanException(ErrorCode.ValidationFailed, 'Invalid', [
      { field: 'iban', message: 'The checksum does not match' },
      { field: 'reason', code: FieldErrorCode.ReasonRequired, message: 'Say why' },
    ]).toBody();
    expect(body.fields).toEqual([
      { field: 'iban', code: 'INVALID', message: 'The checksum does not match' },
      { field: 'reason', code: 'REASON_REQUIRED', message: 'Say why' },
    ]);
  });
});
