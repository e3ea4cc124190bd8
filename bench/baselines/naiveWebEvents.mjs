// Baseline 2: what people write by hand. One thread, faker called per column (seeded once, faker's
// default generator), rows streamed through csv-stringify into a file with backpressure.
// Usage: node naiveWebEvents.mjs <rows> <file.csv>
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { faker } from '@faker-js/faker';
import { stringify } from 'csv-stringify';
import * as shape from './webEventsShape.mjs';

const [rowsArg, file] = process.argv.slice(2);
const rows = Number(rowsArg);
if (!Number.isInteger(rows) || rows < 1 || !file) {
  process.stderr.write('usage: node naiveWebEvents.mjs <rows> <file.csv>\n');
  process.exit(2);
}

faker.seed(42);
const from = new Date(`${shape.WINDOW_START}T00:00:00Z`);
const to = new Date(from.getTime() + shape.WINDOW_SECONDS * 1000);

function* events() {
  for (let id = 1; id <= rows; id++) {
    const productId = faker.datatype.boolean(shape.PRODUCT_RATE) ? faker.number.int({ min: 1, max: shape.PRODUCTS }) : null;
    const isSearch = productId === null && faker.datatype.boolean(shape.SEARCH_RATE);
    const query = isSearch ? faker.commerce.product().toLowerCase() : null;
    yield {
      event_id: id,
      session_id: faker.string.uuid(),
      customer_id: faker.datatype.boolean(shape.CUSTOMER_RATE) ? faker.number.int({ min: 1, max: shape.CUSTOMERS }) : null,
      product_id: productId,
      event_type: productId !== null
        ? faker.helpers.arrayElement(['product_view', 'add_to_cart', 'remove_from_cart'])
        : isSearch ? 'search' : faker.helpers.arrayElement(['page_view', 'begin_checkout', 'purchase']),
      event_timestamp: faker.date.between({ from, to }),
      page_url: productId !== null
        ? `/products/${productId}-${faker.helpers.slugify(faker.commerce.productName().toLowerCase())}`
        : isSearch ? `/search?q=${query.replaceAll(' ', '+')}` : faker.helpers.arrayElement(shape.PAGES),
      search_query: query,
      traffic_source: faker.helpers.arrayElement(shape.TRAFFIC_SOURCES),
      device_type: faker.helpers.arrayElement(shape.DEVICE_TYPES),
      browser: faker.helpers.arrayElement(shape.BROWSERS),
      operating_system: faker.helpers.arrayElement(shape.OPERATING_SYSTEMS),
    };
  }
}

await pipeline(
  Readable.from(events()),
  stringify({
    header: true,
    columns: shape.COLUMNS,
    cast: { date: (date) => date.toISOString().slice(0, 19).replace('T', ' ') },
  }),
  createWriteStream(file),
);
