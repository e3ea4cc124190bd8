// Reads a config or schema file as UTF-8 text, in bounded memory. A path may name anything: a device
// such as /dev/zero never ends and readFileSync of it grows until the process aborts, a UTF-16 or
// binary file decodes to garbage that the parser then quotes in a 40 KB message. Each of these is
// refused with one short line naming the file.

import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';

const MIB = 1024 * 1024;
/** Config and schema files are a few KB; 1 MiB leaves room for any hand-written one. */
export const MAX_INPUT_BYTES = MIB;

/** What the file is, for messages: `config` gives "cannot read the config file (...)". */
export type InputKind = 'config' | 'schema';

/** A file that cannot be read as text; the message names the file and is one line. */
class InputFileError extends Error {}

function kindOfNonRegular(stats: Stats): string | undefined {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return undefined;
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

/**
 * Reads at most `maxBytes` + 1 bytes. Regular files and pipes (`--config <(...)`, /dev/stdin) are
 * read; directories and devices are refused before they are opened.
 */
function readBounded(file: string, kind: InputKind, maxBytes: number): Buffer {
  const cannot = (reason: string): InputFileError => new InputFileError(`${file}: cannot read the ${kind} file (${reason})`);
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw cannot(errnoCode(error));
  }
  const nonRegular = kindOfNonRegular(stats);
  if (nonRegular) throw cannot(`it is ${nonRegular}, not a file`);
  const cap = maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes} bytes`;
  const tooLarge = cannot(`larger than ${cap}; a ${kind} file is a few KB`);
  if (stats.isFile() && stats.size > maxBytes) throw tooLarge;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw cannot(errnoCode(error));
  }
  try {
    // The file may have been swapped for another since the stat; what is open is what is checked.
    const opened = kindOfNonRegular(fstatSync(fd));
    if (opened) throw cannot(`it is ${opened}, not a file`);
    // Not zero-filled (only the `length` bytes read are used): zeroing the megabyte cap cost more than
    // reading the few KB of a schema, and validate reads five schemas per run.
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw tooLarge;
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw cannot(errnoCode(error));
  } finally {
    closeSync(fd);
  }
}

/** Why `bytes` is not UTF-8 text, or undefined when it is. */
export function textProblem(bytes: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'is UTF-16 text; save it as UTF-8';
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `is not a text file (a NUL byte at offset ${nul}); save it as UTF-8 text`;
  if (!isUtf8(bytes)) return 'is not valid UTF-8 text; save it as UTF-8';
  return undefined;
}

/**
 * The text of a config or schema file (a UTF-8 byte order mark is dropped). A file that cannot be
 * read as text throws `toError(message)`, the caller's own error kind (ConfigError, SchemaError).
 */
export function readInputText(file: string, kind: InputKind, toError: (message: string) => Error, maxBytes = MAX_INPUT_BYTES): string {
  let bytes: Buffer;
  try {
    bytes = readBounded(file, kind, maxBytes);
  } catch (error) {
    if (error instanceof InputFileError) throw toError(error.message);
    throw error;
  }
  const problem = textProblem(bytes);
  if (problem) throw toError(`${file}: ${problem}`);
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
