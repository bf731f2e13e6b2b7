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

/**
 * The fields a tool's session keeps, for a model: the ids and states to act on, who and when.
 * The account, the call SID and the display name (the caller's name again) are left out, as
 * are empty values, `ended` unless it is true and `queueState` where it only repeats
 * `callState`, so a live session is under 300 characters of JSON.
 */
const LEFT_OUT_FOR_TOOLS = new Set<string>(['displayName', 'accountId', 'accountName', 'callSid']);

const TOOL_SESSION_FIELDS = SIMPLIFIED_SESSION_FIELDS.filter((field) => !LEFT_OUT_FOR_TOOLS.has(field));

export function toolSession(session: SessionInfo): IDataObject {
	const picked = pickFields(session, TOOL_SESSION_FIELDS);
	for (const [field, value] of Object.entries(picked)) if (value === '' || value === null) delete picked[field];
	if (picked.ended === false) delete picked.ended;
	if (picked.queueState === picked.callState) delete picked.queueState;
	return picked;
}
