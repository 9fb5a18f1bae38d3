/** A package of Refinement work to plan for a proposal. What the service takes; the GraphQL input (WorkPackageInput, work-package.types.ts) is one. */
export interface WorkPackageInputFields {
  modification: string;
  tasks: string[];
  returnToPanelMonth: string;
  note?: string;
}
