import type { HoldSession } from '../../transport/dto';
import { SESSION_HOLD_REASONS } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { ACTION_SIMPLIFY_PROPERTIES, additionalFieldsProperty, callSidField, sessionIdProperty } from '../parameters';

export const hold: OperationDeclaration = {
	resource: 'session',
	operation: 'hold',
	name: 'Hold',
	description: 'Put a live call on hold',
	action: 'Put a live call on hold',
	endpoints: ['HoldSession'],
	properties: [
		sessionIdProperty('The ID of the live voice call to put on hold (a session ID, as Get Active Sessions gives it)', 'searchVoiceSessions'),
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'options',
			options: [
				{ name: 'None', value: 'None', description: 'A plain hold' },
				{
					name: 'Transferring',
					value: 'Transferring',
					description: 'The caller is held while the call is being transferred',
				},
			],
			default: 'None',
			description: 'Why the call is being held',
		},
		...ACTION_SIMPLIFY_PROPERTIES,
		additionalFieldsProperty([
			callSidField('The SID (CA…) of the one call on your voice device to hold; leave empty to hold the whole session'),
		]),
	],
	/** HoldSession: POST /sessions/{sessionId}/hold */
	async run(item) {
		const sessionId = item.sessionId();
		const body: HoldSession = {
			sessionId,
			reason: item.oneOf('reason', SESSION_HOLD_REASONS),
			callSid: item.optionalText('additionalFields.callSid'),
		};
		return [item.session(await item.request('HoldSession', { path: { sessionId }, body }))];
	},
};
