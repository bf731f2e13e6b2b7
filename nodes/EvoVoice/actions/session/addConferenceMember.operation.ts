import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { AddConferenceMember } from '../../transport/dto';
import {
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsOf,
	additionalFieldsProperty,
	callSidField,
	optionalText,
	phoneOrEmailOf,
	requestOptionsProperty,
	sessionIdOf,
	sessionIdProperty,
	simplifiedSessionItem,
	timeoutMsOf,
} from '../common';
import type { EvoVoiceClient } from '../../transport';
import { addConferenceMember } from '../../transport';

const properties: INodeProperties[] = [
	sessionIdProperty('The live voice call to turn into a conference (if it is not one yet)', 'searchVoiceSessions'),
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +15555550123 or supervisor@example.com',
		description: 'The party to dial into the conference: a phone number or an Evo Voice user',
	},
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsProperty([
		callSidField('The SID of the active call that is on your voice device'),
		{
			displayName: 'From Number',
			name: 'fromNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. +15555550100',
			description: 'The caller ID the new member sees',
		},
	]),
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['addConferenceMember'] } },
	properties,
);

/** AddConferenceMember: POST /sessions/{sessionId}/conference/members */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const destination = phoneOrEmailOf(this, 'destination', 'Destination', itemIndex);
	const additionalFields = additionalFieldsOf(this, itemIndex);
	const callSid = optionalText(this, additionalFields, 'callSid', 'Call SID', itemIndex);
	const fromNumber = optionalText(this, additionalFields, 'fromNumber', 'From Number', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: AddConferenceMember = {
		sessionId,
		destination,
		...(callSid ? { callSid } : {}),
		...(fromNumber ? { fromNumber } : {}),
	};
	return simplifiedSessionItem(this, await addConferenceMember(client, request, { itemIndex, timeoutMs }), itemIndex);
}
