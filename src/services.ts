import { AssessmentService } from './assessments/assessment.service';
import { ApiKeyService } from './auth/api-key.service';
import { HolidayService } from './calendar/holiday.service';
import { ConsultationService } from './consultations/consultation.service';
import { DecisionService } from './decisions/decision.service';
import { MeetingService } from './meetings/meeting.service';
import { ModificationService } from './modifications/modification.service';
import { ReleaseService } from './releases/release.service';
import { WorkPackageService } from './work-packages/work-package.service';
import type { DataSource } from 'typeorm';

/** The services, made once per process and shared by every request (they hold no request state). */
export function createServices(db: DataSource) {
  return {
    modifications: new ModificationService(),
    assessments: new AssessmentService(),
    meetings: new MeetingService(),
    consultations: new ConsultationService(),
    decisions: new DecisionService(),
    releases: new ReleaseService(),
    workPackages: new WorkPackageService(),
    holidays: new HolidayService(),
    apiKeys: new ApiKeyService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
