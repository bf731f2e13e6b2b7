import type { ResourceDeclaration } from '../declaration';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

/** Evo Voice's endpoints: what its dashboard lists as phone numbers, users and teams. */
export const endpoint: ResourceDeclaration = {
	resource: 'endpoint',
	name: 'Endpoint (Phone Number, User, Team)',
	defaultOperation: 'getMany',
	operations: [get, getMany],
};
