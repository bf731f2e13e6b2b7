import type { ResourceDeclaration } from '../declaration';
import { create } from './create.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const customer: ResourceDeclaration = {
	resource: 'customer',
	name: 'Customer',
	defaultOperation: 'getMany',
	operations: [create, get, getMany, update],
};
