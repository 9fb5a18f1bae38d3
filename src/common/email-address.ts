import { isEmail } from 'class-validator';

/**
 * One rule for an email address everywhere (configuration, the API's inputs): validator.js's, as
 * class-validator applies it, which accepts what mail servers accept and refuses display names.
 */
export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && isEmail(value, { allow_display_name: false, require_tld: true });
}
