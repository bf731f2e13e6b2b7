import type { AddConferenceMember } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { ACTION_SIMPLIFY_PROPERTIES, additionalFieldsProperty, callSidField, sessionIdProperty } from '../parameters';

export const addConferenceMember: OperationDeclaration = {
	resource: 'session',
	operation: 'addConferenceMember',
	name: 'Add Conference Member',
	description: 'Turn a call into a conference if needed and dial another party into it',
	action: 'Add a member to a session conference',
	endpoints: ['AddConferenceMember'],
	properties: [
		sessionIdProperty('The live voice call to turn into a conference (if it is not one yet)', 'searchVoiceSessions'),
		{
			displayName: 'Destination',
			name: 'destination',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +15555550123 or supervisor@example.com',
			description: 'The party to dial into the conference: a phone number or an Evo Voice user',
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
				description: 'The caller ID the new member sees',
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
