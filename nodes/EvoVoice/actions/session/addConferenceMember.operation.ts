import type { AddConferenceMember } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { ACTION_SIMPLIFY_PROPERTIES, additionalFieldsProperty, callSidField, sessionIdProperty } from '../parameters';

export const addConferenceMember: OperationDeclaration = {
	resource: 'session',
	operation: 'addConferenceMember',
	name: 'Add Conference Member',
	description: 'Turn a call into a conference if needed and dial another party into it',
	action: 'Dial a number or user into a live call',
	endpoints: ['AddConferenceMember'],
	properties: [
		sessionIdProperty('The ID of the live voice call to add the member to (a session ID, as Get Active Sessions gives it); it becomes a conference if it is not one yet', 'searchVoiceSessions'),
		{
			displayName: 'Destination',
			name: 'destination',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +15555550123 or supervisor@example.com',
			description: "The party to dial into the call: a phone number in E.164 form such as +15555550123, or an Evo Voice user's email address",
		},
		...ACTION_SIMPLIFY_PROPERTIES,
		additionalFieldsProperty([
			callSidField('The SID of the active call that is on your voice device'),
			{
				displayName: 'From Number',
				name: 'fromNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +15555550100',
				description: 'The caller ID the new member sees: one of your Evo Voice numbers in E.164 form',
			},
		]),
	],
	/** AddConferenceMember: POST /sessions/{sessionId}/conference/members */
	async run(item) {
		const sessionId = item.sessionId();
		const body: AddConferenceMember = {
			sessionId,
			destination: item.phoneOrEmail('destination'),
			callSid: item.optionalText('additionalFields.callSid'),
			fromNumber: item.optionalText('additionalFields.fromNumber'),
		};
		return [item.session(await item.request('AddConferenceMember', { path: { sessionId }, body }))];
	},
};
