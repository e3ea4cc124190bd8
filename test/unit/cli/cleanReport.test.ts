import { describe, expect, it } from 'vitest';
import { formatCleanReport } from '../../../src/cli/cleanReport.js';
import { formatSize } from '../../../src/log/formatSize.js';
import type { CleanReport } from '../../../src/run/cleanDataset.js';

const REPORT: CleanReport = {
  directory: '/data/dev',
  remove: [
    { name: 'manifest.json', bytes: 2000 },
    { name: 'orders.csv', bytes: 1_500_000 },
  ],
  replaced: [{ name: 'products.csv', bytes: 72_770, listed: [72_768] }],
  unknown: Array.from({ length: 12 }, (_, n) => `note-${String(n).padStart(2, '0')}.txt`),
  damaged: [],
  directoryRemoved: false,
};

describe('what clean prints', () => {
  it('a summary of what it removed (files, bytes), the directory when it went too', () => {
    expect(formatCleanReport(REPORT, false).stdout).toEqual(['removed 2 files (1.5 MB) from /data/dev']);
    expect(formatCleanReport({ ...REPORT, directoryRemoved: true, remove: [{ name: 'manifest.json', bytes: 812 }] }, false).stdout).toEqual([
      'removed 1 file (812 B) from /data/dev, and the directory, now empty',
    ]);
  });

  it('a dry run lists each file it would remove, then the total', () => {
    expect(formatCleanReport(REPORT, true).stdout).toEqual([
      'would remove /data/dev/manifest.json (2.0 KB)',
      'would remove /data/dev/orders.csv (1.5 MB)',
      'would remove 2 files (1.5 MB) from /data/dev; nothing removed (--dry-run)',
    ]);
  });

  it('a warning per replaced file, and one line naming the files it did not write', () => {
    expect(formatCleanReport(REPORT, false).stderr).toEqual([
      'warning: left /data/dev/products.csv: it holds 72,770 bytes; ecomgen recorded 72,768 (replaced since?)',
      'left 12 files ecomgen did not write in /data/dev: note-00.txt, note-01.txt, note-02.txt, note-03.txt, note-04.txt, note-05.txt, note-06.txt, note-07.txt, note-08.txt, note-09.txt and 2 more',
    ]);
  });

  it('sizes as disks are sold', () => {
    expect([0, 999, 1000, 1_234_567, 8_746_855_000].map(formatSize)).toEqual(['0 B', '999 B', '1.0 KB', '1.2 MB', '8.7 GB']);
  });
});
