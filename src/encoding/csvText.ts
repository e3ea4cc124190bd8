// The one definition of our CSV quoting (RFC 4180, as csv-stringify writes it): a field is quoted only
// when it holds one of QUOTE_TRIGGERS, and inner quotes are doubled. csvText applies it to strings;
// RowSink's byte writer asks forcesQuotes code by code, so both follow this rule.

/** Comma, double quote, CR and LF. (csv-stringify leaves a lone CR bare; loaders and RFC 4180 want it quoted.) */
const QUOTE_TRIGGERS = ',"\r\n';
const NEEDS_QUOTES = new RegExp(`[${QUOTE_TRIGGERS}]`);
const INNER_QUOTE = /"/g;
const TRIGGER_CODES = new Uint8Array(128);
for (const char of QUOTE_TRIGGERS) TRIGGER_CODES[char.charCodeAt(0)] = 1;

/** Whether the UTF-16 code unit `code` forces its field into quotes. */
export function forcesQuotes(code: number): boolean {
  return TRIGGER_CODES[code] === 1;
}

/** The field as it goes into a record: bare, or quoted with inner quotes doubled. */
export function csvText(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(INNER_QUOTE, '""')}"` : value;
}
