import type { InviteChatMember } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { ACTION_SIMPLIFY_PROPERTIES, additionalFieldsProperty, callerIdField, sessionIdProperty } from '../parameters';

export const inviteMember: OperationDeclaration = {
	resource: 'chat',
	operation: 'inviteMember',
	name: 'Invite Member',
	description: 'Invite a phone number or a user into a live chat',
	action: 'Invite a phone number or user into a live chat',
	endpoints: ['InviteChatMember'],
	// Node version 1 had it under Session.
	formerly: { resource: 'session', operation: 'inviteChatMember', name: 'Invite Chat Member' },
	properties: [
		sessionIdProperty('The ID of the live chat to invite the member into (a session ID, as Get Active Sessions gives it)', 'searchChatSessions'),
		{
			displayName: 'Member To Add',
			name: 'memberToAdd',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +15555550123 or agent@example.com',
			description: 'A cell phone number in E.164 form such as +15555550123, or the email address (user ID) of an Evo Voice user',
		},
		...ACTION_SIMPLIFY_PROPERTIES,
		additionalFieldsProperty([callerIdField('The outbound caller ID used to reach a phone number')]),
	],
	/** InviteChatMember: POST /sessions/{sessionId}/members */
	async run(item) {
		const sessionId = item.sessionId();
		const body: InviteChatMember = {
			sessionId,
			memberToAdd: item.phoneOrEmail('memberToAdd'),
			callerId: item.optionalText('additionalFields.callerId'),
		};
		return [item.session(await item.request('InviteChatMember', { path: { sessionId }, body }))];
	},
};
