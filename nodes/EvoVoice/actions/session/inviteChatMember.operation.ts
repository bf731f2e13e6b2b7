import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { InviteChatMember } from '../../transport/dto';
import {
	additionalFieldsOf,
	additionalFieldsProperty,
	optionalText,
	postToSession,
	requiredText,
	sessionIdOf,
	sessionIdProperty,
} from '../common';

const properties: INodeProperties[] = [
	sessionIdProperty('The live chat session to invite the member into'),
	{
		displayName: 'Member To Add',
		name: 'memberToAdd',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +15555550123 or agent@example.com',
		description: 'A cell phone number, or the email address (user ID) of an Evo Voice user',
	},
	additionalFieldsProperty([
		{
			displayName: 'Caller ID',
			name: 'callerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. +15555550100',
			description: 'The outbound caller ID used to reach a phone number',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['inviteChatMember'] } },
	properties,
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators, optionally in E.164 form.
const PHONE_NUMBER = /^\+?[0-9][0-9 ().-]{2,}[0-9]$/;

/** POST /sessions/{sessionId}/members */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const memberToAdd = requiredText(this, 'memberToAdd', 'Member To Add', itemIndex);
	if (!EMAIL.test(memberToAdd) && !PHONE_NUMBER.test(memberToAdd)) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Member To Add" parameter must be a phone number or an email address for item ${itemIndex}, got "${memberToAdd}"`,
			{ itemIndex },
		);
	}
	const additionalFields = additionalFieldsOf(this, itemIndex);
	const callerId = optionalText(this, additionalFields, 'callerId', 'Caller ID', itemIndex);
	const body: InviteChatMember = { sessionId, memberToAdd, ...(callerId ? { callerId } : {}) };
	return await postToSession(this, itemIndex, sessionId, ['members'], body);
}
