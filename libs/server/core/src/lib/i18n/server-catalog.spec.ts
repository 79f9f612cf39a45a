import { USER_LANGUAGES } from '@mizan/contracts';
import { icuShape } from '@mizan/contracts/testing';
import { SERVER_AREAS, SERVER_CATALOG_FILES } from './server-catalog';
import { renderEmail, renderNotification, type ServerMessage } from './server-messages';

const ARABIC_PLURALS = ['zero', 'one', 'two', 'few', 'many', 'other'];

describe('the server message catalog (libs/server/core/src/i18n/<lang>/<area>.json)', () => {
  it('has the same keys in every language, none empty', () => {
    for (const lang of USER_LANGUAGES) {
      for (const area of SERVER_AREAS) {
        const english = Object.keys(SERVER_CATALOG_FILES.en[area]).sort();
        const keys = Object.keys(SERVER_CATALOG_FILES[lang][area]).sort();
        expect({ lang, area, keys }).toEqual({ lang, area, keys: english });
        const empty = keys.filter((key) => !SERVER_CATALOG_FILES[lang][area][key].trim());
        expect({ lang, area, empty }).toEqual({ lang, area, empty: [] });
      }
    }
  });

  it('has no key in two areas', () => {
    const seen = new Map<string, string>();
    for (const area of SERVER_AREAS) {
      for (const key of Object.keys(SERVER_CATALOG_FILES.en[area])) {
        expect({ key, also: seen.get(key) }).toEqual({ key, also: undefined });
        seen.set(key, area);
      }
    }
  });

  it('parses every message as ICU and uses the same arguments in every language', () => {
    for (const area of SERVER_AREAS) {
      for (const [key, english] of Object.entries(SERVER_CATALOG_FILES.en[area])) {
        const reference = icuShape(english).args;
        for (const lang of USER_LANGUAGES) {
          let args: string[] | string;
          try {
            args = icuShape(SERVER_CATALOG_FILES[lang][area][key]).args;
          } catch (error) {
            args = `does not parse: ${String(error)}`;
          }
          expect({ lang, key, args }).toEqual({ lang, key, args: reference });
        }
      }
    }
  });

  it('gives every Arabic plural the six categories Arabic has', () => {
    for (const area of SERVER_AREAS) {
      for (const [key, text] of Object.entries(SERVER_CATALOG_FILES.ar[area])) {
        for (const categories of icuShape(text).plurals) {
          const lacking = ARABIC_PLURALS.filter((c) => !categories.includes(c));
          expect({ key, lacking }).toEqual({ key, lacking: [] });
        }
      }
    }
  });

  it('has a title and a body for every notification, and renders each in every language', () => {
    const keys = Object.keys(SERVER_CATALOG_FILES.en.notifications);
    const messages = [...new Set(keys.filter((k) => k.endsWith('.title')).map((k) => k.slice(0, -'.title'.length)))];
    for (const key of messages) {
      expect({ key, body: keys.includes(`${key}.body`) }).toEqual({ key, body: true });
      const params: Record<string, ServerMessage['params'][string]> = {};
      for (const arg of [...icuShape(SERVER_CATALOG_FILES.en.notifications[`${key}.title`]).args, ...icuShape(SERVER_CATALOG_FILES.en.notifications[`${key}.body`]).args]) {
        const [name, kind] = arg.split(':');
        params[name] = kind === 'select' ? true : name === 'reasons' ? { $codes: { prefix: 'rejection_reason', codes: ['other'] } } : { $money: { minor: '12345', currency: 'SEK' } };
      }
      for (const lang of USER_LANGUAGES) {
        const { title, body } = renderNotification(lang, { key, params });
        expect(title.length).toBeGreaterThan(0);
        expect(body.length).toBeGreaterThan(0);
        expect(renderEmail(lang, { key, params }).html).toContain(`lang="${lang}"`);
      }
    }
  });

  it('writes a link as it is, on its line, where a text parameter is isolated for right-to-left readers', () => {
    const link = 'https://mizan.example/directory/verify?token=abc_DEF-123';
    const { text } = renderEmail('ar', { key: 'directory.verify', params: { name: 'Layla', link: { $link: link }, hours: 48 } });
    expect(text).toContain('\u2068Layla\u2069');
    expect(text.split('\n')).toContain(link);
  });
});
