import type { NewOutgoingSession } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { directoryLocator } from '../directoryParameters';
import { additionalFieldsProperty } from '../parameters';

export const startOutgoing: OperationDeclaration = {
	resource: 'call',
	operation: 'startOutgoing',
	name: 'Start Outgoing',
	description: 'Dial a number and run a flow when it answers',
	action: 'Call a phone number and run a flow when answered',
	endpoints: ['NewOutgoingSession'],
	properties: [
		{
			displayName: 'This places a real phone call. It needs an Evo Voice user with the Manager role.',
			name: 'startOutgoingNotice',
			type: 'notice',
			default: '',
		},
		directoryLocator({
			displayName: 'Flow',
			name: 'flowId',
			searchListMethod: 'searchFlows',
			description: 'The ID of the Evo Voice flow that runs as soon as the call is answered, as Flow → Get Many gives it',
			required: true,
		}),
		{
			displayName: 'Number To Dial',
			name: 'numberToDial',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +18144043093',
			description: 'The number to call, in E.164 form such as +15555550123',
		},
		additionalFieldsProperty([
			directoryLocator({
				displayName: 'Caller ID',
				name: 'callerId',
				searchListMethod: 'searchCallerIds',
				description: "One of the account's phone numbers, shown to the person called; Evo Voice picks one at random when empty",
			}),
		]),
	],
	/**
	 * NewOutgoingSession: POST /sessions/outgoing. Evo Voice documents no answer body: an empty
	 * answer becomes the request with `started: true`, anything else is passed on as it came.
	 */
	async run(item) {
		const callerId = item.optionalId('additionalFields.callerId');
		const body: NewOutgoingSession = {
			flowId: item.id('flowId'),
			numberToDial: item.e164('numberToDial', item.text('numberToDial')),
			callerId: callerId === undefined ? undefined : item.e164('additionalFields.callerId', callerId),
		};
		const answer = await item.request('NewOutgoingSession', { body });
		return item.output(answer ?? { ...body, started: true });
	},
};
