import type { LocalDate } from '../calendar/local-date';
import type { ReleaseKind } from './release.enums';

/** A release to record. What the service takes; the GraphQL input (ReleaseInput, release.types.ts) is one. */
export interface ReleaseInputFields {
  name: string;
  releaseDate?: LocalDate | null;
  kind: ReleaseKind;
  modificationReportDeadline?: LocalDate | null;
}

/** A correction of a release: what is given is set (null clears a date), what is left out stays. What the service takes; the GraphQL input (UpdateReleaseInput, release.types.ts) is one. */
export interface UpdateReleaseInputFields {
  name?: string;
  releaseDate?: LocalDate | null;
  kind?: ReleaseKind | null;
  modificationReportDeadline?: LocalDate | null;
}
