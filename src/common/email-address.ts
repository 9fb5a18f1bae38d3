import { isEmail } from 'class-validator';

/**
 * One rule for an email address everywhere (configuration, the API's inputs): validator.js's, as
 * class-validator applies it, which accepts what mail servers accept and refuses display names.
 */
export function isEmailAddress(value: unknown): value is string {
  // A lone UTF-16 surrogate is no character of any address, and makes validator.js's own
  // percent-decoding throw: refused here, as an address that is not one.
  return typeof value === 'string' && value.length <= 254 && value.isWellFormed() && isEmail(value, { allow_display_name: false, require_tld: true });
}
