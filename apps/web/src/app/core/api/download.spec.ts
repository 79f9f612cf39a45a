import { downloadFileName } from './download';

describe('downloadFileName', () => {
  it('takes the name the api gives', () => {
    expect(
      downloadFileName('attachment; filename="review-board-2027-05-01.xlsx"', 'board-c1.xlsx'),
    ).toBe('review-board-2027-05-01.xlsx');
    expect(downloadFileName('attachment; filename=plain.xlsx', 'board-c1.xlsx')).toBe(
      'plain.xlsx',
    );
    expect(
      downloadFileName("attachment; filename*=UTF-8''r%C3%A5d.xlsx", 'board-c1.xlsx'),
    ).toBe('råd.xlsx');
  });

  it('falls back to the given name and never returns a path', () => {
    expect(downloadFileName(null, 'board-c1.xlsx')).toBe('board-c1.xlsx');
    expect(downloadFileName('attachment', 'board-c1.xlsx')).toBe('board-c1.xlsx');
    expect(downloadFileName('attachment; filename="../x.xlsx"', 'board-c1.xlsx')).toBe(
      '.._x.xlsx',
    );
  });
});
