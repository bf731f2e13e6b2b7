import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { evoVoiceApiRequest, sessionPath } from '../../transport';
import type { HoldSession, SessionInfo } from '../../transport/dto';
import { SESSION_HOLD_REASONS } from '../../transport/dto';
import { assertOneOf, optionalText, sessionIdOf, sessionIdProperty, sessionOutput } from '../common';

const properties: INodeProperties[] = [
	sessionIdProperty('The live call to put on hold'),
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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Call SID',
				name: 'callSid',
				type: 'string',
				default: '',
				placeholder: 'e.g. CA0123456789abcdef0123456789abcdef',
				description:
					'The local call SID (the call on your voice device) to hold; leave empty to hold the session',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['hold'] } },
	properties,
);

/** POST /sessions/{sessionId}/hold */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const reason = assertOneOf(
		this,
		this.getNodeParameter('reason', itemIndex),
		SESSION_HOLD_REASONS,
		'Reason',
		itemIndex,
	);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as Record<
		string,
		unknown
	>;
	const callSid = optionalText(this, additionalFields, 'callSid', 'Call SID', itemIndex);
	const body: HoldSession = { sessionId, reason, ...(callSid ? { callSid } : {}) };
	const session = await evoVoiceApiRequest<SessionInfo>(
		this,
		{ method: 'POST', path: sessionPath(sessionId, 'hold'), body },
		itemIndex,
	);
	return sessionOutput(session, itemIndex);
}
