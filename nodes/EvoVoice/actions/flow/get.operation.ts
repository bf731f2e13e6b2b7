import { getOperation } from '../directoryGet';

/** GetFlow: GET /flows/{flowId}, with the flow's nodes. */
export const get = getOperation({
	resource: 'flow',
	noun: 'flow',
	endpoint: 'GetFlow',
	idName: 'flowId',
	displayName: 'Flow',
	searchListMethod: 'searchFlows',
	description: 'Get one flow, with its nodes',
});
