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
	DeleteChatMember,
	EndSession,
	FileInfo,
	GetChatTranscript,
	GetChatTranscriptResponse,
	HoldSession,
	InviteChatMember,
	ListResponse,
	ListFiles,
	ListSessions,
	MessageInfo,
	NewOutgoingSession,
	RedirectSession,
	SendMessage,
	SessionInfo,
} from './dto';
import { unexpectedAnswerError } from './errors';
import { JsonListScanner } from './jsonListScanner';

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

/**
 * Sends a request whose answer is one JSON object holding a list too large to keep twice, and
 * hands each record of the list to `onRecord` as it arrives (see JsonListScanner). An answer that
 * is not that object says what came back, as `expectAnswer` does.
 */
async function expectList(
	client: EvoVoiceClient,
	request: EvoVoiceRequest,
	options: CallOptions,
	expected: string,
	listName: string,
	onRecord: (record: Record<string, unknown>) => void,
): Promise<void> {
	const answer = await client.send(request, { ...options, streamBody: true });
	const scanner = new JsonListScanner(listName, onRecord);
	if (answer.readBody === undefined) scanner.write(answer.text);
	else await answer.readBody((text) => scanner.write(text));
	if (!scanner.end()) throw unexpectedAnswerError(client.node, { ...answer, text: scanner.head }, expected, options.itemIndex);
}

/**
 * AppGetActiveSessions: GET /portal/active-sessions. Every live session comes in one answer (it
 * is not paged), so it is read as it arrives and each session is handed to `onSession` on its
 * own: the whole answer is never held as text beside the sessions made from it.
 */
export async function forEachActiveSession(
	client: EvoVoiceClient,
	query: AppGetActiveSessions,
	onSession: (session: SessionInfo) => void,
	options: EndpointOptions = {},
): Promise<void> {
	await expectList(
		client,
		{ method: 'GET', path: '/portal/active-sessions', qs: query as IDataObject },
		{ ...options, retryOn429: true },
		'the list of active sessions ({"sessions": [...]})',
		'sessions',
		(record) => onSession(record as unknown as SessionInfo),
	);
}

/** AppGetActiveSessions, every live session in one array. */
export async function getActiveSessions(
	client: EvoVoiceClient,
	query: AppGetActiveSessions,
	options: EndpointOptions = {},
): Promise<SessionInfo[]> {
	const sessions: SessionInfo[] = [];
	await forEachActiveSession(client, query, (session) => sessions.push(session), options);
	return sessions;
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

/**
 * Like expectAnswer, for operations whose answer Evo Voice does not document (204 or empty):
 * an empty body is undefined, anything else must still be recognised.
 */
async function expectOptionalAnswer<T>(
	client: EvoVoiceClient,
	request: EvoVoiceRequest,
	options: CallOptions,
	expected: string,
	accepts: (body: unknown) => body is T,
): Promise<T | undefined> {
	const answer = await client.send(request, options);
	if (answer.text.trim() === '') return undefined;
	const body = parseJson(answer);
	if (!accepts(body)) throw unexpectedAnswerError(client.node, answer, expected, options.itemIndex);
	return body;
}

/** EndSession: DELETE /sessions/{sessionId}. Hangs up a call: never repeated by itself. */
export async function endSession(
	client: EvoVoiceClient,
	request: EndSession,
	options: EndpointOptions = {},
): Promise<SessionInfo | undefined> {
	return await expectOptionalAnswer(
		client,
		{
			method: 'DELETE',
			path: sessionPath(request.sessionId),
			...(request.callSid ? { qs: { callSid: request.callSid } } : {}),
		},
		{ ...options, retryOn429: false },
		'nothing or the ended session',
		isSessionRecord,
	);
}

/** RedirectSession: POST /sessions/{sessionId}/redirect. Moves a live call: never repeated by itself. */
export async function redirectSession(
	client: EvoVoiceClient,
	request: RedirectSession,
	options: EndpointOptions = {},
): Promise<SessionInfo | undefined> {
	return await expectOptionalAnswer(
		client,
		{ method: 'POST', path: sessionPath(request.sessionId, 'redirect'), body: request },
		{ ...options, retryOn429: false },
		'nothing or the redirected session',
		isSessionRecord,
	);
}

/** SendMessage: POST /sessions/{sessionId}/messages. Sends a text: never repeated by itself. */
export async function sendMessage(
	client: EvoVoiceClient,
	request: SendMessage,
	options: EndpointOptions = {},
): Promise<MessageInfo> {
	return await expectAnswer(
		client,
		{ method: 'POST', path: sessionPath(request.sessionId, 'messages'), body: request },
		{ ...options, retryOn429: false },
		'the sent message ({"id": ...})',
		(value): value is MessageInfo => isRecord(value) && typeof value.id === 'string' && value.id !== '',
	);
}

/** GetChatTranscript: GET /sessions/{sessionId}/transcript */
export async function getChatTranscript(
	client: EvoVoiceClient,
	sessionId: string,
	query: GetChatTranscript,
	options: EndpointOptions = {},
): Promise<GetChatTranscriptResponse> {
	return await expectAnswer(
		client,
		{ method: 'GET', path: sessionPath(sessionId, 'transcript'), qs: query as IDataObject },
		{ ...options, retryOn429: true },
		'a chat transcript ({"messages": [...]})',
		(value): value is GetChatTranscriptResponse =>
			isRecord(value) && Array.isArray(value.messages) && value.messages.every(isRecord),
	);
}

/**
 * DeleteChatMember: DELETE /sessions/{sessionId}/members/{memberId}. The DTO reads
 * `memberToRemove` from the query, so the member goes in both places. Removing a removed
 * member leaves the chat the same, so a 429 is waited out.
 */
export async function deleteChatMember(
	client: EvoVoiceClient,
	request: DeleteChatMember,
	options: EndpointOptions = {},
): Promise<SessionInfo> {
	return await expectAnswer(
		client,
		{
			method: 'DELETE',
			path: sessionPath(request.sessionId, 'members', encodeURIComponent(request.memberToRemove)),
			qs: { memberToRemove: request.memberToRemove },
		},
		{ ...options, retryOn429: true },
		'the chat session',
		isSessionRecord,
	);
}

/** ListFiles: GET /files, one page of files (recordings, voicemail, faxes). */
export async function listFiles(
	client: EvoVoiceClient,
	query: ListFiles,
	options: EndpointOptions = {},
): Promise<ListResponse<FileInfo>> {
	return await expectAnswer(
		client,
		{ method: 'GET', path: '/files', qs: query as IDataObject },
		{ ...options, retryOn429: true },
		'a page of files ({"items": [...]})',
		(value): value is ListResponse<FileInfo> =>
			isRecord(value) &&
			Array.isArray(value.items) &&
			value.items.every((file) => isRecord(file) && typeof file.id === 'string' && typeof file.uri === 'string') &&
			(value.hasMorePages === undefined || typeof value.hasMorePages === 'boolean'),
	);
}

/** NewOutgoingSession: POST /sessions/outgoing. Dials a number: never repeated by itself. */
export async function newOutgoingSession(
	client: EvoVoiceClient,
	request: NewOutgoingSession,
	options: EndpointOptions = {},
): Promise<Record<string, unknown> | undefined> {
	return await expectOptionalAnswer(
		client,
		{ method: 'POST', path: '/sessions/outgoing', body: request },
		{ ...options, retryOn429: false },
		'nothing or a JSON object',
		isRecord,
	);
}
