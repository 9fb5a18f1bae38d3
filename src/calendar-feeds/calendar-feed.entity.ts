import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A subscribable calendar of the register, for Outlook or Google Calendar. Only the SHA-256 of its
 * token is kept; the token is in the URL shown once, at creation. It belongs to the key that made
 * it and dies with it: revoked, expired or deleted, the feed answers no more. Its GraphQL face is
 * CalendarFeedObject (calendar-feed.graphql-types.ts).
 */
@Entity('calendar_feed')
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'token_hash', unique: true })
  tokenHash!: string;

  @Column('uuid', { name: 'api_key_id' })
  apiKeyId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
