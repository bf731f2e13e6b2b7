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
 * are `ended` unless it is true and `queueState` where it only repeats `callState`, so a live
 * session is under 300 characters of JSON (empty values go with every tool record: toolRecord).
 */
const LEFT_OUT_FOR_TOOLS = new Set<string>(['displayName', 'accountId', 'accountName', 'callSid']);

const TOOL_SESSION_FIELDS = SIMPLIFIED_SESSION_FIELDS.filter((field) => !LEFT_OUT_FOR_TOOLS.has(field));

export function toolSession(session: SessionInfo): IDataObject {
	const picked = pickFields(session, TOOL_SESSION_FIELDS);
	if (picked.ended === false) delete picked.ended;
	if (picked.queueState === picked.callState) delete picked.queueState;
	return picked;
}

/** Fields a model is spared in any record: the trail of parent customers (the customer's name stays) and a flow's graph. */
const HEAVY_FOR_TOOLS = new Set<string>(['breadcrumb', 'customerBreadcrumb', 'nodes']);

const STRUCT_KINDS = ['stringValue', 'numberValue', 'boolValue', 'listValue', 'structValue'];

/** A value with nothing in it, which costs a model tokens and tells it nothing. */
const isEmpty = (value: unknown) =>
	value === undefined ||
	value === null ||
	value === '' ||
	(Array.isArray(value) && value.length === 0) ||
	(typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

/** A record's non-empty fields, each made lean, leaving out the `skipped` ones. */
function leanFields(record: IDataObject, skipped?: Set<string>): IDataObject {
	const lean: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (skipped?.has(key)) continue;
		const entry = leanValue(value);
		if (!isEmpty(entry)) lean[key] = entry as IDataObject[string];
	}
	return lean;
}

/** A value without its empty parts, an Evo Voice Struct value ({"stringValue": "East"}) as the plain value it holds. */
function leanValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(leanValue).filter((entry) => !isEmpty(entry));
	if (typeof value !== 'object' || value === null) return value;
	const record = value as IDataObject;
	const keys = Object.keys(record);
	if (keys.length === 1 && STRUCT_KINDS.includes(keys[0])) return leanValue(record[keys[0]]);
	return leanFields(record);
}

/**
 * Any record as a tool hands it to a model: no empty values, no customer trail or flow graph, and
 * custom data (Evo Voice's Struct) as plain values ({"region": "East"}).
 */
export function toolRecord(record: IDataObject): IDataObject {
	return leanFields(record, HEAVY_FOR_TOOLS);
}
