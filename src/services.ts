import type { DataSource } from 'typeorm';
import { AssessmentReads } from './assessments/assessment-reads';
import { AssessmentService } from './assessments/assessment.service';
import { ApiKeyService } from './auth/api-key.service';
import { AuditLogService } from './audit/audit-log.service';
import { HolidayService } from './calendar/holiday.service';
import { CalendarInForce } from './calendar/calendar-in-force';
import type { ChangeFeed } from './infra/database/change-feed';
import type { Logger } from './infra/logger';
import { ConsultationService } from './consultations/consultation.service';
import { DecisionService } from './decisions/decision.service';
import { MeetingService } from './meetings/meeting.service';
import { ModificationService } from './modifications/modification.service';
import { ModificationReads } from './modifications/modification-reads';
import { DigestService } from './notifications/digest.service';
import { OutboxService } from './notifications/outbox.service';
import { RecipientGroupService } from './notifications/recipient-group.service';
import type { JobQueue } from './queue/job-queue';
import { OwedJobs } from './queue/owed-jobs';
import { RegisterImportService } from './register-import/register-import.service';
import { ReleaseService } from './releases/release.service';
import { ReportLinkService } from './reports/report-links';
import { ReportService } from './reports/report.service';
import { PAPER_DEFAULTS, type PaperDefaults } from './reports/paper/paper-frame';
import { SlaRecomputeService } from './sla/sla-recompute.service';
import { WorkPackageService } from './work-packages/work-package.service';
import { SigningSecrets } from './auth/signing-secrets';
import { CalendarFeedService } from './calendar-feeds/calendar-feed.service';
import { StrikeOutService } from './corrections/strike-out.service';

export interface ServiceDependencies {
  db: DataSource;
  /** For the side effects a service owes after its transaction commits (a recompute, a message to send). */
  jobs: JobQueue;
  /** The From of every message (MAIL_FROM). */
  mailFrom: string;
  /** MAIL_IN_DOUBT_RESEND_MINUTES (default 240). */
  mailInDoubtResendMinutes?: number;
  /** How long a report's signed download links live unless the caller says (REPORT_LINK_MINUTES). */
  reportLinkMinutes?: number;
  /** The Panel papers' defaults (PAPER_AUTHOR, PANEL_NUMBERING); the papers' own without. */
  paperDefaults?: PaperDefaults;
  /**
   * Changes other processes commit (API keys, holidays): with it, this process keeps what it read
   * of them in memory; without it (commands, tests of a service alone) it reads them every time.
   */
  changes?: { feed: ChangeFeed; logger: Logger };
}

/**
 * The services, made once per process and shared by every request, job and command (they hold no
 * request state; each method takes a ServiceContext). A service that needs another gets it here.
 */
export function createServices({ db, jobs, mailFrom, mailInDoubtResendMinutes, reportLinkMinutes, paperDefaults = PAPER_DEFAULTS, changes }: ServiceDependencies) {
  const modifications = new ModificationService();
  const recipientGroups = new RecipientGroupService();
  const signingSecrets = new SigningSecrets(db);
  const outbox = new OutboxService(jobs, mailFrom, mailInDoubtResendMinutes);
  const owedJobs = new OwedJobs(jobs);
  const calendars = new CalendarInForce(db, changes?.feed);
  const apiKeys = new ApiKeyService(db, changes && { changes: changes.feed, logger: changes.logger });
  return {
    calendars,
    owedJobs,
    recipientGroups,
    outbox,
    digests: new DigestService(recipientGroups, outbox, owedJobs),
    modifications,
    modificationReads: new ModificationReads(),
    assessments: new AssessmentService(modifications, owedJobs),
    assessmentReads: new AssessmentReads(),
    meetings: new MeetingService(modifications),
    consultations: new ConsultationService(modifications),
    decisions: new DecisionService(modifications),
    releases: new ReleaseService(),
    workPackages: new WorkPackageService(modifications),
    holidays: new HolidayService(owedJobs, calendars),
    slaRecompute: new SlaRecomputeService(),
    registerImport: new RegisterImportService(),
    reports: new ReportService(owedJobs, recipientGroups, outbox, paperDefaults),
    signingSecrets,
    reportLinks: new ReportLinkService(signingSecrets, (keyId) => apiKeys.mayRead(keyId), reportLinkMinutes),
    apiKeys,
    auditLog: new AuditLogService(),
    calendarFeeds: new CalendarFeedService(),
    strikeOut: new StrikeOutService(),
  };
}

export type Services = ReturnType<typeof createServices>;
