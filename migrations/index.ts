import { Register1764000000000 } from './1764000000000-Register';
import { SlaStatus1764100000000 } from './1764100000000-SlaStatus';
import { Notifications1764200000000 } from './1764200000000-Notifications';
import { Reports1764300000000 } from './1764300000000-Reports';
import { ReportFiles1764400000000 } from './1764400000000-ReportFiles';
import { ApiKeyLifecycle1764500000000 } from './1764500000000-ApiKeyLifecycle';
import { OwedJobs1764600000000 } from './1764600000000-OwedJobs';
import { ReferenceIdentity1764700000000 } from './1764700000000-ReferenceIdentity';
import { RateLimits1764800000000 } from './1764800000000-RateLimits';
import { AuditLog1764900000000 } from './1764900000000-AuditLog';
import { ChangeNotifications1765000000000 } from './1765000000000-ChangeNotifications';
import { SearchIndexes1765100000000 } from './1765100000000-SearchIndexes';
import { CalendarFeeds1765200000000 } from './1765200000000-CalendarFeeds';
import { OwedUntilDone1765300000000 } from './1765300000000-OwedUntilDone';
import { MailInDoubt1765400000000 } from './1765400000000-MailInDoubt';
import { Corrections1765500000000 } from './1765500000000-Corrections';
import { RegisterAsOf1765600000000 } from './1765600000000-RegisterAsOf';
import { PanelPapers1765700000000 } from './1765700000000-PanelPapers';
import { PrintedFigures1765800000000 } from './1765800000000-PrintedFigures';
import { HolidayRecompute1765900000000 } from './1765900000000-HolidayRecompute';

/** Every migration, oldest first. Listed, not globbed, so that tests and the build run the same set. */
export const migrations = [Register1764000000000, SlaStatus1764100000000, Notifications1764200000000, Reports1764300000000, ReportFiles1764400000000, ApiKeyLifecycle1764500000000, OwedJobs1764600000000, ReferenceIdentity1764700000000, RateLimits1764800000000, AuditLog1764900000000, ChangeNotifications1765000000000, SearchIndexes1765100000000, CalendarFeeds1765200000000, OwedUntilDone1765300000000, MailInDoubt1765400000000, Corrections1765500000000, RegisterAsOf1765600000000, PanelPapers1765700000000, PrintedFigures1765800000000, HolidayRecompute1765900000000];
