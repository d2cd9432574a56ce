import { revealSourcedValue, type SourcedReveal } from './reveal-sourced-value';

const lower = (v: string) => v.trim().toLowerCase();
const ats: SourcedReveal = { systems: new Set(['ATS']), mask: 'email', comparable: lower };

describe('revealSourcedValue', () => {
  it('shows a value the named system won in full, and masks one another system won', () => {
    expect(revealSourcedValue('jane@corp.example', { system: 'ATS', candidates: [] }, ats)).toBe('jane@corp.example');
    expect(revealSourcedValue('jane@corp.example', { system: 'HRIS', candidates: [] }, ats)).toBe('j***@c***.example');
  });

  it('leaves a value out when the caller holds no mask for it', () => {
    expect(revealSourcedValue('Main Street 1', { system: 'HRIS', candidates: [] }, { ...ats, mask: undefined })).toBeNull();
    expect(revealSourcedValue('Main Street 1', null, { ...ats, mask: undefined })).toBeNull();
  });

  it('shows the list elements the named system supplied, each compared in its normal form, and masks the others', () => {
    const provenance = {
      system: 'HRIS',
      candidates: [
        { value: 'jane@corp.example', system: 'HRIS' },
        { value: ' Jane@Home.Example', system: 'ATS' },
      ],
    };
    expect(revealSourcedValue(['jane@corp.example', 'jane@home.example'], provenance, ats)).toEqual(['j***@c***.example', 'jane@home.example']);
    expect(revealSourcedValue(['jane@corp.example'], provenance, { ...ats, mask: undefined })).toEqual([]);
  });
});
