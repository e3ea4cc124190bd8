// Secrets a PostgreSQL URL can carry: the password in the user info, and query parameters that are a
// password or name a private key. No message or log of ecomgen shows them.
const SECRET_PARAMETERS = ['password', 'sslpassword', 'sslkey'] as const;
const MASK = '***';

const isSecretParameter = (name: string): boolean => (SECRET_PARAMETERS as readonly string[]).includes(name.toLowerCase());

/** The query's name=value pairs as written (still percent-encoded). */
function rawParameters(url: URL): { name: string; value: string }[] {
  if (url.search.length <= 1) return [];
  return url.search.slice(1).split('&').map((pair) => {
    const equals = pair.indexOf('=');
    return equals < 0 ? { name: pair, value: '' } : { name: pair.slice(0, equals), value: pair.slice(equals + 1) };
  });
}

const decoded = (value: string): string => {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
};

/** The URL as shown in messages: the password in the user info and every secret parameter masked. */
export function redactUrl(url: URL): string {
  const masked = new URL(url.toString());
  if (masked.password !== '') masked.password = MASK;
  const parameters = rawParameters(masked);
  if (parameters.some((parameter) => isSecretParameter(decoded(parameter.name)))) {
    masked.search = parameters.map(({ name, value }) => `${name}=${isSecretParameter(decoded(name)) ? MASK : value}`).join('&');
  }
  return masked.toString();
}

/**
 * The same masking by pattern, for a URL that does not parse: everything from `//user:` to the last `@`,
 * and `password=<secret>` (and the other secret parameters) up to the next `&`, `#` or space.
 */
export function redactUrlText(text: string): string {
  return text
    .replace(/(\/\/[^/@:\s]*:)\S*@/g, `$1${MASK}@`)
    .replace(new RegExp(`([?&](?:${SECRET_PARAMETERS.join('|')})=)[^&#\\s]*`, 'gi'), `$1${MASK}`);
}

/** The secret values in a URL, as written and decoded, for masking them wherever a message repeats them. */
export function urlSecrets(url: URL): string[] {
  const written = [url.password, ...rawParameters(url).filter((parameter) => isSecretParameter(decoded(parameter.name))).map((parameter) => parameter.value)];
  return [...new Set(written.flatMap((value) => [value, decoded(value)]))].filter((value) => value !== '');
}

/** `text` with every secret replaced by ***, longest first so a secret inside another goes with it. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) redacted = redacted.replaceAll(secret, MASK);
  return redacted;
}
