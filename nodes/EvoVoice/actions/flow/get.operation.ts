import { getOperation } from '../directoryGet';

/** GetFlow: GET /flows/{flowId}, with the flow's nodes. */
export const get = getOperation({
	resource: 'flow',
	action: 'Get a call flow by ID',
	idDescription: "The ID of the flow to get, as Flow → Get Many or an endpoint's flowId gives it",
	endpoint: 'GetFlow',
	idName: 'flowId',
	displayName: 'Flow',
	searchListMethod: 'searchFlows',
	description: 'Get one flow, with its nodes',
});
