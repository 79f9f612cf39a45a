import { emptyApplicationContent } from '@mizan/domain';
import { BACKUP_PREFIX, DraftBackupStore, sameDraft } from './draft-backup';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('DraftBackupStore', () => {
  it('keeps, reads and clears the unsaved draft of one application', () => {
    const storage = new MemoryStorage();
    const store = new DraftBackupStore(storage);
    const draft = { ...emptyApplicationContent('A'), summary: 'typed offline' };
    store.write({
      applicationId: 'app-1',
      version: 4,
      savedAt: '2027-03-01T13:03:00.000Z',
      draft,
    });
    expect(store.read('app-1')).toEqual({
      applicationId: 'app-1',
      version: 4,
      savedAt: '2027-03-01T13:03:00.000Z',
      draft,
    });
    expect(store.read('app-2')).toBeNull();
    store.clear('app-1');
    expect(store.read('app-1')).toBeNull();
  });

  it('ignores what is not a backup', () => {
    const storage = new MemoryStorage();
    storage.setItem(BACKUP_PREFIX + 'x', '{not json');
    storage.setItem(
      BACKUP_PREFIX + 'y',
      JSON.stringify({ applicationId: 'other', version: 1 }),
    );
    const store = new DraftBackupStore(storage);
    expect(store.read('x')).toBeNull();
    expect(store.read('y')).toBeNull();
  });

  it('survives storage that refuses to work', () => {
    const broken = new MemoryStorage();
    broken.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const store = new DraftBackupStore(broken);
    expect(() =>
      store.write({
        applicationId: 'a',
        version: 1,
        savedAt: '',
        draft: emptyApplicationContent(),
      }),
    ).not.toThrow();
    expect(new DraftBackupStore(undefined).read('a')).toBeNull();
  });
});

describe('sameDraft', () => {
  it('ignores key order but not values', () => {
    const a = emptyApplicationContent('T');
    const b = JSON.parse(JSON.stringify(a, Object.keys(a).sort()));
    expect(sameDraft(a, b)).toBe(true);
    expect(sameDraft(a, { ...a, summary: 'x' })).toBe(false);
  });
});
