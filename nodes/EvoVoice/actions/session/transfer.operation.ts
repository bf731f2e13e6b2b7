import type { RedirectSession } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { ACTION_SIMPLIFY_PROPERTIES, additionalFieldsProperty, callerIdField, sessionIdProperty } from '../parameters';
import { sessionAfterChange } from './readBack';

export const transfer: OperationDeclaration = {
	resource: 'session',
	operation: 'transfer',
	name: 'Transfer',
	description: 'Send a live call to another number or user (blind transfer)',
	action: 'Transfer a live call to a number or user now',
	endpoints: ['RedirectSession', 'GetSession'],
	properties: [
		{
			displayName: 'This moves a live call: the caller leaves the current agent at once (a blind transfer)',
			name: 'transferNotice',
			type: 'notice',
			default: '',
		},
		sessionIdProperty('The ID of the live voice call to transfer (a session ID, as Get Active Sessions gives it)', 'searchVoiceSessions'),
		{
			displayName: 'Destination',
			name: 'destination',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +15555550123 or agent@example.com',
			description: "Where to send the call: a phone number in E.164 form such as +15555550123, or an Evo Voice user's email address",
		},
		...ACTION_SIMPLIFY_PROPERTIES,
		additionalFieldsProperty([callerIdField('The caller ID the destination sees')]),
	],
	/** RedirectSession: POST /sessions/{sessionId}/redirect; the session is read back when the answer is empty. */
	async run(item) {
		const sessionId = item.sessionId();
		const body: RedirectSession = {
			sessionId,
			destination: item.phoneOrEmail('destination'),
			callerId: item.optionalText('additionalFields.callerId'),
		};
		const answered = await item.request('RedirectSession', { path: { sessionId }, body });
		const { output } = await sessionAfterChange(item, sessionId, answered, { transferredTo: body.destination });
		return [output];
	},
};
