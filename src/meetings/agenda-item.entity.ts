import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A proposal on a meeting's agenda, in agenda order. */
@Entity('agenda_item')
export class AgendaItem {
  @PrimaryColumn('uuid', { name: 'meeting_id' })
  meetingId!: string;

  @PrimaryColumn('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Column('integer')
  position!: number;
}
