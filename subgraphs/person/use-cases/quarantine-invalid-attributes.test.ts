import { loadConfig } from '../../../platform/config';
import { ingestInputSchema } from './ingest-input';
import { parseLosslessly } from './quarantine-invalid-attributes';

const schema = ingestInputSchema(loadConfig({ LOG_LEVEL: 'silent' }), new Date('2026-06-01T00:00:00Z'));
const request = (attributes: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  system: 'CRM', sourceId: 'C-1', sourceTimestamp: new Date('2026-05-01T00:00:00Z'), attributes, ...over,
});

describe('parseLosslessly', () => {
  it('takes invalid values out, keeps them raw with the reason, and loads the rest', () => {
    const out = parseLosslessly(schema, request({ givenName: 'Jay', familyName: 'Jones', email: 'jamesd75collins.biz', birthDate: '1991-20-08', city: 'Leeds' }));
    expect(out.parsed.success).toBe(true);
    expect(out.flagged.map((f) => f.attribute).sort()).toEqual(['birthDate', 'email']);
    if (!out.parsed.success) return;
    const attrs = out.parsed.data.attributes;
    expect(attrs).toMatchObject({ givenName: 'Jay', familyName: 'Jones', city: 'Leeds' });
    expect(attrs.email).toBeUndefined();
    expect(attrs.invalid).toEqual({
      email: { value: 'jamesd75collins.biz', reason: 'must be an e-mail address' },
      birthDate: { value: '1991-20-08', reason: 'must be a calendar date' },
    });
  });
  it('reads "Name <address>" as the address, with nothing flagged', () => {
    const out = parseLosslessly(schema, request({ givenName: 'Jay', email: '"Jay Jones" <jjones@fmail.com>' }));
    expect(out.flagged).toEqual([]);
    expect(out.parsed.success && out.parsed.data.attributes.email).toBe('jjones@fmail.com');
  });
  it('never keeps a legal identifier raw', () => {
    const out = parseLosslessly(schema, request({ givenName: 'Jay', nationalId: 'x1' }));
    expect(out.flagged).toEqual([{ attribute: 'nationalId', value: null, reason: 'must be at least 4 characters' }]);
  });
  it('still refuses what is not an attribute value', () => {
    expect(parseLosslessly(schema, request({ givenName: 'Jay' }, { system: 'ERP' })).parsed.success).toBe(false);
    expect(parseLosslessly(schema, request({ givenName: 'Jay', shoeSize: '44' })).parsed.success).toBe(false);
  });
});
