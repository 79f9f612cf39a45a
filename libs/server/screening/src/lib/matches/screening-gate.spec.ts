import { ErrorCode } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { BlockingMatch, blockNames, screeningBlockOf } from './screening-gate';
import { nameScript } from '../lists/sanctions-entry-view';
import { screeningReason } from './screening-matches.service';

const match = (state: BlockingMatch['state'], screenedName: string, id = screenedName): BlockingMatch => ({ id, state, screenedName });

describe('screening gate', () => {
  it('nothing blocks: null', () => {
    expect(screeningBlockOf([])).toBeNull();
  });

  it('unresolved matches (open and pending) block with their count and distinct names', () => {
    expect(screeningBlockOf([match('open', 'Ezzat al-Douri', 'a'), match('pending_second', 'Ezzat al-Douri', 'b'), match('open', 'Basra Trading')])).toEqual({
      code: 'SCREENING_MATCH_UNRESOLVED',
      count: 3,
      names: 'Ezzat al-Douri, Basra Trading',
    });
  });

  it('a confirmed match is named first, counting only the confirmed ones', () => {
    expect(screeningBlockOf([match('open', 'A'), match('confirmed', 'B'), match('confirmed', 'C')])).toEqual({ code: 'SCREENING_MATCH_CONFIRMED', count: 2, names: 'B, C' });
  });

  it('at most five names, then an ellipsis', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((n) => match('open', n));
    expect(blockNames(names)).toBe('A, B, C, D, E, …');
    expect(blockNames(names.slice(0, 5))).toBe('A, B, C, D, E');
  });
});

describe('screening reasons and scripts', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
      return undefined;
    } catch (e) {
      return e instanceof MizanException ? e.code : 'other';
    }
  };

  it('a reason is 10 to 2000 characters after trimming, without NUL or a lone surrogate', () => {
    expect(screeningReason('  Different person, born 1980  ')).toBe('Different person, born 1980');
    expect(code(() => screeningReason('too short'))).toBe(ErrorCode.ValidationFailed);
    expect(code(() => screeningReason('          '))).toBe(ErrorCode.ValidationFailed);
    expect(code(() => screeningReason('x'.repeat(2001)))).toBe(ErrorCode.ValidationFailed);
    expect(screeningReason('x'.repeat(2000))).toHaveLength(2000);
    expect(code(() => screeningReason('A reason with \u0000 inside'))).toBe(ErrorCode.ValidationFailed);
    expect(code(() => screeningReason('A reason with \ud800 inside'))).toBe(ErrorCode.ValidationFailed);
    expect(code(() => screeningReason(undefined))).toBe(ErrorCode.ValidationFailed);
  });

  it('names the script of a list name', () => {
    expect(nameScript('عزت ابراهيم الدوري')).toBe('arabic');
    expect(nameScript('IZZAT IBRAHIM AL-DURI')).toBe('latin');
    expect(nameScript('Émile Zola')).toBe('latin');
    expect(nameScript('金正恩')).toBe('other');
  });
});
