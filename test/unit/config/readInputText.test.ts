// Config and schema files are read in bounded memory and must be UTF-8 text: a device, a huge file,
// UTF-16 or binary is one short line naming the file. The checks on bytes run in memory; the
// reads use a tiny temp dir and /dev/zero, since the file system is what is under test there.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { messageExcerpt } from '../../../src/config/messageExcerpt.js';
import { MAX_INPUT_BYTES, readInputText, textProblem } from '../../../src/config/readInputText.js';
import { ConfigError, SchemaError } from '../../../src/errors.js';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';
import { tempDir } from '../../helpers/run.js';

const toConfigError = (message: string): Error => new ConfigError(message);

function readError(file: string, maxBytes?: number): string {
  try {
    readInputText(file, 'config', toConfigError, maxBytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`${file} was read`);
}

describe('textProblem', () => {
  it.each<[string, Uint8Array, string | undefined]>([
    ['ASCII', Buffer.from('seed: 42\n'), undefined],
    ['UTF-8 with accents', Buffer.from('name: "Zoë 東京"\n'), undefined],
    ['empty', new Uint8Array(0), undefined],
    ['UTF-16 LE (a byte order mark)', Buffer.from('\ufeffseed: 42\n', 'utf16le'), 'is UTF-16 text; save it as UTF-8'],
    ['UTF-16 BE (a byte order mark)', Uint8Array.from([0xfe, 0xff, 0, 0x73]), 'is UTF-16 text; save it as UTF-8'],
    ['a NUL byte', Buffer.from('seed: 4\u00002\n'), 'is not a text file (a NUL byte at offset 7); save it as UTF-8 text'],
    ['UTF-16 without a byte order mark', Buffer.from('seed', 'utf16le'), 'is not a text file (a NUL byte at offset 1); save it as UTF-8 text'],
    ['Latin-1', Uint8Array.from([0x61, 0xe9, 0x0a]), 'is not valid UTF-8 text; save it as UTF-8'],
  ])('%s', (_, bytes, problem) => {
    expect(textProblem(bytes)).toBe(problem);
  });
});

describe('messageExcerpt', () => {
  it.each<[string, string]>([
    ['short', 'short'],
    ['a\nb\tc\rd', 'a\\nb\\tc\\rd'],
    ['\u0000\u001b[31m\u007f', '\\u0000\\u001b[31m\\u007f'],
    ['x'.repeat(80), 'x'.repeat(80)],
    ['x'.repeat(81), `${'x'.repeat(79)}…`],
    ['\n'.repeat(100), `${'\\n'.repeat(39)}\\…`],
  ])('%j', (text, excerpt) => {
    expect(messageExcerpt(text)).toBe(excerpt);
  });
});

describe('readInputText', () => {
  it('reads a UTF-8 file and drops a UTF-8 byte order mark', () => {
    const dir = tempDir('input-text');
    writeFileSync(join(dir, 'plain.yaml'), 'seed: 42\n');
    writeFileSync(join(dir, 'bom.yaml'), '\ufeffseed: 42\n');
    expect(readInputText(join(dir, 'plain.yaml'), 'config', toConfigError)).toBe('seed: 42\n');
    expect(readInputText(join(dir, 'bom.yaml'), 'config', toConfigError)).toBe('seed: 42\n');
  });

  it('refuses a file past the cap, by its size, and reads one at the cap', () => {
    const dir = tempDir('input-text');
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(1025));
    writeFileSync(join(dir, 'fits.yaml'), 'x'.repeat(1024));
    expect(readError(join(dir, 'big.yaml'), 1024)).toBe(`${join(dir, 'big.yaml')}: cannot read the config file (larger than 1024 bytes; a config file is a few KB)`);
    expect(readInputText(join(dir, 'fits.yaml'), 'config', toConfigError, 1024)).toHaveLength(1024);
    writeFileSync(join(dir, 'huge.yaml'), Buffer.alloc(MAX_INPUT_BYTES + 1, 0x78));
    expect(readError(join(dir, 'huge.yaml'))).toBe(`${join(dir, 'huge.yaml')}: cannot read the config file (larger than 1 MiB; a config file is a few KB)`);
  });

  it('refuses /dev/zero (which never ends) without reading it', () => {
    expect(readError('/dev/zero')).toBe('/dev/zero: cannot read the config file (it is a character device, not a file)');
  });

  it('refuses a directory and names a missing file', () => {
    const dir = tempDir('input-text');
    mkdirSync(join(dir, 'config.yaml'));
    expect(readError(join(dir, 'config.yaml'))).toBe(`${join(dir, 'config.yaml')}: cannot read the config file (it is a directory, not a file)`);
    expect(readError(join(dir, 'missing.yaml'))).toBe(`${join(dir, 'missing.yaml')}: cannot read the config file (ENOENT)`);
  });

  it('reads a pipe up to the cap and refuses what goes past it', () => {
    const dir = tempDir('input-text');
    const fifo = join(dir, 'config.fifo');
    // A writer with more than the cap: the cap, not the end of the data, stops the read.
    const writer = execFileSync('sh', ['-c', `mkfifo "$1" && { (head -c 5000 /dev/zero | tr '\\0' x > "$1") >/dev/null 2>&1 & echo $!; }`, 'sh', fifo], { encoding: 'utf8' });
    expect(Number(writer)).toBeGreaterThan(0);
    expect(readError(fifo, 1024)).toBe(`${fifo}: cannot read the config file (larger than 1024 bytes; a config file is a few KB)`);
  });

  it('loadConfig and loadSchemas report UTF-16 as their own errors', () => {
    const dir = tempDir('input-text');
    const config = join(dir, 'config.yaml');
    writeFileSync(config, Buffer.from('\ufeffseed: 42\n', 'utf16le'));
    expect(() => loadConfig(config)).toThrow(new ConfigError(`${config}: is UTF-16 text; save it as UTF-8`));
    const schemas = join(dir, 'schemas');
    mkdirSync(schemas);
    writeFileSync(join(schemas, 'customers.json'), Buffer.from('{}\u0000'));
    expect(() => loadSchemas(schemas)).toThrow(new SchemaError(`${join(schemas, 'customers.json')}: is not a text file (a NUL byte at offset 2); save it as UTF-8 text`));
  });
});
