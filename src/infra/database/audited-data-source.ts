import type { DataSource, EntityManager } from 'typeorm';

/** Who is changing the register, as the audit log records it. */
export interface AuditActor {
  /** `key:SECAS admin (id)`, `cli`, `job:sla-recompute`, `service`. */
  actor: string;
  /** The operation, known only once it has been read: `mutation changePhase`, `import`. */
  operation(): string;
}

/**
 * The DataSource a context hands to services: each transaction it opens first tells PostgreSQL
 * who is acting (transaction-local settings the audit trigger reads), so every change is
 * recorded with its actor in the same transaction, whichever service made it.
 */
export function auditedDataSource(db: DataSource, who: AuditActor): DataSource {
  const transaction = (...args: unknown[]) => {
    const work = args[args.length - 1] as (tx: EntityManager) => Promise<unknown>;
    const stamped = async (tx: EntityManager) => {
      await tx.query(`SELECT set_config('sec.actor', $1, true), set_config('sec.operation', $2, true)`, [who.actor, who.operation()]);
      return work(tx);
    };
    return args.length > 1 ? db.transaction(args[0] as never, stamped) : db.transaction(stamped);
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') return transaction;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
