import type { ResourceDeclaration } from '../declaration';
import { getMany } from './getMany.operation';
import { reply } from './reply.operation';

export const conversation: ResourceDeclaration = {
	resource: 'conversation',
	name: 'Conversation',
	defaultOperation: 'getMany',
	operations: [getMany, reply],
};
