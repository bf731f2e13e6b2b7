/** Get by ID, as the directory's three resources (endpoint, flow, customer) have it. */
import type { OperationDeclaration } from './declaration';
import type { DirectorySearchMethod } from './directoryParameters';
import { directoryLocator } from './directoryParameters';

interface GetSpec {
	resource: string;
	/** The record in words: "endpoint", "flow", "customer". */
	noun: string;
	endpoint: 'GetEndpoint' | 'GetFlow' | 'GetCustomer';
	/** The parameter, and the route's `{name}`: endpointId, flowId, customerId. */
	idName: 'endpointId' | 'flowId' | 'customerId';
	displayName: string;
	searchListMethod: DirectorySearchMethod;
	description: string;
}

/** One record by ID, picked from the list or typed: `GET /<records>/{id}`. */
export function getOperation(spec: GetSpec): OperationDeclaration {
	return {
		resource: spec.resource,
		operation: 'get',
		name: 'Get',
		description: spec.description,
		action: `Get a${/^[aeiou]/.test(spec.noun) ? 'n' : ''} ${spec.noun}`,
		endpoints: [spec.endpoint],
		properties: [
			directoryLocator({
				displayName: spec.displayName,
				name: spec.idName,
				searchListMethod: spec.searchListMethod,
				description: `The ${spec.noun} to get`,
				required: true,
			}),
		],
		async run(item) {
			const id = item.id(spec.idName);
			return item.output(await item.request(spec.endpoint, { path: { [spec.idName]: id } }));
		},
	};
}
