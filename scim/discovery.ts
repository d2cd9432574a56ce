// The SCIM discovery resources (RFC 7643 §5–7, RFC 7644 §4): what this service provider supports,
// the User resource type, and the attribute definitions of the schemas it serves.
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const MAX_RESULTS = 100;

type Attr = Record<string, unknown>;

function attr(name: string, o: Partial<{ type: string; multiValued: boolean; required: boolean; mutability: string; returned: string; uniqueness: string; caseExact: boolean; subAttributes: Attr[]; description: string; referenceTypes: string[] }> = {}): Attr {
  return {
    name, type: o.type ?? 'string', multiValued: o.multiValued ?? false, description: o.description ?? name, required: o.required ?? false,
    caseExact: o.caseExact ?? false, mutability: o.mutability ?? 'readWrite', returned: o.returned ?? 'default', uniqueness: o.uniqueness ?? 'none',
    ...(o.subAttributes ? { subAttributes: o.subAttributes } : {}), ...(o.referenceTypes ? { referenceTypes: o.referenceTypes } : {}),
  };
}

const multi = (name: string, description: string) =>
  attr(name, { multiValued: true, type: 'complex', description, subAttributes: [attr('value'), attr('display', { mutability: 'readOnly' }), attr('type'), attr('primary', { type: 'boolean' })] });

export function schemaDefinitions(baseUrl: string) {
  const meta = (id: string) => ({ resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` });
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: USER_SCHEMA, name: 'User', description: 'A person, from the golden record and its employment',
      attributes: [
        attr('userName', { required: true, uniqueness: 'server', description: 'The primary e-mail address' }),
        attr('name', { type: 'complex', subAttributes: [attr('formatted'), attr('familyName'), attr('givenName'), attr('middleName')] }),
        attr('displayName'), attr('nickName'), attr('title'),
        attr('active', { type: 'boolean', description: 'Employed (pre-hire, active or on leave) in the provisioning system' }),
        multi('emails', 'E-mail addresses'), multi('phoneNumbers', 'Phone numbers (E.164)'),
      ],
      meta: meta(USER_SCHEMA),
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: ENTERPRISE_SCHEMA, name: 'EnterpriseUser', description: 'Enterprise User',
      attributes: [
        attr('employeeNumber'), attr('organization'), attr('department'),
        attr('manager', { type: 'complex', subAttributes: [attr('value', { description: 'The id of the manager' }), attr('$ref', { type: 'reference', referenceTypes: ['User'] }), attr('displayName', { mutability: 'readOnly' })] }),
      ],
      meta: meta(ENTERPRISE_SCHEMA),
    },
  ];
}

export function resourceTypes(baseUrl: string) {
  return [{
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User', name: 'User', endpoint: '/Users', description: 'People',
    schema: USER_SCHEMA, schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
  }];
}

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'A PeopleGraph JWT of the provisioning system (roles hris and hr)', primary: true }],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}
