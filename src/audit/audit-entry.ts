/** One change to the register, as the audit log recorded it in the same transaction (its GraphQL face: AuditEntryObject). */
export interface AuditEntry {
  /** The entry's place in the log: later entries have greater ids. */
  id: string;
  at: Date;
  /** Who: `key:NAME (id)`, `cli (user)`, `job:NAME (id)`, `start-up (ADMIN_API_KEY)`. */
  actor: string;
  /** What they asked for: `mutation changePhase`, `import register-2021-04.json`, a job name. */
  operation: string;
  /** INSERT, UPDATE or DELETE. */
  action: string;
  table: string;
  /** The proposal (reference), release, meeting, holiday or key the row belongs to. */
  target: string | null;
  targetId: string | null;
  /** The row before (null for an INSERT); a key never shows its hash. */
  before: Record<string, unknown> | null;
  /** The row after (null for a DELETE). */
  after: Record<string, unknown> | null;
}
