// `node bench/diskFloor.mjs <bytes> <file>`: the disk floor of a run (issue 17): writes that many bytes
// to one new file in 8 MB writes and fsyncs it, like `dd bs=8M conv=fsync`, as its own process (Node's
// start-up included, as in every measured run). A run that writes the same bytes cannot be faster than
// this on the same disk, so a run's wall time over this one says how far it is from the disk's speed.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

const [bytesArg, file] = process.argv.slice(2);
const total = Number(bytesArg);
if (!Number.isSafeInteger(total) || total < 1 || !file) {
  process.stderr.write('usage: node diskFloor.mjs <bytes> <file>\n');
  process.exit(2);
}
const CHUNK = 8 * 1024 * 1024;
// CSV-like bytes rather than zeros, so a file system that compresses or skips zero pages cannot cheat.
const chunk = Buffer.alloc(CHUNK);
for (let index = 0; index < CHUNK; index++) chunk[index] = index % 97 === 96 ? 10 : 48 + (index % 43);
const fd = openSync(file, 'wx');
try {
  let written = 0;
  while (written < total) written += writeSync(fd, chunk, 0, Math.min(CHUNK, total - written));
  fsyncSync(fd);
} finally {
  closeSync(fd);
}
process.stdout.write(`${JSON.stringify({ bytes: total })}\n`);
