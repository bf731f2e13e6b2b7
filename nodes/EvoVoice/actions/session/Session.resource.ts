import type { ResourceDeclaration } from '../declaration';
import { addConferenceMember } from './addConferenceMember.operation';
import { end } from './end.operation';
import { get } from './get.operation';
import { getActive } from './getActive.operation';
import { getMany } from './getMany.operation';
import { hold } from './hold.operation';
import { transfer } from './transfer.operation';

export const session: ResourceDeclaration = {
	resource: 'session',
	name: 'Session',
	defaultOperation: 'getActive',
	operations: [addConferenceMember, end, get, getActive, getMany, hold, transfer],
};
