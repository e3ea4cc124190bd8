import type { TableEncoding } from '../encoding/outputFormat.js';
import type { ParquetCodec } from '../encoding/parquet/parquetCodec.js';

/**
 * A Parquet file of the table's columns and no rows, for the schema of a table no shard wrote (an empty
 * slice): made by the workers' own encoder, so its schema is theirs. Loaded on use (Arrow and the
 * WebAssembly writer are only for such a table in the coordinator).
 */
export async function emptyParquetFile(encoding: TableEncoding, codec: ParquetCodec): Promise<Uint8Array> {
  const { encodeParquetShard } = await import('../encoding/parquet/shardFile.js');
  return encodeParquetShard(new Uint8Array(0), encoding, codec);
}
