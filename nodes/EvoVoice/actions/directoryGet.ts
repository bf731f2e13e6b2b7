/** Get by ID, as the directory's three resources (endpoint, flow, customer) have it. */
import type { OperationDeclaration } from './declaration';
import type { DirectorySearchMethod } from './directoryParameters';
import { directoryLocator } from './directoryParameters';

interface GetSpec {
	resource: string;
	/** What it does, as the action list and an AI agent's tool read it. */
	action: string;
	/** The ID parameter's description: its form and where it comes from. */
	idDescription: string;
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
		action: spec.action,
		endpoints: [spec.endpoint],
		properties: [
			directoryLocator({
				displayName: spec.displayName,
				name: spec.idName,
				searchListMethod: spec.searchListMethod,
				description: spec.idDescription,
				required: true,
			}),
		],
		async run(item) {
			const id = item.id(spec.idName);
			return item.output(await item.request(spec.endpoint, { path: { [spec.idName]: id } }));
		},
	};
}
