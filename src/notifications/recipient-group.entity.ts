import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DigestSection } from './digest-section';

/** Who receives a digest: configured data, not code (SPEC "Notifications"). Its GraphQL face: RecipientGroupObject (recipient-group.graphql-types.ts). */
@Entity('recipient_group')
export class RecipientGroup {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { array: true })
  addresses!: string[];

  @Column('text', { array: true })
  sections!: DigestSection[];

  @Column('boolean', { default: true })
  enabled!: boolean;

  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
