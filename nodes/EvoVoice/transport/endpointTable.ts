/**
 * Every Evo Voice endpoint the package calls, in one table: its route, what sending it again
 * would do, and the answer it must give. The client's retry rules read this table alone, and
 * the README's retry section is tested against it.
 */
import type { IHttpRequestMethods } from 'n8n-workflow';

import type {
	ConversationInfo,
	CustomerInfo,
	EndpointInfo,
	FileInfo,
	FlowInfo,
	GetChatTranscriptResponse,
	ListResponse,
	MessageInfo,
	SessionInfo,
	UserInfo,
} from './dto';

/**
 * What sending a request again would do.
 * - `read`: nothing (lists, gets, the sign-in).
 * - `idempotent`: a change that leaves the same state however often it is made (hold a held call).
 * - `change`: a change that would happen twice (dial, transfer, end, send, invite, create, update).
 */
export type Repeat = 'read' | 'idempotent' | 'change';

/** A request is sent at most this many more times, and a wait is never longer than this. */
export const MAX_RETRIES = 2;
export const MAX_RETRY_WAIT_SECONDS = 30;

/** Gateway answers: Evo Voice itself did not act, so a read or an idempotent change may go again. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * How long to wait before sending a request again after `status`, or undefined when it must not
 * go again. A 429 is Evo Voice refusing a request before acting on it (ServiceStack's rate
 * limiting runs as a request filter, before the service), so any request may go again after its
 * Retry-After. After a 502–504 only a read or an idempotent change goes again: a change may have
 * been made behind the gateway. Without a Retry-After, a 5xx is waited out 1 s, then 2 s; a 429
 * without one is not waited out (Evo Voice did not say how long).
 */
export function retryWaitSeconds(
	repeat: Repeat,
	status: number,
	retryAfter: number | undefined,
	attempt: number,
): number | undefined {
	if (attempt >= MAX_RETRIES) return undefined;
	let wait: number | undefined;
	if (status === 429) wait = retryAfter;
	else if (GATEWAY_STATUSES.has(status) && repeat !== 'change') wait = retryAfter ?? attempt + 1;
	return wait !== undefined && wait <= MAX_RETRY_WAIT_SECONDS ? wait : undefined;
}

/** The answer an endpoint must give, in words for an error and as a check. */
export interface AnswerShape<T> {
	expected: string;
	accepts(body: unknown): body is T;
	/** Evo Voice may answer nothing at all (a void operation): the answer is then undefined. */
	mayBeEmpty?: boolean;
	/** The answer is a page whose `items` are records: records without a usable id are skipped. */
	isPage?: boolean;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record Evo Voice identifies: its `id` is non-empty text. */
export function hasUsableId(value: unknown): value is { id: string } {
	return isRecord(value) && typeof value.id === 'string' && value.id.trim() !== '';
}

function one<T extends { id: string }>(expected: string): AnswerShape<T> {
	return { expected, accepts: (body): body is T => hasUsableId(body) };
}

function orNothing<T>(shape: AnswerShape<T>): AnswerShape<T | undefined> {
	return { ...shape, expected: `nothing or ${shape.expected}`, mayBeEmpty: true } as AnswerShape<T | undefined>;
}

function page<T>(expected: string): AnswerShape<ListResponse<T>> {
	return {
		expected: `a page of ${expected} ({"items": [...]})`,
		accepts: (body): body is ListResponse<T> =>
			isRecord(body) &&
			Array.isArray(body.items) &&
			(body.hasMorePages === undefined || typeof body.hasMorePages === 'boolean'),
		isPage: true,
	};
}

export interface Endpoint<T> {
	method: IHttpRequestMethods;
	/** The route; each `{name}` is one path segment, filled from the request's path values. */
	route: string;
	repeat: Repeat;
	/** For a change: what may have happened when Evo Voice gave no clear answer. */
	mayHaveHappened?: string;
	/** The roles Evo Voice requires ("Requires any of the roles"), named in a 403's error. */
	roles?: readonly string[];
	answer: AnswerShape<T>;
}

function endpoint<T>(spec: Endpoint<T>): Endpoint<T> {
	return spec;
}

/** Who may read and change the directory (endpoints, flows, customers) and start outgoing calls. */
const DIRECTORY_ROLES = ['Manager', 'Customer', 'SystemAdministrator'] as const;

/** Who may list and read files (recordings, voicemail, faxes): Evo Voice requires the same roles as for the directory. */
const FILE_ROLES = DIRECTORY_ROLES;

export const ENDPOINTS = {
	Authenticate: endpoint({
		method: 'POST',
		route: '/auth/credentials',
		repeat: 'read',
		answer: { expected: 'a sign-in', accepts: (body): body is Record<string, unknown> => isRecord(body) },
	}),
	AppGetActiveSessions: endpoint({
		method: 'GET',
		route: '/portal/active-sessions',
		repeat: 'read',
		// Read as it arrives, record by record (see JsonListScanner); this shape names it in errors.
		answer: {
			expected: 'the list of active sessions ({"sessions": [...]})',
			accepts: (body): body is { sessions: SessionInfo[] } => isRecord(body) && Array.isArray(body.sessions),
		},
	}),
	ListSessions: endpoint({ method: 'GET', route: '/sessions', repeat: 'read', answer: page<SessionInfo>('sessions') }),
	GetSession: endpoint({ method: 'GET', route: '/sessions/{sessionId}', repeat: 'read', answer: one<SessionInfo>('a session') }),
	// Directory: endpoints (phone numbers, users, teams), flows, customers, the signed-in user's accounts.
	GetAuthStatus: endpoint({
		method: 'GET',
		route: '/auth/status',
		repeat: 'read',
		answer: {
			expected: 'the signed-in user ({"accountIds": [...], "accountNames": [...]})',
			accepts: (body): body is UserInfo =>
				isRecord(body) && Array.isArray(body.accountIds) && (body.accountNames === undefined || Array.isArray(body.accountNames)),
		},
	}),
	ListEndpoints: endpoint({
		method: 'GET',
		route: '/endpoints',
		repeat: 'read',
		roles: DIRECTORY_ROLES,
		answer: page<EndpointInfo>('endpoints'),
	}),
	GetEndpoint: endpoint({
		method: 'GET',
		route: '/endpoints/{endpointId}',
		repeat: 'read',
		roles: DIRECTORY_ROLES,
		answer: one<EndpointInfo>('an endpoint'),
	}),
	ListFlows: endpoint({ method: 'GET', route: '/flows', repeat: 'read', roles: DIRECTORY_ROLES, answer: page<FlowInfo>('flows') }),
	GetFlow: endpoint({ method: 'GET', route: '/flows/{flowId}', repeat: 'read', roles: DIRECTORY_ROLES, answer: one<FlowInfo>('a flow') }),
	ListCustomers: endpoint({
		method: 'GET',
		route: '/customers',
		repeat: 'read',
		roles: DIRECTORY_ROLES,
		answer: page<CustomerInfo>('customers'),
	}),
	GetCustomer: endpoint({
		method: 'GET',
		route: '/customers/{customerId}',
		repeat: 'read',
		roles: DIRECTORY_ROLES,
		answer: one<CustomerInfo>('a customer'),
	}),
	NewCustomer: endpoint({
		method: 'POST',
		route: '/customers',
		repeat: 'change',
		mayHaveHappened: 'the customer may have been created',
		roles: DIRECTORY_ROLES,
		answer: one<CustomerInfo>('the new customer'),
	}),
	PatchCustomer: endpoint({
		method: 'PATCH',
		route: '/customers/{customerId}',
		repeat: 'change',
		mayHaveHappened: 'the customer may have been updated',
		roles: DIRECTORY_ROLES,
		answer: one<CustomerInfo>('the updated customer'),
	}),
	HoldSession: endpoint({
		method: 'POST',
		route: '/sessions/{sessionId}/hold',
		repeat: 'idempotent',
		answer: one<SessionInfo>('the held session'),
	}),
	AddConferenceMember: endpoint({
		method: 'POST',
		route: '/sessions/{sessionId}/conference/members',
		repeat: 'change',
		mayHaveHappened: 'the member may have been dialled into the conference',
		answer: one<SessionInfo>('the conference session'),
	}),
	InviteChatMember: endpoint({
		method: 'POST',
		route: '/sessions/{sessionId}/members',
		repeat: 'change',
		mayHaveHappened: 'the invitation may have been sent',
		answer: one<SessionInfo>('the chat session'),
	}),
	DeleteChatMember: endpoint({
		method: 'DELETE',
		route: '/sessions/{sessionId}/members/{memberToRemove}',
		repeat: 'idempotent',
		answer: one<SessionInfo>('the chat session'),
	}),
	EndSession: endpoint({
		method: 'DELETE',
		route: '/sessions/{sessionId}',
		repeat: 'change',
		mayHaveHappened: 'the session may have been ended',
		answer: orNothing(one<SessionInfo>('the ended session')),
	}),
	RedirectSession: endpoint({
		method: 'POST',
		route: '/sessions/{sessionId}/redirect',
		repeat: 'change',
		mayHaveHappened: 'the call may have been transferred',
		answer: orNothing(one<SessionInfo>('the redirected session')),
	}),
	SendMessage: endpoint({
		method: 'POST',
		route: '/sessions/{sessionId}/messages',
		repeat: 'change',
		mayHaveHappened: 'the message may have been sent',
		answer: one<MessageInfo>('the sent message ({"id": ...})'),
	}),
	// Messaging: SMS outside a session, the message history, conversations.
	// Evo Voice's SendMessage at its route outside a session (the SendMessage above is its in-chat route).
	SendMessageToAddress: endpoint({
		method: 'POST',
		route: '/messages',
		repeat: 'change',
		mayHaveHappened: 'the message may have been sent',
		answer: one<MessageInfo>('the sent message ({"id": ...})'),
	}),
	ListMessages: endpoint({ method: 'GET', route: '/messages', repeat: 'read', answer: page<MessageInfo>('messages') }),
	ListConversations: endpoint({
		method: 'GET',
		route: '/conversations',
		repeat: 'read',
		answer: {
			expected: 'the list of conversations ({"conversations": [...]})',
			accepts: (body): body is { conversations: ConversationInfo[] } =>
				isRecord(body) && Array.isArray(body.conversations),
		},
	}),
	GetChatTranscript: endpoint({
		method: 'GET',
		route: '/sessions/{sessionId}/transcript',
		repeat: 'read',
		answer: {
			expected: 'a chat transcript ({"messages": [...]})',
			accepts: (body): body is GetChatTranscriptResponse =>
				isRecord(body) && Array.isArray(body.messages) && body.messages.every(isRecord),
		},
	}),
	// Files: the list of files, one file (its bytes come from the file's own address, not from here).
	ListFiles: endpoint({ method: 'GET', route: '/files', repeat: 'read', roles: FILE_ROLES, answer: page<FileInfo>('files') }),
	GetFile: endpoint({ method: 'GET', route: '/files/{fileId}', repeat: 'read', roles: FILE_ROLES, answer: one<FileInfo>('a file') }),
	NewOutgoingSession: endpoint({
		method: 'POST',
		route: '/sessions/outgoing',
		repeat: 'change',
		roles: ['Manager', 'SystemAdministrator'],
		mayHaveHappened: 'the call may have been placed',
		answer: orNothing({
			expected: 'a JSON object',
			accepts: (body): body is Record<string, unknown> => isRecord(body),
		}),
	}),
} as const;

export type EndpointName = keyof typeof ENDPOINTS;

/** The answer an endpoint gives, as its table entry checks it. */
export type AnswerOf<N extends EndpointName> = (typeof ENDPOINTS)[N]['answer'] extends AnswerShape<infer T> ? T : never;
