import { previewKind, step, verifyCommand } from './verify-keys';

describe('verifyCommand', () => {
  const div = { tagName: 'DIV', getAttribute: () => null };
  it('maps j/k, the arrows, a, q and i, in either case', () => {
    expect(['j', 'J', 'ArrowDown', 'k', 'ArrowUp', 'a', 'A', 'q', 'i'].map((key) => verifyCommand({ key, target: div }))).toEqual([
      'next',
      'next',
      'next',
      'previous',
      'previous',
      'accept',
      'accept',
      'question',
      'ineligible',
    ]);
  });
  it('leaves other keys, modifiers, fields, dialogs and compositions alone', () => {
    expect(verifyCommand({ key: 'x', target: div })).toBeNull();
    expect(verifyCommand({ key: 'a', ctrlKey: true, target: div })).toBeNull();
    expect(verifyCommand({ key: 'a', metaKey: true, target: div })).toBeNull();
    expect(verifyCommand({ key: 'a', altKey: true, target: div })).toBeNull();
    expect(verifyCommand({ key: 'a', target: { tagName: 'INPUT' } })).toBeNull();
    expect(verifyCommand({ key: 'q', target: { tagName: 'textarea' } })).toBeNull();
    expect(verifyCommand({ key: 'q', target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(verifyCommand({ key: 'j', target: { tagName: 'DIV', getAttribute: (n: string) => (n === 'role' ? 'combobox' : null) } })).toBeNull();
    expect(verifyCommand({ key: 'a', target: div }, { dialogOpen: true })).toBeNull();
    expect(verifyCommand({ key: 'a', target: div }, { composing: true })).toBeNull();
    expect(verifyCommand({ key: 'a', target: null })).toBe('accept');
  });
});

describe('step', () => {
  it('moves within a page, across pages, and stops at the ends', () => {
    expect(step({ index: 0, page: 1, pageCount: 3, itemsOnPage: 50 }, 1)).toEqual({ index: 1, page: 1 });
    expect(step({ index: 49, page: 1, pageCount: 3, itemsOnPage: 50 }, 1)).toEqual({ index: 0, page: 2 });
    expect(step({ index: 0, page: 2, pageCount: 3, itemsOnPage: 50 }, -1)).toEqual({ index: -1, page: 1 });
    expect(step({ index: 0, page: 1, pageCount: 3, itemsOnPage: 50 }, -1)).toBeNull();
    expect(step({ index: 9, page: 3, pageCount: 3, itemsOnPage: 10 }, 1)).toBeNull();
  });
});

describe('previewKind', () => {
  it('shows JPEG and PNG, links the rest', () => {
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('application/pdf')).toBe('link');
    expect(previewKind('image/heic')).toBe('link');
  });
});
