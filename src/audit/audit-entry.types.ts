import { Field, ID, ObjectType } from 'type-graphql';
import { type Connection, connectionOf } from '../graphql/pagination';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';
import type { AuditEntry } from './audit-entry';

@ObjectType('AuditEntry', { description: 'One change to the register, recorded in the same transaction as the change.' })
export class AuditEntryObject implements AuditEntry {
  @Field(() => ID, { description: "The entry's place in the log: later entries have greater ids." })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the change was made.' })
  at!: Date;

  @Field({ description: 'Who: `key:NAME (id)`, `cli (user)`, `job:NAME (id)`, `start-up (ADMIN_API_KEY)`.' })
  actor!: string;

  @Field({ description: 'What they asked for: `mutation changePhase`, `import register-2021-04.json`, a job name.' })
  operation!: string;

  @Field({ description: 'INSERT, UPDATE or DELETE.' })
  action!: string;

  @Field({ description: 'The table changed: modification, assessment, api_key…' })
  table!: string;

  @Field(() => String, { nullable: true, description: 'The proposal (reference), release, meeting, holiday or key the row belongs to.' })
  target!: string | null;

  @Field(() => String, { description: 'The id of the row changed.', nullable: true })
  targetId!: string | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'The row before (null for an INSERT); a key never shows its hash.' })
  before!: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'The row after (null for a DELETE).' })
  after!: Record<string, unknown> | null;
}

export const AuditEntryConnection = connectionOf(AuditEntryObject, { type: 'AuditEntry', one: 'audit entry', many: 'audit entries' });
export type AuditEntryConnection = Connection<AuditEntry>;
