// Text read from a file and shown to a person. A crafted file can hold terminal escape sequences (ESC,
// CSI, OSC...) that retitle, recolour or clear the terminal showing a report, so every C0 and C1 control
// character and DEL is written as a visible escape instead: \x1b, \x00, \u009b.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROLS_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** The only control characters JSON.stringify leaves unescaped. */
const DEL_AND_C1 = /[\u007f-\u009f]/g;

function escaped(character: string): string {
  const code = character.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character escaped, line feeds included: one value on one line. */
export function printable(text: string): string {
  return text.replace(CONTROLS, escaped);
}

/** `text` with every control character but LF escaped: a report of many lines. */
export function printableLines(text: string): string {
  return text.replace(CONTROLS_BUT_LF, escaped);
}

/** JSON text with DEL and C1 controls written as \u escapes too: the same JSON value, safe to print. */
export function printableJson(json: string): string {
  return json.replace(DEL_AND_C1, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
