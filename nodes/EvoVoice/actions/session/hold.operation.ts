import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HoldSession } from '../../transport/dto';
import { SESSION_HOLD_REASONS } from '../../transport/dto';
import {
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsOf,
	additionalFieldsProperty,
	assertOneOf,
	callSidField,
	optionalText,
	requestOptionsProperty,
	sessionIdOf,
	sessionIdProperty,
	simplifiedSessionItem,
	timeoutMsOf,
} from '../common';
import type { EvoVoiceClient } from '../../transport';
import { holdSession } from '../../transport';

const properties: INodeProperties[] = [
	sessionIdProperty('The live call to put on hold', 'searchVoiceSessions'),
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
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsProperty([
		callSidField(
			'The local call SID (the call on your voice device) to hold; leave empty to hold the session',
		),
	]),
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['hold'] } },
	properties,
);

/** HoldSession: POST /sessions/{sessionId}/hold */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const reason = assertOneOf(
		this,
		this.getNodeParameter('reason', itemIndex),
		SESSION_HOLD_REASONS,
		'Reason',
		itemIndex,
	);
	const additionalFields = additionalFieldsOf(this, itemIndex);
	const callSid = optionalText(this, additionalFields, 'callSid', 'Call SID', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: HoldSession = { sessionId, reason, ...(callSid ? { callSid } : {}) };
	return simplifiedSessionItem(this, await holdSession(client, request, { itemIndex, timeoutMs }), itemIndex);
}
