import { redactInputValues } from '../../subgraphs/shared/errors';

describe('redactInputValues', () => {
  it('drops the value from variable coercion errors and keeps the path and reason', () => {
    expect(redactInputValues('Variable "$i" got invalid value { nationalId: "QX-1" } at "i.attributes"; Field "passport" is not defined by type "PersonAttributesInput".'))
      .toBe('Variable "$i" got invalid value at "i.attributes"; Field "passport" is not defined by type "PersonAttributesInput".');
    expect(redactInputValues('Variable "$i" got invalid value 7 at "i.attributes.passport"; String cannot represent a non string value: 7'))
      .toBe('Variable "$i" got invalid value at "i.attributes.passport"; String cannot represent a non string value');
  });

  it('drops quoted literals from validation errors', () => {
    expect(redactInputValues('String cannot represent a non string value: 123-45-6789')).toBe('String cannot represent a non string value');
    expect(redactInputValues('Cannot query field "x" on type "Person".')).toBe('Cannot query field "x" on type "Person".');
  });
});
