import type { ResourceDeclaration } from '../declaration';
import { startOutgoing } from './startOutgoing.operation';

export const call: ResourceDeclaration = {
	resource: 'call',
	name: 'Call',
	defaultOperation: 'startOutgoing',
	operations: [startOutgoing],
};
