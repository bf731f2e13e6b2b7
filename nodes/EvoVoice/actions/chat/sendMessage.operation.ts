import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { sendMessage } from '../../transport';
import type { SendMessage } from '../../transport/dto';
import {
	requestOptionsProperty,
	requiredText,
	sessionIdOf,
	sessionIdProperty,
	sessionItem,
	timeoutMsOf,
} from '../common';

const properties: INodeProperties[] = [
	sessionIdProperty('The live chat to send the message into', 'searchChatSessions'),
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The text to send to everyone in the chat',
	},
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['sendMessage'] } },
	properties,
);

/** SendMessage: POST /sessions/{sessionId}/messages; outputs the MessageInfo Evo Voice answers. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const body = requiredText(this, 'body', 'Message', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: SendMessage = { sessionId, body };
	return sessionItem(await sendMessage(client, request, { itemIndex, timeoutMs }), itemIndex);
}
