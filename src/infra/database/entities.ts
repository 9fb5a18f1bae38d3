import { Assessment } from '../../assessments/assessment.entity';
import { AssessmentPause } from '../../assessments/assessment-pause.entity';
import { ApiKey } from '../../auth/api-key.entity';
import { Holiday } from '../../calendar/holiday.entity';
import { Consultation } from '../../consultations/consultation.entity';
import { Decision } from '../../decisions/decision.entity';
import { AgendaItem } from '../../meetings/agenda-item.entity';
import { Meeting } from '../../meetings/meeting.entity';
import { Modification } from '../../modifications/modification.entity';
import { FormerReference } from '../../modifications/former-reference.entity';
import { ModificationDependency } from '../../modifications/modification-dependency.entity';
import { PhaseChange } from '../../modifications/phase-change.entity';
import { Release } from '../../releases/release.entity';
import { Report } from '../../reports/report.entity';
import { OutboxMessage } from '../../notifications/outbox-message.entity';
import { RecipientGroup } from '../../notifications/recipient-group.entity';
import { WorkPackage } from '../../work-packages/work-package.entity';
import { CalendarFeed } from '../../calendar-feeds/calendar-feed.entity';

export const entities = [
  Modification, ModificationDependency, PhaseChange, Assessment, AssessmentPause, Meeting, AgendaItem,
  Consultation, Decision, Release, WorkPackage, Holiday, ApiKey, RecipientGroup, OutboxMessage, Report, FormerReference,
  CalendarFeed,
];
