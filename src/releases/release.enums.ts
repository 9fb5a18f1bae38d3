export enum ReleaseKind {
  SCHEDULED = 'SCHEDULED',
  STANDALONE = 'STANDALONE',
}
