// Secrets in a PostgreSQL URL (the password in the user info, ?password=, ?sslpassword=, ?sslkey=) are
// masked in the target as displayed, in a URL that does not parse, and wherever a driver or server
// message repeats them.
import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl, redactUrlText, urlSecrets } from '../../../src/load/connectionSecrets.js';
import { parseLoadTarget } from '../../../src/load/loadTarget.js';

const SECRET = 's3cr#t:p@ss';
const ENCODED = encodeURIComponent(SECRET);

describe('the target as displayed', () => {
  it.each<[string, string]>([
    [`postgres://shop:${ENCODED}@db:5432/dw`, 'postgres://shop:***@db:5432/dw'],
    [`postgres://shop@db/dw?password=${ENCODED}`, 'postgres://shop@db/dw?password=***'],
    [`postgres://shop@db/dw?sslmode=require&sslpassword=${ENCODED}&sslkey=/home/me/.ssh/${ENCODED}.pem`, 'postgres://shop@db/dw?sslmode=require&sslpassword=***&sslkey=***'],
    [`postgresql://shop:${ENCODED}@db/dw?PASSWORD=x&password=${ENCODED}&password=again`, 'postgresql://shop:***@db/dw?PASSWORD=***&password=***&password=***'],
  ])('%s shows as %s', (url, shown) => {
    const target = parseLoadTarget(url);
    expect(target).toMatchObject({ kind: 'postgres', connectionString: url, display: shown });
    expect(target.display).not.toContain(ENCODED);
    expect(redactUrl(new URL(url))).toBe(shown);
  });

  it('collects every secret, as written and decoded', () => {
    const secrets = urlSecrets(new URL(`postgres://u:${ENCODED}@h/d?sslpassword=two%20words&sslkey=/k.pem&application_name=app`));
    expect(new Set(secrets)).toEqual(new Set([ENCODED, SECRET, 'two%20words', 'two words', '/k.pem']));
    expect(urlSecrets(new URL('postgres://u@h/d'))).toEqual([]);
  });
});

describe('a URL that does not parse', () => {
  it.each<[string, string]>([
    ['postgres://u:pw@:5432/db', 'postgres://u:***@:5432/db'],
    ['postgres://u:p@ss:w/rd@:5432/db', 'postgres://u:***@:5432/db'],
    ['postgres://u@[bad/db?password=hunter2&x=1', 'postgres://u@[bad/db?password=***&x=1'],
    ['postgres://u@[bad/db?a=1&sslpassword=hunter2#f', 'postgres://u@[bad/db?a=1&sslpassword=***#f'],
  ])('%s is masked by pattern as %s', (text, masked) => {
    expect(redactUrlText(text)).toBe(masked);
  });

  it.each(['postgres://u:hunter2@:5432/db', 'postgres://u@[bad/db?password=hunter2'])('%s: the refusal does not repeat the password', (text) => {
    expect(() => parseLoadTarget(text)).toThrow(/is not a valid URL/);
    expect(() => parseLoadTarget(text)).not.toThrow(/hunter2/);
  });

  it('an unknown scheme is masked too', () => {
    expect(() => parseLoadTarget('mysql://root:hunter2@db/shop')).toThrow(/^--into: unknown target "mysql:\/\/root:\*\*\*@db\/shop"/);
  });
});

describe('redactSecrets', () => {
  it('masks each secret wherever it appears, longest first', () => {
    expect(redactSecrets("open '/k/secret.pem' failed; secret", ['secret', '/k/secret.pem'])).toBe("open '***' failed; ***");
    expect(redactSecrets('nothing here', [])).toBe('nothing here');
  });
});
