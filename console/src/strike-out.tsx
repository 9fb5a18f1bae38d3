import { ActionForm } from './action-form';
import { gql } from './api';
import { graphql } from './gql';
import type { RecordKind } from './gql/graphql';

const StrikeOut = graphql(`mutation StrikeOut($id: ID!, $kind: RecordKind!, $reason: String!) { strikeOut(id: $id, kind: $kind, reason: $reason) }`);

/** Strikes a record entered in error out of the register (SECAS), with why: any kind, from the page that shows it. */
export function StrikeOutForm({ id, kind, name, onDone }: { id: string; kind: RecordKind; name: string; onDone: () => void }) {
  return (
    <ActionForm id={`strike-${id}`} label={`Strike out ${name}`} confirm="Strike it out: entered in error" onDone={onDone}
      fields={[{ name: 'reason', label: 'Why it was entered in error', required: true }]}
      submit={async (v) => (await gql(StrikeOut, { id, kind, reason: String(v.reason) }), 'Struck out')} />
  );
}
