// UTF-8 checks at the byte level. The common case (valid input) is one native isUtf8 call per chunk;
// the scanner here runs only on a chunk known to be invalid, to say where.

/** The end of the last complete UTF-8 sequence in `bytes[0, end)`: a sequence cut by the chunk boundary waits for the next chunk. */
export function completeSequencesEnd(bytes: Uint8Array, end: number): number {
  let at = end - 1;
  let continuation = 0;
  while (at >= 0 && continuation < 3 && ((bytes[at] as number) & 0xc0) === 0x80) {
    at--;
    continuation++;
  }
  if (at < 0) return end;
  const lead = bytes[at] as number;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return end - at < length ? at : end;
}

/** Offsets of the invalid sequences in `bytes` (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). */
export function invalidSequenceOffsets(bytes: Uint8Array, limit: number): number[] {
  const offsets: number[] = [];
  const length = bytes.length;
  let at = 0;
  while (at < length && offsets.length < limit) {
    const lead = bytes[at] as number;
    if (lead < 0x80) {
      at++;
      continue;
    }
    let size = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) size = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      size = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      size = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    }
    let valid = size > 0 && at + size <= length;
    for (let offset = 1; valid && offset < size; offset++) {
      const byte = bytes[at + offset] as number;
      valid = offset === 1 ? byte >= low && byte <= high : (byte & 0xc0) === 0x80;
    }
    if (valid) {
      at += size;
    } else {
      offsets.push(at);
      at++;
      while (at < length && ((bytes[at] as number) & 0xc0) === 0x80) at++;
    }
  }
  return offsets;
}
