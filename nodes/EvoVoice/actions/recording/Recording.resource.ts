import type { ResourceDeclaration } from '../declaration';
import { getMany } from './getMany.operation';

export const recording: ResourceDeclaration = {
	resource: 'recording',
	name: 'Recording',
	defaultOperation: 'getMany',
	operations: [getMany],
};
