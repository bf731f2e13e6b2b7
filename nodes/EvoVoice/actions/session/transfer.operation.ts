import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { getSession, redirectSession } from '../../transport';
import type { RedirectSession } from '../../transport/dto';
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

const properties: INodeProperties[] = [
	{
		displayName: 'This moves a live call: the caller leaves the current agent at once (a blind transfer)',
		name: 'transferNotice',
		type: 'notice',
		default: '',
	},
	sessionIdProperty('The live voice call to transfer', 'searchVoiceSessions'),
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +15555550123 or agent@example.com',
		description: 'Where to send the call: a phone number or an Evo Voice user',
	},
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsProperty([
		callerIdField('The caller ID the destination sees'),
	]),
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['transfer'] } },
	properties,
);

/** RedirectSession: POST /sessions/{sessionId}/redirect; the session is read back when the answer is empty. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const destination = phoneOrEmailOf(this, 'destination', 'Destination', itemIndex);
	const callerId = optionalText(this, additionalFieldsOf(this, itemIndex), 'callerId', 'Caller ID', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: RedirectSession = { sessionId, destination, ...(callerId ? { callerId } : {}) };
	const session =
		(await redirectSession(client, request, { itemIndex, timeoutMs })) ??
		(await getSession(client, sessionId, { itemIndex, timeoutMs }));
	return simplifiedSessionItem(this, session, itemIndex);
}
