/**
 * The id of the proposal a reference names, whatever its case, or whose former reference it is (a
 * converted Draft Proposal's DP); NULL when none. `reference` is a SQL expression ($1, r.ref).
 * Both are unique without regard to case, so each side finds one row at most.
 */
export const idOfReferenceSql = (reference: string): string => `coalesce(
  (SELECT m.id FROM modification m WHERE lower(m.reference) = lower(${reference})),
  (SELECT f.modification_id FROM modification_former_reference f WHERE lower(f.reference) = lower(${reference})))`;
