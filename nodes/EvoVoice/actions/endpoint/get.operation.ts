import { getOperation } from '../directoryGet';

/** GetEndpoint: GET /endpoints/{endpointId}. */
export const get = getOperation({
	resource: 'endpoint',
	action: 'Get a phone number, user or team by endpoint ID',
	idDescription: 'The ID of the endpoint (phone number, user, team…) to get, as Endpoint → Get Many gives it',
	endpoint: 'GetEndpoint',
	idName: 'endpointId',
	displayName: 'Endpoint',
	searchListMethod: 'searchEndpoints',
	description: 'Get one phone number, user, team or other endpoint',
});
