// Baseline 1: DuckDB (2 threads) synthesises a web_events-shaped table from range() and random() and
// COPYs it to CSV. Run as its own process (`node duckdbWebEvents.mjs <rows> <file.csv>`) so the measured
// time includes loading DuckDB, as ecomgen's includes loading Node and its modules.
import { DuckDBInstance } from '@duckdb/node-api';
import * as shape from './webEventsShape.mjs';

const [rowsArg, file] = process.argv.slice(2);
const rows = Number(rowsArg);
if (!Number.isInteger(rows) || rows < 1 || !file) {
  process.stderr.write('usage: node duckdbWebEvents.mjs <rows> <file.csv>\n');
  process.exit(2);
}

const list = (values) => `[${values.map((value) => `'${value}'`).join(', ')}]`;
/** A uniformly random element of a literal list (DuckDB lists are 1-based). */
const pick = (values) => `${list(values)}[1 + floor(random() * ${values.length})::INTEGER]`;

const select = `
  SELECT
    i + 1 AS event_id,
    uuid()::VARCHAR AS session_id,
    CASE WHEN random() < ${shape.CUSTOMER_RATE} THEN 1 + floor(random() * ${shape.CUSTOMERS})::INTEGER END AS customer_id,
    product_id,
    CASE WHEN product_id IS NOT NULL THEN ${pick(['product_view', 'add_to_cart', 'remove_from_cart'])}
         WHEN is_search THEN 'search'
         ELSE ${pick(['page_view', 'begin_checkout', 'purchase'])} END AS event_type,
    TIMESTAMP '${shape.WINDOW_START}' + to_seconds(floor(random() * ${shape.WINDOW_SECONDS})::BIGINT) AS event_timestamp,
    CASE WHEN product_id IS NOT NULL THEN '/products/' || product_id || '-' || ${pick(shape.SLUGS)}
         WHEN is_search THEN '/search?q=' || replace(query, ' ', '+')
         ELSE ${pick(shape.PAGES)} END AS page_url,
    CASE WHEN is_search THEN query END AS search_query,
    ${pick(shape.TRAFFIC_SOURCES)} AS traffic_source,
    ${pick(shape.DEVICE_TYPES)} AS device_type,
    ${pick(shape.BROWSERS)} AS browser,
    ${pick(shape.OPERATING_SYSTEMS)} AS operating_system
  FROM (
    SELECT
      range AS i,
      CASE WHEN random() < ${shape.PRODUCT_RATE} THEN 1 + floor(random() * ${shape.PRODUCTS})::INTEGER END AS product_id,
      random() < ${shape.SEARCH_RATE} AS is_search,
      ${pick(shape.QUERIES)} AS query
    FROM range(${rows})
  )`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const escaped = file.replaceAll("'", "''");
await connection.run(`COPY (${select}) TO '${escaped}' (FORMAT csv, HEADER, TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S')`);
connection.closeSync();
instance.closeSync();
