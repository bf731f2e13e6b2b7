/**
 * One typed function per Evo Voice endpoint. Each sends its request through the client and
 * checks that the answer has the shape the operation expects before anything believes it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, EvoVoiceClient, EvoVoiceRequest } from './client';
import { parseJson, sessionPath } from './client';
import type {
	AddConferenceMember,
	AppGetActiveSessions,
	HoldSession,
	InviteChatMember,
	ListResponse,
	ListSessions,
	SessionInfo,
} from './dto';
import { unexpectedAnswerError } from './errors';

/** The per-call options an endpoint takes; whether a 429 is retried is the endpoint's choice. */
export type EndpointOptions = Omit<CallOptions, 'retryOn429'>;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSessionRecord(value: unknown): value is SessionInfo {
	return isRecord(value) && typeof value.id === 'string' && value.id !== '';
}

function isSessionList(value: unknown): value is SessionInfo[] {
	return Array.isArray(value) && value.every(isRecord);
}

/** Sends a request and returns its body when `accepts` recognises it; otherwise says what came back. */
async function expectAnswer<T>(
	client: EvoVoiceClient,
	request: EvoVoiceRequest,
	options: CallOptions,
	expected: string,
	accepts: (body: unknown) => body is T,
): Promise<T> {
	const answer = await client.send(request, options);
	const body = parseJson(answer);
	if (!accepts(body)) throw unexpectedAnswerError(client.node, answer, expected, options.itemIndex);
	return body;
}

/** AppGetActiveSessions: GET /portal/active-sessions; every live session at once (not paged). */
export async function getActiveSessions(
	client: EvoVoiceClient,
	query: AppGetActiveSessions,
	options: EndpointOptions = {},
): Promise<SessionInfo[]> {
	const body = await expectAnswer(
		client,
		{ method: 'GET', path: '/portal/active-sessions', qs: query as IDataObject },
		{ ...options, retryOn429: true },
		'the list of active sessions ({"sessions": [...]})',
		(value): value is { sessions: SessionInfo[] } => isRecord(value) && isSessionList(value.sessions),
	);
	return body.sessions;
}

/** ListSessions: GET /sessions, one page of live and ended sessions. */
export async function listSessions(
	client: EvoVoiceClient,
	query: ListSessions,
	options: EndpointOptions = {},
): Promise<ListResponse<SessionInfo>> {
	return await expectAnswer(
		client,
		{ method: 'GET', path: '/sessions', qs: query as IDataObject },
		{ ...options, retryOn429: true },
		'a page of sessions ({"items": [...]})',
		(value): value is ListResponse<SessionInfo> =>
			isRecord(value) &&
			isSessionList(value.items) &&
			(value.hasMorePages === undefined || typeof value.hasMorePages === 'boolean'),
	);
}

/** GetSession: GET /sessions/{sessionId}; Evo Voice leaves the log out of this answer. */
export async function getSession(
	client: EvoVoiceClient,
	sessionId: string,
	options: EndpointOptions = {},
): Promise<SessionInfo> {
	return await expectAnswer(
		client,
		{ method: 'GET', path: sessionPath(sessionId) },
		{ ...options, retryOn429: true },
		'a session',
		isSessionRecord,
	);
}

/** HoldSession: POST /sessions/{sessionId}/hold. Holding a held call leaves it held, so a 429 is waited out. */
export async function holdSession(
	client: EvoVoiceClient,
	request: HoldSession,
	options: EndpointOptions = {},
): Promise<SessionInfo> {
	return await expectAnswer(
		client,
		{ method: 'POST', path: sessionPath(request.sessionId, 'hold'), body: request },
		{ ...options, retryOn429: true },
		'the held session',
		isSessionRecord,
	);
}

/** AddConferenceMember: POST /sessions/{sessionId}/conference/members. Dials someone: never repeated by itself. */
export async function addConferenceMember(
	client: EvoVoiceClient,
	request: AddConferenceMember,
	options: EndpointOptions = {},
): Promise<SessionInfo> {
	return await expectAnswer(
		client,
		{ method: 'POST', path: sessionPath(request.sessionId, 'conference', 'members'), body: request },
		{ ...options, retryOn429: false },
		'the conference session',
		isSessionRecord,
	);
}

/** InviteChatMember: POST /sessions/{sessionId}/members. Sends an invitation: never repeated by itself. */
export async function inviteChatMember(
	client: EvoVoiceClient,
	request: InviteChatMember,
	options: EndpointOptions = {},
): Promise<SessionInfo> {
	return await expectAnswer(
		client,
		{ method: 'POST', path: sessionPath(request.sessionId, 'members'), body: request },
		{ ...options, retryOn429: false },
		'the chat session',
		isSessionRecord,
	);
}
