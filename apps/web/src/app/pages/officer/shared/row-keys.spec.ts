import { nextRowIndex } from './row-keys';

describe('nextRowIndex', () => {
  it('steps with j/k and the arrows, within the rows', () => {
    expect(nextRowIndex('j', 0, 3)).toBe(1);
    expect(nextRowIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextRowIndex('k', 0, 3)).toBe(0);
    expect(nextRowIndex('ArrowUp', 2, 3)).toBe(1);
  });

  it('jumps with Home and End, and leaves other keys and empty tables alone', () => {
    expect(nextRowIndex('Home', 2, 3)).toBe(0);
    expect(nextRowIndex('End', 0, 3)).toBe(2);
    expect(nextRowIndex('Enter', 1, 3)).toBeNull();
    expect(nextRowIndex('j', 0, 0)).toBeNull();
  });
});
