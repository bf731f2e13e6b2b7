import type { IDataObject } from 'n8n-workflow';

import type { SessionInfo } from '../transport/dto';

/** The fields Simplify keeps: who is calling, where the call stands, and the ids to act on it. */
export const SIMPLIFIED_SESSION_FIELDS = [
	'id',
	'displayName',
	'channel',
	'direction',
	'callState',
	'queueState',
	'ended',
	'fromName',
	'fromAddress',
	'toAddress',
	'accountId',
	'accountName',
	'customerName',
	'answeredByName',
	'callSid',
	'dateCreated',
] as const satisfies ReadonlyArray<keyof SessionInfo>;

export function simplifySession(session: SessionInfo): IDataObject {
	const simplified: IDataObject = {};
	for (const field of SIMPLIFIED_SESSION_FIELDS) simplified[field] = session[field];
	return simplified;
}
