import { getOperation } from '../directoryGet';

/** GetEndpoint: GET /endpoints/{endpointId}. */
export const get = getOperation({
	resource: 'endpoint',
	noun: 'endpoint',
	endpoint: 'GetEndpoint',
	idName: 'endpointId',
	displayName: 'Endpoint',
	searchListMethod: 'searchEndpoints',
	description: 'Get one phone number, user, team or other endpoint',
});
