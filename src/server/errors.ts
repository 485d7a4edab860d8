// Typed errors thrown by services; src/server/http/problem.ts turns them into RFC 9457 responses.
export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(readonly fields: FieldError[], message = 'The request has invalid fields') {
    super(400, 'validation_failed', message, { errors: fields });
  }
}
export class BadRequest extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}
export class Unauthorized extends AppError {
  constructor(message = 'Authentication is required', code = 'unauthorized') {
    super(401, code, message);
  }
}
export class Forbidden extends AppError {
  constructor(message = 'You are not allowed to do this', code = 'forbidden') {
    super(403, code, message);
  }
}
export class NotFound extends AppError {
  constructor(message = 'Not found', code = 'not_found') {
    super(404, code, message);
  }
}
export class Conflict extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}
export class PayloadTooLarge extends AppError {
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The request body exceeds ${limitBytes} bytes`);
  }
}
export class UnsupportedMediaType extends AppError {
  constructor() {
    super(415, 'unsupported_media_type', 'Send the body as application/json');
  }
}
export class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number, message = 'Too many requests; try again later', code = 'rate_limited') {
    super(429, code, message, { retryAfter: retryAfterSeconds });
  }
}
/**
 * A tenant that serves nothing for now: suspended by the operator (its data kept) or still being
 * provisioned. 503: the service is there again once the operator resumes it.
 */
export class TenantUnavailable extends AppError {
  constructor(reason: string | null, status: 'suspended' | 'provisioning' = 'suspended') {
    super(
      503,
      status === 'provisioning' ? 'tenant_provisioning' : 'tenant_suspended',
      status === 'provisioning' ? 'This platform is being set up and is not open yet' : reason ? `This platform is suspended: ${reason}` : 'This platform is suspended',
    );
  }
}

/** A tenant feature flag is off: the feature does not exist for this community. */
export class FeatureDisabled extends AppError {
  constructor(readonly feature: string, label: string) {
    super(403, 'feature_disabled', `${label} are turned off for this community`, { feature });
  }
}
