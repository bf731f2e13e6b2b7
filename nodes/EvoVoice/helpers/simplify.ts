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

/** The given fields of a record, those it has. */
export function pickFields<T extends object>(record: T, fields: ReadonlyArray<keyof T & string>): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) if (record[field] !== undefined) picked[field] = record[field] as IDataObject[string];
	return picked;
}

export function simplifySession(session: SessionInfo): IDataObject {
	return pickFields(session, SIMPLIFIED_SESSION_FIELDS);
}
