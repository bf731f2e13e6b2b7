import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { EvoVoiceClient } from '../../transport';
import { endSession, getSession } from '../../transport';
import type { EndSession } from '../../transport/dto';
import {
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsOf,
	additionalFieldsProperty,
	callSidField,
	optionalText,
	requestOptionsProperty,
	sessionIdOf,
	sessionIdProperty,
	sessionItem,
	simplifiedSessionItem,
	timeoutMsOf,
} from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'This hangs up a live call or closes a live chat for everyone in it',
		name: 'endNotice',
		type: 'notice',
		default: '',
	},
	sessionIdProperty('The live session to end'),
	ACTION_SIMPLIFY_PROPERTY,
	additionalFieldsProperty([
		callSidField('The local call SID (the call on your voice device) to end; leave empty to end the session'),
	]),
	requestOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['end'] } },
	properties,
);

/**
 * Where the output came from, in its `endedSessionFrom` field: Evo Voice's answer to EndSession,
 * a GetSession read afterwards (EndSession answered empty), or nowhere (the ended session could
 * not be read back, so the item says only that it ended).
 */
type EndedSessionSource = 'EndSession' | 'GetSession' | 'none';

/** EndSession: DELETE /sessions/{sessionId}?callSid= */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: EvoVoiceClient,
): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdOf(this, itemIndex);
	const callSid = optionalText(this, additionalFieldsOf(this, itemIndex), 'callSid', 'Call SID', itemIndex);
	const timeoutMs = timeoutMsOf(this, itemIndex);
	const request: EndSession = { sessionId, ...(callSid ? { callSid } : {}) };
	const answered = await endSession(client, request, { itemIndex, timeoutMs });
	const withSource = (items: INodeExecutionData[], source: EndedSessionSource) =>
		items.map((item) => ({ ...item, json: { ...item.json, endedSessionFrom: source } }));
	if (answered !== undefined) return withSource(simplifiedSessionItem(this, answered, itemIndex), 'EndSession');
	try {
		const readBack = await getSession(client, sessionId, { itemIndex, timeoutMs });
		return withSource(simplifiedSessionItem(this, readBack, itemIndex), 'GetSession');
	} catch (error) {
		// The call did end; a session Evo Voice no longer shows must not fail the item (and invite a retry).
		if (error instanceof NodeApiError && error.httpCode === '404') {
			return withSource(sessionItem({ id: sessionId, ended: true }, itemIndex), 'none');
		}
		throw error instanceof NodeApiError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	}
}
