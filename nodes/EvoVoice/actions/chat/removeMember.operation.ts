import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { deleteChatMember } from '../../transport';
import type { DeleteChatMember } from '../../transport/dto';
import {
	ACTION_SIMPLIFY_PROPERTY,
	phoneOrEmailOf,
	requestOptionsProperty,
	sessionIdOf,
	sessionIdProperty,
	simplifiedSessionItem,
	timeoutMsOf,
} from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'This removes the member from a live chat: they stop receiving its messages at once',
		name: 'removeMemberNotice',
		type: 'notice',
		default: '',
	},
	sessionIdProperty('The live chat to remove the member from', 'searchChatSessions'),
	{
		displayName: 'Member To Remove',
		name: 'memberToRemove',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +15555550123 or agent@example.com',
		description: 'The member\'s cell phone number, or the email address (user ID) of an Evo Voice user',
	},
	ACTION_SIMPLIFY_PROPERTY,
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['removeMember'] } },
	properties,
);

/** DeleteChatMember: DELETE /sessions/{sessionId}/members/{memberId}?memberToRemove= */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const memberToRemove = phoneOrEmailOf(this, 'memberToRemove', 'Member To Remove', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: DeleteChatMember = { sessionId, memberToRemove };
	return simplifiedSessionItem(this, await deleteChatMember(client, request, { itemIndex, timeoutMs }), itemIndex);
}
