/** What a caller is told when its key does not let it in: the API and the downloads say it alike. */
export const KEY_REFUSALS = {
  invalid: 'The API key is not valid (unknown, revoked or expired), or not sent as "Authorization: Bearer <key>"',
  missing: 'An API key is required: send the header "Authorization: Bearer <key>"',
} as const;
