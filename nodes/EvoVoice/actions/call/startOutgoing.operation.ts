import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { newOutgoingSession } from '../../transport';
import type { NewOutgoingSession } from '../../transport/dto';
import {
	additionalFieldsOf,
	additionalFieldsProperty,
	callerIdField,
	optionalText,
	requestOptionsProperty,
	requiredText,
	sessionItem,
	timeoutMsOf,
} from '../common';

const E164 = /^\+[1-9][0-9]{6,14}$/;

const properties: INodeProperties[] = [
	{
		displayName: 'This places a real phone call. It needs an Evo Voice user with the Manager role.',
		name: 'startOutgoingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Flow ID',
		name: 'flowId',
		type: 'string',
		default: '',
		required: true,
		description: 'The Evo Voice flow that runs as soon as the call is answered',
	},
	{
		displayName: 'Number To Dial',
		name: 'numberToDial',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +18144043093',
		description: 'The number to call, in E.164 form',
	},
	additionalFieldsProperty([
		callerIdField('One of your Evo Voice numbers, in E.164 form; Evo Voice picks one at random when empty'),
	]),
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['startOutgoing'] } },
	properties,
);

function e164Of(context: IExecuteFunctions, value: string, displayName: string, itemIndex: number): string {
	const compact = value.replace(/[\s().-]/g, '');
	if (!E164.test(compact)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter must be an E.164 phone number such as +18144043093 for item ${itemIndex}, got "${value}"`,
			{ itemIndex },
		);
	}
	return compact;
}

/**
 * NewOutgoingSession: POST /sessions/outgoing. Evo Voice documents no answer body: an empty
 * answer becomes the request with `started: true`, anything else is passed on as it came.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const flowId = requiredText(this, 'flowId', 'Flow ID', itemIndex);
	const numberToDial = e164Of(this, requiredText(this, 'numberToDial', 'Number To Dial', itemIndex), 'Number To Dial', itemIndex);
	const callerIdText = optionalText(this, additionalFieldsOf(this, itemIndex), 'callerId', 'Caller ID', itemIndex);
	const callerId = callerIdText === undefined ? undefined : e164Of(this, callerIdText, 'Caller ID', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: NewOutgoingSession = { flowId, numberToDial, ...(callerId ? { callerId } : {}) };
	const answer = await newOutgoingSession(client, request, { itemIndex, timeoutMs });
	return sessionItem(answer ?? { ...request, started: true }, itemIndex);
}
