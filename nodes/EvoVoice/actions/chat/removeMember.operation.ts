import type { OperationDeclaration } from '../declaration';
import { ACTION_SIMPLIFY_PROPERTIES, sessionIdProperty } from '../parameters';

export const removeMember: OperationDeclaration = {
	resource: 'chat',
	operation: 'removeMember',
	name: 'Remove Member',
	description: 'Remove a member from a live chat',
	action: 'Remove a phone number or user from a live chat',
	endpoints: ['DeleteChatMember'],
	properties: [
		{
			displayName: 'This removes the member from a live chat: they stop receiving its messages at once',
			name: 'removeMemberNotice',
			type: 'notice',
			default: '',
		},
		sessionIdProperty('The ID of the live chat to remove the member from (a session ID, as Get Active Sessions gives it)', 'searchChatSessions'),
		{
			displayName: 'Member To Remove',
			name: 'memberToRemove',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +15555550123 or agent@example.com',
			description: "The member's cell phone number in E.164 form such as +15555550123, or the email address (user ID) of an Evo Voice user",
		},
		...ACTION_SIMPLIFY_PROPERTIES,
	],
	/**
	 * DeleteChatMember: DELETE /sessions/{sessionId}/members/{memberId}. The DTO reads
	 * `memberToRemove` from the query, so the member goes in both places.
	 */
	async run(item) {
		const sessionId = item.sessionId();
		const memberToRemove = item.phoneOrEmail('memberToRemove');
		const session = await item.request('DeleteChatMember', {
			path: { sessionId, memberToRemove },
			query: { memberToRemove },
		});
		return [item.session(session)];
	},
};
