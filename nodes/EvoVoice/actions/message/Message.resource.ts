import type { ResourceDeclaration } from '../declaration';
import { getMany } from './getMany.operation';
import { send } from './send.operation';

export const message: ResourceDeclaration = {
	resource: 'message',
	name: 'Message',
	defaultOperation: 'send',
	operations: [send, getMany],
};
