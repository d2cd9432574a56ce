// SCIM errors (RFC 7644 §3.12): an HTTP status, an optional scimType and a detail that names the rule,
// never a personal value.
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType = 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

export class ScimError extends Error {
  constructor(public readonly status: number, message: string, public readonly scimType?: ScimType) {
    super(message);
    this.name = 'ScimError';
  }

  toJSON() {
    return { schemas: [SCIM_ERROR_SCHEMA], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.message };
  }
}
