/**
 * Valid-looking phone numbers, national identifiers, post codes and street addresses per country.
 * Phones are valid for libphonenumber-js (the unit test checks every generated one); national ids carry
 * their real check digits where the scheme has one, so a validator does not reject them as noise.
 */
import { Rng, chance, pickOne, randomDigits, randomInt } from './prng';
import { CITIES, CityInfo, CountryCode, MOBILE_PREFIXES, STREET_NAMES, STREET_TYPES } from './reference-data';

export const COUNTRY_CALLING_CODE: Record<CountryCode, string> = { US: '1', GB: '44', DE: '49', FR: '33' };

export interface Phone {
  readonly country: CountryCode;
  /** Area code or mobile prefix, without the trunk 0. */
  readonly area: string;
  readonly subscriber: string;
}

export type PhoneFormat = 'e164' | 'international' | 'national';

function usSubscriber(rng: Rng): string {
  // Exchange: first digit 2-9, not an N11 service code, not the 555 fiction block.
  for (;;) {
    const exchange = String(randomInt(rng, 2, 9)) + randomDigits(rng, 2);
    if (exchange.slice(1) !== '11' && exchange !== '555') return exchange + randomDigits(rng, 4);
  }
}

export function generateMobile(rng: Rng, country: CountryCode, city: CityInfo): Phone {
  if (country === 'US') return { country, area: city.landlineArea, subscriber: usSubscriber(rng) };
  const [prefix, digits] = pickOne(rng, MOBILE_PREFIXES[country]);
  if (country === 'FR' && prefix === '7') return { country, area: prefix, subscriber: String(randomInt(rng, 3, 8)) + randomDigits(rng, digits - 1) };
  // Subscriber digits from 2 up: 07700 900… and 07911 1… are reserved/drama ranges that validators reject.
  return { country, area: prefix, subscriber: String(randomInt(rng, 2, 9)) + randomDigits(rng, digits - 1) };
}

export function generateLandline(rng: Rng, country: CountryCode, city: CityInfo): Phone {
  const area = city.landlineArea;
  switch (country) {
    case 'US':
      return { country, area, subscriber: usSubscriber(rng) };
    case 'GB':
      return area.length === 2
        ? { country, area, subscriber: pickOne(rng, ['7', '8', '3']) + randomDigits(rng, 7) }
        // Leeds and Bristol only allocate some leading digits; 2-4 is valid in every listed area.
        : { country, area, subscriber: String(randomInt(rng, 2, 4)) + randomDigits(rng, 6) };
    case 'DE':
      return { country, area, subscriber: String(randomInt(rng, 2, 9)) + randomDigits(rng, area.length === 2 ? 7 : 6) };
    case 'FR':
      return { country, area, subscriber: String(randomInt(rng, 1, 9)) + randomDigits(rng, 7) };
  }
}

function groupFrench(digits: string): string {
  return digits.replace(/(\d\d)(?=\d)/g, '$1 ');
}

export function formatPhone(phone: Phone, format: PhoneFormat): string {
  const { country, area, subscriber } = phone;
  const cc = COUNTRY_CALLING_CODE[country];
  if (format === 'e164') return `+${cc}${area}${subscriber}`;
  switch (country) {
    case 'US': {
      const local = `${subscriber.slice(0, 3)}-${subscriber.slice(3)}`;
      return format === 'national' ? `(${area}) ${local}` : `+1 ${area}-${local}`;
    }
    case 'GB': {
      const split = area.startsWith('7') ? 3 : area.length === 2 ? 4 : 3;
      const body = `${area.startsWith('7') ? area + subscriber.slice(0, 2) : area} ${area.startsWith('7') ? subscriber.slice(2) : `${subscriber.slice(0, split)} ${subscriber.slice(split)}`}`;
      return format === 'national' ? `0${body}` : `+44 ${body}`;
    }
    case 'DE':
      return format === 'national' ? `0${area} ${subscriber}` : `+49 ${area} ${subscriber}`;
    case 'FR':
      return format === 'national' ? `0${area} ${groupFrench(subscriber)}` : `+33 ${area} ${groupFrench(subscriber)}`;
  }
}

export function phoneKey(phone: Phone): string {
  return formatPhone(phone, 'e164');
}

const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_FORBIDDEN = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

/** ISO 7064 MOD 11,10 check digit, as used by the German tax identification number. */
function iso7064Mod1110(digits: string): number {
  let product = 10;
  for (const ch of digits) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

export function generateNationalId(rng: Rng, country: CountryCode, sex: 'F' | 'M', birthDate: string): string {
  switch (country) {
    case 'US': {
      let area = randomInt(rng, 1, 899);
      if (area === 666) area = 667;
      return `${String(area).padStart(3, '0')}-${String(randomInt(rng, 1, 99)).padStart(2, '0')}-${String(randomInt(rng, 1, 9999)).padStart(4, '0')}`;
    }
    case 'GB': {
      let prefix: string;
      do prefix = pickOne(rng, NINO_FIRST.split('')) + pickOne(rng, NINO_SECOND.split(''));
      while (NINO_FORBIDDEN.has(prefix));
      return `${prefix}${randomDigits(rng, 6)}${pickOne(rng, ['A', 'B', 'C', 'D'])}`;
    }
    case 'DE': {
      const body = String(randomInt(rng, 1, 9)) + randomDigits(rng, 9);
      return body + String(iso7064Mod1110(body));
    }
    case 'FR': {
      // NIR: sex, birth year and month, département, commune, order, then the 97-complement key.
      const body = `${sex === 'M' ? 1 : 2}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${String(randomInt(rng, 1, 95)).padStart(2, '0')}${randomDigits(rng, 6)}`;
      const key = 97n - (BigInt(body) % 97n);
      return body + String(key).padStart(2, '0');
    }
  }
}

/** How a national id is commonly written when not in its compact form. */
export function formatNationalIdLoosely(country: CountryCode, id: string): string {
  switch (country) {
    case 'US':
      return id.replace(/-/g, '');
    case 'GB':
      return `${id.slice(0, 2)} ${id.slice(2, 4)} ${id.slice(4, 6)} ${id.slice(6, 8)} ${id.slice(8)}`;
    case 'DE':
      return `${id.slice(0, 2)} ${id.slice(2, 5)} ${id.slice(5, 8)} ${id.slice(8)}`;
    case 'FR':
      return `${id[0]} ${id.slice(1, 3)} ${id.slice(3, 5)} ${id.slice(5, 7)} ${id.slice(7, 10)} ${id.slice(10, 13)} ${id.slice(13)}`;
  }
}

export interface Address {
  readonly country: CountryCode;
  readonly house: string;
  readonly streetName: string;
  readonly streetType: readonly [full: string, abbreviated: string];
  readonly unit: string | null;
  readonly city: CityInfo;
  readonly postcode: string;
}

const GB_INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function generatePostcode(rng: Rng, country: CountryCode, city: CityInfo): string {
  switch (country) {
    case 'US':
      return city.postPrefix + randomDigits(rng, 2);
    case 'GB':
      return `${city.postPrefix}${randomInt(rng, 1, 20)} ${randomInt(rng, 1, 9)}${pickOne(rng, GB_INWARD_LETTERS.split(''))}${pickOne(rng, GB_INWARD_LETTERS.split(''))}`;
    case 'DE':
      return city.postPrefix + randomDigits(rng, 3);
    case 'FR':
      return city.postPrefix + String(randomInt(rng, 1, 20)).padStart(2, '0');
  }
}

export function generateAddress(rng: Rng, country: CountryCode, city: CityInfo = pickOne(rng, CITIES[country])): Address {
  const unit = country === 'US' && chance(rng, 0.25)
    ? `Apt ${randomInt(rng, 1, 30)}${pickOne(rng, ['', 'A', 'B', 'C'])}`
    : country === 'GB' && chance(rng, 0.2)
      ? `Flat ${randomInt(rng, 1, 12)}`
      : null;
  return {
    country,
    house: String(randomInt(rng, 1, country === 'US' ? 9999 : 180)),
    streetName: pickOne(rng, STREET_NAMES[country]),
    streetType: pickOne(rng, STREET_TYPES[country]),
    unit,
    city,
    postcode: generatePostcode(rng, country, city),
  };
}

/** The street line as the country writes it; `abbreviate` gives "Main St" / "Hauptstr. 12". */
export function formatStreet(address: Address, abbreviate: boolean): string {
  const type = abbreviate ? address.streetType[1] : address.streetType[0];
  switch (address.country) {
    case 'US':
      return `${address.house} ${address.streetName} ${type}${address.unit ? `, ${address.unit}` : ''}`;
    case 'GB':
      return `${address.unit ? `${address.unit}, ` : ''}${address.house} ${address.streetName} ${type}`;
    case 'DE':
      return `${address.streetName}${type} ${address.house}`;
    case 'FR':
      return `${address.house}${abbreviate ? ',' : ''} ${type} ${address.streetName}`;
  }
}
