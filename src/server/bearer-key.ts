/** The key of an `Authorization: Bearer <key>` header (a bare key is still taken, as before). */
export function bearerKey(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : header.trim() || null;
}
