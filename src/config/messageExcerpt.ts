// Error messages are one short line; text quoted from an input file (a YAML token, a JSON parser's
// excerpt) may be long or hold control characters, which would break the line or the terminal.

const EXCERPT_CHARS = 80;

/** `text` with control characters escaped (\n, \t, \u0000 ...) and cut to 80 characters with an ellipsis. */
export function messageExcerpt(text: string, maxChars = EXCERPT_CHARS): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  const chars = [...escaped];
  return chars.length <= maxChars ? escaped : `${chars.slice(0, maxChars - 1).join('')}…`;
}
