// A change stream's index of customer and product changes: sorted by (second, id), one change per row and
// second (a delete wins), and a batch's span found by its bounds, however the changes were added.
import { describe, expect, it } from 'vitest';
import { CHANGE_OP, ChangeList } from '../../../src/model/history/changeIndex.js';

function visited(list: ChangeList, after: number, until: number): [number, number, number][] {
  const seen: [number, number, number][] = [];
  list.visit(after, until, (second, id, op) => seen.push([second, id, op]));
  return seen;
}

describe('ChangeList', () => {
  it('gives the changes of a span in (second, id) order, one per row and second, the delete kept', () => {
    const list = new ChangeList();
    list.add(300, 2, CHANGE_OP.update);
    list.add(100, 5, CHANGE_OP.update);
    list.add(100, 1, CHANGE_OP.update);
    list.add(200, 3, CHANGE_OP.update);
    list.add(200, 3, CHANGE_OP.delete);
    list.add(200, 3, CHANGE_OP.update);
    list.add(100, 5, CHANGE_OP.update);
    list.seal();
    expect(list.size).toBe(4);
    expect(visited(list, 0, 1000)).toEqual([
      [100, 1, CHANGE_OP.update],
      [100, 5, CHANGE_OP.update],
      [200, 3, CHANGE_OP.delete],
      [300, 2, CHANGE_OP.update],
    ]);
    // (after, until]: a change at `after` belongs to the batch before.
    expect(visited(list, 100, 200)).toEqual([[200, 3, CHANGE_OP.delete]]);
    expect(visited(list, 300, 400)).toEqual([]);
    expect(visited(list, 0, 99)).toEqual([]);
  });

  it('keeps every change past its first columns, in order', () => {
    const list = new ChangeList();
    const count = 5000;
    // Added backwards, past the 1,024 slots it starts with.
    for (let id = count; id >= 1; id--) list.add(1000 + (id % 97), id, CHANGE_OP.update);
    list.seal();
    expect(list.size).toBe(count);
    const all = visited(list, 0, 2000);
    expect(all).toHaveLength(count);
    for (let at = 1; at < all.length; at++) {
      const [second, id] = all[at] as [number, number, number];
      const [lastSecond, lastId] = all[at - 1] as [number, number, number];
      expect(second > lastSecond || (second === lastSecond && id > lastId)).toBe(true);
    }
    expect(visited(list, 1000, 1001)).toHaveLength(all.filter(([second]) => second === 1001).length);
  });
});
