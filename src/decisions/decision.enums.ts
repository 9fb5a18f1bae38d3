import { registerEnumType } from 'type-graphql';

export enum DecisionBody {
  PANEL = 'PANEL',
  CHANGE_BOARD = 'CHANGE_BOARD',
  CHANGE_SUB_COMMITTEE = 'CHANGE_SUB_COMMITTEE',
  AUTHORITY = 'AUTHORITY',
}

registerEnumType(DecisionBody, { name: 'DecisionBody' });
