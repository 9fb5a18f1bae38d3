import type { LocalDate } from '../calendar/local-date';
import type { MeetingBody } from './meeting.enums';

/** A meeting to record. What the service takes; the GraphQL input (ScheduleMeetingInput, meeting.types.ts) is one. */
export interface ScheduleMeetingInputFields {
  body: MeetingBody;
  date: LocalDate;
  title?: string;
  number?: number | null;
  agenda?: string[] | null;
}
