import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { InviteChatMember } from '../../transport/dto';
import {
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsOf,
	additionalFieldsProperty,
	callerIdField,
	optionalText,
	phoneOrEmailOf,
	requestOptionsProperty,
	sessionIdOf,
	sessionIdProperty,
	simplifiedSessionItem,
	timeoutMsOf,
} from '../common';
import type { EvoVoiceClient } from '../../transport';
import { inviteChatMember } from '../../transport';

const properties: INodeProperties[] = [
	sessionIdProperty('The live chat session to invite the member into', 'searchChatSessions'),
	{
		displayName: 'Member To Add',
		name: 'memberToAdd',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +15555550123 or agent@example.com',
		description: 'A cell phone number, or the email address (user ID) of an Evo Voice user',
	},
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsProperty([
		callerIdField('The outbound caller ID used to reach a phone number'),
	]),
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['inviteChatMember'] } },
	properties,
);

/** InviteChatMember: POST /sessions/{sessionId}/members */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const memberToAdd = phoneOrEmailOf(this, 'memberToAdd', 'Member To Add', itemIndex);
	const additionalFields = additionalFieldsOf(this, itemIndex);
	const callerId = optionalText(this, additionalFields, 'callerId', 'Caller ID', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: InviteChatMember = { sessionId, memberToAdd, ...(callerId ? { callerId } : {}) };
	return simplifiedSessionItem(this, await inviteChatMember(client, request, { itemIndex, timeoutMs }), itemIndex);
}
