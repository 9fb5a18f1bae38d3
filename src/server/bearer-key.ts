/**
 * The key of an `Authorization: Bearer <key>` header; anything else (a bare key, Basic) is no
 * key, and the caller is told how to send one.
 */
export function bearerKey(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
