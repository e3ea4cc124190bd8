// RFC 4180 quoting for free text, matching csv-stringify's defaults byte for byte: a field is quoted
// only when it holds a comma, a double quote, CR or LF, and inner quotes are doubled.
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

export function csvText(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}
