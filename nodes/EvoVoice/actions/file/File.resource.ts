import type { ResourceDeclaration } from '../declaration';
import { download } from './download.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

export const file: ResourceDeclaration = {
	resource: 'file',
	name: 'File',
	defaultOperation: 'getMany',
	operations: [download, get, getMany],
};
