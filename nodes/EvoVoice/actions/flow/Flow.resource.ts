import type { ResourceDeclaration } from '../declaration';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

export const flow: ResourceDeclaration = {
	resource: 'flow',
	name: 'Flow',
	defaultOperation: 'getMany',
	operations: [get, getMany],
};
