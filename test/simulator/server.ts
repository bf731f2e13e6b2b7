/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only server that runs in plain Node, never inside n8n */
/**
 * An in-memory Evo Voice: the routes the package uses, answering the way the real ServiceStack
 * API does as far as the seed pages and reference notes show (cookies, roles, error bodies).
 */
import { randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ChatTranscriptMessage,
	MessageInfo,
	ResponseStatus,
	SessionHoldReason,
	SessionInfo,
	SessionMemberInfo,
	UserInfo,
} from '../../nodes/EvoVoice/transport/dto';
import { SESSION_HOLD_REASONS } from '../../nodes/EvoVoice/transport/dto';
import type { Directory } from './directory';
import { createDirectory } from './directory';
import type { Fault, FaultContext } from './faults';
import type { DownloadFault, FileDownload, FileHome, StoredFile } from './files';
import { createFileStore } from './files';
import { answerWithFault } from './faults';
import type { Messaging } from './messaging';
import { createMessaging } from './messaging';
import { SEED_CLOCK_START, SEEDED_ACCOUNTS, buildSession, iso, seedSessions, sid } from './seed';

export interface RecordedRequest {
	method: string;
	/** The path exactly as received, still percent-encoded, without the query. */
	rawPath: string;
	/** The decoded path segments. */
	segments: string[];
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	cookies: Record<string, string>;
	body: unknown;
	/** API requests received before this one and not yet answered or dropped: shows concurrency. */
	unansweredBefore: number;
}

export interface SimulatorUser {
	id: string;
	email: string;
	password: string;
	name: string;
	roles: string[];
	accountIds: string[];
}

export interface RawAnswer {
	status?: number;
	contentType?: string;
	body: string;
}

export type LifecycleStep = 'ring' | 'connect' | 'hold' | 'conference' | 'end';

export interface Simulator {
	/** e.g. http://127.0.0.1:41234, without a trailing slash */
	url: string;
	/** Every API request received, in order (control routes excluded). */
	requests: RecordedRequest[];
	sessions: Map<string, SessionInfo>;
	/** Every session start and end since the last reset, in order: what a trigger must report once each. */
	history: Array<{ event: 'started' | 'ended'; id: string }>;
	clearRequests(): void;
	/** Forgets every sign-in, so the next API call gets 401. */
	expireSignIns(): void;
	/** The next `count` API requests (not /auth/*) answer `status` with a ServiceStack error. */
	failNext(count: number, status?: number): void;
	/**
	 * The next `count` requests to `route` get `fault` instead of an answer. A route is written
	 * as its method and pattern, e.g. `POST /sessions/:sessionId/hold` or `POST /auth/credentials`;
	 * `*` is every API route except sign-in.
	 */
	injectFault(route: string, fault: Fault, options?: Partial<FaultContext> & { count?: number }): void;
	/**
	 * Runs `hook` when the next API request for `rawPath` arrives, before it is answered: to change
	 * sessions between two requests, or (by returning an answer) to send a raw 2xx body instead.
	 */
	interceptNext(rawPath: string, hook: () => RawAnswer | void): void;
	addSession(partial?: Partial<SessionInfo>): SessionInfo;
	/**
	 * Switches how GET answers are written. Off (the default), each answer is computed when its
	 * request comes. On, as a server that has its answers ready: the first GET of a URL (by user,
	 * path and query in any order) is kept as bytes and every later one is written from them in
	 * one piece. Any other API request forgets them, since it may change what they say; a reset
	 * switches it off.
	 */
	prepareAnswers(on: boolean): void;
	/** Another origin (same machine, another port) that serves files without a sign-in, as storage does. */
	otherOriginUrl: string;
	/** Stored files (call recordings, voicemail, faxes…) by ID; each is served at its `uri`. */
	files: Map<string, StoredFile>;
	/** Chat transcripts by session ID. */
	transcripts: Map<string, ChatTranscriptMessage[]>;
	/** Every download of a served file, in order, with the origin it reached and the cookies it carried. */
	fileDownloads: FileDownload[];
	/** Stores a call recording of the session, served by the simulator itself. */
	addRecording(sessionId: string, partial?: Partial<StoredFile>): StoredFile;
	/** Stores a file (a voicemail arriving, say) at the simulator's clock, served where `home` says. */
	addFile(partial?: Partial<StoredFile> & { home?: FileHome }): StoredFile;
	/** The next download of the file goes wrong this way. */
	breakDownload(fileId: string, fault: DownloadFault): void;
	transition(sessionId: string, step: LifecycleStep): SessionInfo;
	/** Endpoints, flows and customers (directory.ts). */
	directory: Directory;
	/** SMS messages and conversations on the directory's phone numbers (messaging.ts). */
	messaging: Messaging;
	/** Back to the seeded sessions; requests, sign-ins and injected failures cleared. */
	reset(): void;
	close(): Promise<void>;
}

const ALL_ACCOUNT_IDS = SEEDED_ACCOUNTS.map((account) => account.id);

export const DEMO_USER: SimulatorUser = {
	id: 'usr-agent',
	email: 'agent@example.com',
	password: 'demo-password',
	name: 'Alex Agent',
	roles: ['User'],
	accountIds: [...ALL_ACCOUNT_IDS, 'acc-fixture'],
};

export const MANAGER_USER: SimulatorUser = {
	id: 'usr-manager',
	email: 'manager@example.com',
	password: 'demo-password',
	name: 'Morgan Manager',
	roles: ['Manager'],
	accountIds: [...ALL_ACCOUNT_IDS, 'acc-fixture'],
};

/** Another phone user: a credential edited from DEMO_USER to this login must act as this user. */
export const SECOND_AGENT_USER: SimulatorUser = {
	id: 'usr-agent-2',
	email: 'sam.second@example.com',
	password: 'second-password',
	name: 'Sam Second',
	roles: ['User'],
	accountIds: [...ALL_ACCOUNT_IDS, 'acc-fixture'],
};

/** A failure answered as ServiceStack does: the status and a `responseStatus` body. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly responseStatus: ResponseStatus,
	) {
		super(responseStatus.message);
	}
}

const notAuthenticated = () =>
	new ApiError(401, { errorCode: 'Unauthorized', message: 'Not Authenticated' });
const invalidRole = () => new ApiError(403, { errorCode: 'Forbidden', message: 'Invalid Role' });
export const argument = (message: string) => new ApiError(400, { errorCode: 'ArgumentException', message });
export const notEmpty = (field: string) => {
	const message = `'${field}' must not be empty.`;
	return new ApiError(400, {
		errorCode: 'NotEmpty',
		message,
		errors: [{ errorCode: 'NotEmpty', fieldName: field, message }],
	});
};
export const unbindable = (requestName: string, field: string, message: string) =>
	new ApiError(400, {
		errorCode: 'SerializationException',
		message: `Unable to bind to request '${requestName}'`,
		errors: [{ errorCode: 'SerializationException', fieldName: field, message }],
	});

export interface RouteContext {
	params: Record<string, string>;
	query: Record<string, string>;
	body: Record<string, unknown>;
	user: SimulatorUser | undefined;
	response: ServerResponse;
}

export interface Route {
	method: string;
	/** Literal segments, or `:name` for a path parameter. */
	pattern: string[];
	signedIn: boolean;
	role?: string;
	/** "Requires any of the roles": the user needs at least one. */
	anyRole?: string[];
	handle(context: RouteContext): unknown;
}

/** A route of a signed-in user, from a file of its own (directory.ts). */
export type DirectoryRoute = Pick<Route, 'method' | 'pattern' | 'anyRole'> & {
	handle(context: Omit<RouteContext, 'user'> & { user: SimulatorUser }): unknown;
};

function parseCookies(header: string | undefined): Record<string, string> {
	const cookies: Record<string, string> = {};
	for (const part of (header ?? '').split(';')) {
		const separator = part.indexOf('=');
		if (separator > 0) cookies[part.slice(0, separator).trim()] = part.slice(separator + 1).trim();
	}
	return cookies;
}

function matchRoute(routes: Route[], method: string, segments: string[]) {
	for (const route of routes) {
		if (route.method !== method || route.pattern.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = route.pattern.every((part, index) => {
			if (part.startsWith(':')) {
				params[part.slice(1)] = segments[index];
				return true;
			}
			return part === segments[index];
		});
		if (matches) return { route, params };
	}
	return undefined;
}

/** A request's whole body as UTF-8 text. */
export async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** An answer that is not JSON: an empty 204, or a file's bytes. */
class NonJsonAnswer {
	constructor(
		readonly status: number,
		readonly contentType?: string,
		readonly body?: Buffer,
	) {}
}

const NO_CONTENT = new NonJsonAnswer(204);

function sendJsonBytes(response: ServerResponse, bytes: Buffer) {
	response.statusCode = 200;
	response.setHeader('Content-Type', 'application/json; charset=utf-8');
	response.end(bytes);
}

function send(response: ServerResponse, status: number, body: unknown) {
	if (body instanceof NonJsonAnswer) {
		response.statusCode = body.status;
		if (body.contentType) response.setHeader('Content-Type', body.contentType);
		response.end(body.body);
		return;
	}
	response.statusCode = status;
	response.setHeader('Content-Type', 'application/json; charset=utf-8');
	response.end(JSON.stringify(body));
}

export function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** One page of `matching` as ListRequest asks for it (`page`, `countPerPage`, `simplifiedPaging`), as a ListResponse. */
export function pageOf<T>(matching: T[], query: Record<string, string>) {
	const countPerPage = Math.max(1, Number(query.countPerPage) || 25);
	const page = Math.max(0, Number(query.page) || 0);
	const simplified = query.simplifiedPaging === 'true';
	return {
		items: matching.slice(page * countPerPage, (page + 1) * countPerPage),
		totalCount: simplified ? 0 : matching.length,
		totalPages: simplified ? 0 : Math.ceil(matching.length / countPerPage),
		hasMorePages: (page + 1) * countPerPage < matching.length,
	};
}

/** `YYYY-MM-DD` or an ISO date-time as milliseconds, or undefined when it is not a date. */
function parseDate(value: string): number | undefined {
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

export async function startSimulator(
	options: { port?: number; host?: string; users?: SimulatorUser[] } = {},
): Promise<Simulator> {
	const users = options.users ?? [DEMO_USER, MANAGER_USER, SECOND_AGENT_USER];
	const sessions = new Map<string, SessionInfo>();
	const requests: RecordedRequest[] = [];
	const history: Simulator['history'] = [];
	/** ss-id and ss-pid values of live sign-ins. */
	const signIns = new Map<string, SimulatorUser>();
	let clock = SEED_CLOCK_START;
	let createdCount = 0;
	let injectedFailures = { remaining: 0, status: 503 };
	let unanswered = 0;
	let injectedFaults: Array<{ route: string; fault: Fault; remaining: number; context: FaultContext }> = [];

	function injectFault(route: string, fault: Fault, options: Partial<FaultContext> & { count?: number } = {}) {
		injectedFaults.push({
			route,
			fault,
			remaining: options.count ?? 1,
			context: { otherOrigin: options.otherOrigin ?? 'http://127.0.0.1:9', retryAfterSeconds: options.retryAfterSeconds ?? 0 },
		});
	}

	/** The fault waiting for this request, if any; it is used up. */
	function takeFault(method: string, pattern: string[]) {
		const key = `${method} /${pattern.join('/')}`;
		const index = injectedFaults.findIndex(
			(entry) => entry.remaining > 0 && (entry.route === key || (entry.route === '*' && pattern[0] !== 'auth')),
		);
		if (index < 0) return undefined;
		const entry = injectedFaults[index];
		entry.remaining--;
		if (entry.remaining === 0) injectedFaults.splice(index, 1);
		return entry;
	}
	const intercepts: Array<{ rawPath: string; hook: () => RawAnswer | void }> = [];
	const transcripts = new Map<string, ChatTranscriptMessage[]>();
	let messageCount = 0;
	/** Set once the servers listen: served file URIs are absolute, as Evo Voice's are. */
	let baseUrl = '';
	let otherOriginUrl = '';
	let otherOriginPort = -1;
	const fileStore = createFileStore({
		now: () => clock,
		evoVoiceUrl: () => baseUrl,
		otherOriginUrl: () => otherOriginUrl,
		apiError: (status, responseStatus) => new ApiError(status, responseStatus),
	});
	const { files } = fileStore;

	const tick = () => iso((clock += 1000));
	const directory = createDirectory(
		{
			notFound: (message) => new ApiError(404, { errorCode: 'NotFound', message }),
			notEmpty,
			invalidField: (field, message) =>
				new ApiError(400, { errorCode: 'ArgumentException', message, errors: [{ errorCode: 'ArgumentException', fieldName: field, message }] }),
		},
		tick,
	);
	const messaging = createMessaging({ tick }, directory.endpoints);

	function reset() {
		sessions.clear();
		history.length = 0;
		for (const session of seedSessions()) sessions.set(session.id, session);
		requests.length = 0;
		signIns.clear();
		clock = SEED_CLOCK_START;
		createdCount = 0;
		injectedFailures = { remaining: 0, status: 503 };
		injectedFaults = [];
		intercepts.length = 0;
		preparedAnswers = undefined;
		seedLifecycle();
		directory.reset();
		messaging.reset();
	}

	function visibleSession(user: SimulatorUser | undefined, sessionId: string): SessionInfo {
		const session = sessions.get(sessionId);
		if (!session || !user?.accountIds.includes(session.accountId)) {
			throw new ApiError(404, { errorCode: 'NotFound', message: `Session '${sessionId}' does not exist` });
		}
		return session;
	}

	function touch(session: SessionInfo, message: string, userName = 'system') {
		const now = tick();
		session.dateLastModified = now;
		session.lastModifiedBy = userName;
		session.log.push({ date: now, message });
	}

	function requireLiveVoice(session: SessionInfo, notVoiceMessage: string) {
		if (session.ended) throw argument('The session has already ended');
		if (session.channel !== 'Voice') throw argument(notVoiceMessage);
	}

	function hold(session: SessionInfo, reason: SessionHoldReason, user: SimulatorUser, callSid?: string) {
		const target = callSid
			? session.members.find((entry) => entry.callSid === callSid)
			: session.members.find((entry) => entry.isOriginalMember);
		if (callSid && !target) throw argument(`Call '${callSid}' is not part of this session`);
		// Holding a held call changes nothing, so it writes nothing to the log either.
		if (session.callState === 'Hold' && session.holdReason === reason && (!target || target.callState === 'Hold')) return;
		if (target) target.callState = 'Hold';
		session.callState = 'Hold';
		session.queueState = 'Hold';
		session.holdReason = reason;
		session.heldByUserId = user.id;
		session.holdQueueName = 'Default Hold Queue';
		touch(session, `Call put on hold by ${user.name} (${reason})`, user.email);
	}

	function addConferenceMember(session: SessionInfo, destination: string, fromNumber?: string) {
		if (session.conferenceSid === '') session.conferenceSid = sid('CF', `${session.id}/conference`);
		const callSid = sid('CA', `${session.id}/member/${session.members.length}/${destination}`);
		const added: SessionMemberInfo = {
			identity: destination,
			endpointId: '',
			displayName: destination,
			isOriginalMember: false,
			avatarUrl: '',
			applicationData: fromNumber ? { fromNumber } : {},
			callState: 'Ringing',
			role: 'Transfer',
			callSid,
			muted: false,
		};
		session.members.push(added);
		session.mostRecentParticipantCallSid = callSid;
		touch(session, `Dialing ${destination} into the conference`);
	}

	function endSession(session: SessionInfo) {
		if (!session.ended) history.push({ event: 'ended', id: session.id });
		session.ended = true;
		session.callState = 'Disconnected';
		session.queueState = 'Disconnected';
		session.members.forEach((entry) => (entry.callState = 'None'));
		touch(session, 'Session ended');
		session.dateCompleted = session.dateLastModified;
	}

	function addSession(partial: Partial<SessionInfo> = {}): SessionInfo {
		const id = partial.id ?? `ses-${String(1000 + ++createdCount).padStart(4, '0')}`;
		const createdAt = partial.dateCreated ? Date.parse(partial.dateCreated) : (clock += 1000);
		const session = buildSession({ ...partial, id }, createdAt);
		sessions.set(id, session);
		history.push({ event: 'started', id });
		if (session.ended) history.push({ event: 'ended', id });
		return session;
	}

	/** Evo Voice moves sessions older than about 15 days to an archive that only searchArchive reads. */
	const ARCHIVE_AFTER_MS = 15 * 86_400_000;
	const isArchived = (session: SessionInfo) => Date.parse(session.dateCreated) < clock - ARCHIVE_AFTER_MS;

	function addRecording(sessionId: string, partial: Partial<StoredFile> = {}): StoredFile {
		const session = sessions.get(sessionId);
		return fileStore.add({
			dateCreated: session?.dateCompleted || session?.dateCreated || iso(clock),
			accountId: session?.accountId ?? SEEDED_ACCOUNTS[0].id,
			customerId: session?.customerId ?? '',
			sessionId,
			type: 'CallRecording',
			fromAddress: session?.fromAddress ?? '',
			toAddress: session?.toAddress ?? '',
			...partial,
		});
	}

	function chatMessage(date: string, from: string, body: string): ChatTranscriptMessage {
		return { date, from, body, mediaUri: '', mediaContentType: '' };
	}

	/** The recordings of the ended seeded call and the messages of the seeded chats. */
	function seedLifecycle() {
		fileStore.clear();
		transcripts.clear();
		messageCount = 0;
		for (const session of sessions.values()) {
			if (session.channel === 'Voice' && session.ended && !session.wasMissed) addRecording(session.id);
			if (session.channel === 'Chat') {
				const start = Date.parse(session.dateCreated);
				transcripts.set(session.id, [
					chatMessage(iso(start), session.fromAddress, `Hi, this is ${session.fromName}. I have a question about my order.`),
					chatMessage(iso(start + 60_000), 'agent@example.com', 'Happy to help! What is the order number?'),
				]);
			}
		}
		fileStore.seed();
	}

	function liveChat(user: SimulatorUser | undefined, sessionId: string): SessionInfo {
		const session = visibleSession(user, sessionId);
		if (session.ended) throw argument('The session has already ended');
		if (session.channel !== 'Chat') throw argument('This operation is only for chat sessions');
		return session;
	}

	const E164 = /^\+[1-9][0-9]{6,14}$/;

	const lifecycle: Record<LifecycleStep, (session: SessionInfo) => void> = {
		ring: (session) => {
			session.callState = 'Ringing';
			session.queueState = 'Ringing';
			touch(session, 'Ringing agents');
		},
		connect: (session) => {
			session.callState = 'Connected';
			session.queueState = 'Connected';
			session.answeredByName = 'Alex Agent';
			session.members.forEach((entry) => (entry.callState = 'Connected'));
			touch(session, 'Answered by Alex Agent');
		},
		hold: (session) => hold(session, 'None', DEMO_USER),
		conference: (session) => addConferenceMember(session, '+15555550199'),
		end: endSession,
	};

	function transition(sessionId: string, step: LifecycleStep): SessionInfo {
		const session = sessions.get(sessionId);
		if (!session) throw new Error(`No session ${sessionId}`);
		lifecycle[step](session);
		return session;
	}

	function userInfo(user: SimulatorUser): UserInfo {
		const [firstName, ...rest] = user.name.split(' ');
		return {
			id: user.id,
			isAuthenticated: true,
			firstName,
			lastName: rest.join(' '),
			name: user.name,
			avatarUrl: '',
			emailAddress: user.email,
			roles: user.roles,
			accountIds: user.accountIds,
			accountNames: user.accountIds.map(
				(accountId) => SEEDED_ACCOUNTS.find((account) => account.id === accountId)?.name ?? accountId,
			),
		};
	}

	const apiRoutes: Route[] = [
		...messaging.apiRoutes,
		{
			method: 'POST',
			pattern: ['auth', 'credentials'],
			signedIn: false,
			handle: ({ body, response }) => {
				const userName = text(body.userName);
				const password = typeof body.password === 'string' ? body.password : '';
				if (userName === '') throw notEmpty('UserName');
				if (password === '') throw notEmpty('Password');
				const user = users.find(
					(candidate) => candidate.email.toLowerCase() === userName.toLowerCase() && candidate.password === password,
				);
				if (!user) throw new ApiError(401, { errorCode: 'Unauthorized', message: 'Invalid Username or Password' });
				const sessionId = randomBytes(15).toString('base64url');
				const permanentId = randomBytes(15).toString('base64url');
				signIns.set(sessionId, user);
				signIns.set(permanentId, user);
				const expires = new Date(clock + 20 * 365 * 86_400_000).toUTCString();
				response.setHeader('Set-Cookie', [
					`ss-id=${sessionId}; path=/; samesite=lax; httponly`,
					`ss-pid=${permanentId}; expires=${expires}; path=/; samesite=lax; httponly`,
					...(body.rememberMe === true ? [`ss-opt=perm; expires=${expires}; path=/; samesite=lax; httponly`] : []),
				]);
				return {
					userId: user.id,
					sessionId,
					userName: user.email,
					displayName: user.name,
					roles: user.roles,
					permissions: [],
				};
			},
		},
		{
			method: 'GET',
			pattern: ['auth', 'status'],
			signedIn: false,
			handle: ({ user }) =>
				user ? userInfo(user) : { isAuthenticated: false, roles: [], accountIds: [], accountNames: [] },
		},
		{
			method: 'GET',
			pattern: ['portal', 'active-sessions'],
			signedIn: true,
			handle: ({ query, user }) => {
				const startDate = query.startDate ? parseDate(query.startDate) : undefined;
				if (query.startDate && startDate === undefined) {
					throw unbindable('AppGetActiveSessions', 'StartDate', `'${query.startDate}' is not a valid date`);
				}
				const live = [...sessions.values()].filter(
					(session) =>
						!session.ended &&
						user!.accountIds.includes(session.accountId) &&
						(!query.accountId || session.accountId === query.accountId) &&
						(!query.customerId || session.customerId === query.customerId) &&
						(startDate === undefined || Date.parse(session.dateCreated) >= startDate),
				);
				live.sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
				return { sessions: live };
			},
		},
		{
			method: 'GET',
			pattern: ['sessions'],
			signedIn: true,
			handle: ({ query, user }) => listSessions(query, user!),
		},
		{
			method: 'GET',
			pattern: ['sessions', ':sessionId'],
			signedIn: true,
			handle: ({ params, user }) => {
				const session = visibleSession(user, params.sessionId);
				// GetSession reads live sessions only; archived ones answer as unknown.
				if (isArchived(session)) {
					throw new ApiError(404, { errorCode: 'NotFound', message: `Session '${session.id}' does not exist` });
				}
				return { ...session, log: [] };
			},
		},
		{
			method: 'POST',
			pattern: ['sessions', ':sessionId', 'hold'],
			signedIn: true,
			role: 'User',
			handle: ({ params, body, user }) => {
				const session = visibleSession(user, params.sessionId);
				const reason = body.reason ?? 'None';
				if (!SESSION_HOLD_REASONS.includes(reason as SessionHoldReason)) {
					throw unbindable('HoldSession', 'Reason', `'${String(reason)}' is not a valid SessionHoldReasons`);
				}
				requireLiveVoice(session, 'Only voice sessions can be held');
				hold(session, reason as SessionHoldReason, user!, text(body.callSid) || undefined);
				return session;
			},
		},
		{
			method: 'POST',
			pattern: ['sessions', ':sessionId', 'conference', 'members'],
			signedIn: true,
			handle: ({ params, body, user }) => {
				const destination = text(body.destination);
				if (destination === '') throw notEmpty('Destination');
				const session = visibleSession(user, params.sessionId);
				requireLiveVoice(session, 'Conference members can only be added to voice sessions');
				addConferenceMember(session, destination, text(body.fromNumber) || undefined);
				return session;
			},
		},
		{
			method: 'POST',
			pattern: ['sessions', ':sessionId', 'members'],
			signedIn: true,
			role: 'User',
			handle: ({ params, body, user }) => {
				const memberToAdd = text(body.memberToAdd);
				if (memberToAdd === '') throw notEmpty('MemberToAdd');
				const session = visibleSession(user, params.sessionId);
				if (session.ended) throw argument('The session has already ended');
				if (session.channel !== 'Chat') throw argument('Chat members can only be invited to chat sessions');
				if (session.members.some((entry) => entry.identity === memberToAdd)) {
					throw argument(`'${memberToAdd}' is already a member of this chat`);
				}
				session.members.push({
					identity: memberToAdd,
					endpointId: '',
					displayName: memberToAdd,
					isOriginalMember: false,
					avatarUrl: '',
					applicationData: text(body.callerId) ? { callerId: text(body.callerId) } : {},
					callState: 'None',
					role: memberToAdd.includes('@') ? 'Agent' : 'None',
					callSid: '',
					muted: false,
				});
				touch(session, `${memberToAdd} was invited by ${user!.name}`, user!.email);
				return session;
			},
		},

		{
			method: 'DELETE',
			pattern: ['sessions', ':sessionId'],
			signedIn: true,
			role: 'User',
			handle: ({ params, query, user }) => {
				const session = visibleSession(user, params.sessionId);
				if (session.ended) throw argument('The session has already ended');
				const callSid = text(query.callSid);
				const member = callSid ? session.members.find((entry) => entry.callSid === callSid) : undefined;
				if (callSid && !member) throw argument(`Call '${callSid}' is not part of this session`);
				if (member && !member.isOriginalMember) {
					// Hanging up one leg (e.g. a conference member) leaves the session running.
					member.callState = 'None';
					touch(session, `Call ${callSid} ended by ${user!.name}`, user!.email);
				} else {
					endSession(session);
					session.outcome = 'Completed';
				}
				return NO_CONTENT;
			},
		},
		{
			method: 'POST',
			pattern: ['sessions', ':sessionId', 'redirect'],
			signedIn: true,
			role: 'User',
			handle: ({ params, body, user }) => {
				const destination = text(body.destination);
				if (destination === '') throw notEmpty('Destination');
				const session = visibleSession(user, params.sessionId);
				requireLiveVoice(session, 'Only voice sessions can be redirected');
				// A blind transfer: everyone but the caller leaves, the destination is dialled.
				session.members = session.members.filter((entry) => entry.isOriginalMember);
				session.members.push({
					identity: destination,
					endpointId: '',
					displayName: destination,
					isOriginalMember: false,
					avatarUrl: '',
					applicationData: text(body.callerId) ? { callerId: text(body.callerId) } : {},
					callState: 'Ringing',
					role: 'Transfer',
					callSid: sid('CA', `${session.id}/redirect/${destination}`),
					muted: false,
				});
				session.destination = destination;
				session.callState = 'Ringing';
				session.queueState = 'Ringing';
				session.answeredByName = '';
				session.answeredById = '';
				touch(session, `Redirected to ${destination} by ${user!.name}`, user!.email);
				return NO_CONTENT;
			},
		},
		{
			method: 'POST',
			pattern: ['sessions', ':sessionId', 'messages'],
			signedIn: true,
			role: 'User',
			handle: ({ params, body, user }): MessageInfo => {
				const messageBody = typeof body.body === 'string' ? body.body : '';
				if (messageBody.trim() === '') throw notEmpty('Body');
				const session = liveChat(user, params.sessionId);
				const date = tick();
				const transcript = transcripts.get(session.id) ?? [];
				transcript.push(chatMessage(date, user!.email, messageBody));
				transcripts.set(session.id, transcript);
				touch(session, `Message sent by ${user!.name}`, user!.email);
				return {
					id: `msg-${String(++messageCount).padStart(4, '0')}`,
					accountId: session.accountId,
					customerId: session.customerId,
					endpointId: session.endpointId,
					endpointDisplayName: session.endpointName,
					date,
					direction: 'Outgoing',
					otherAddress: session.fromAddress,
					sender: user!.name,
					text: messageBody,
					isUnread: false,
				};
			},
		},
		{
			method: 'GET',
			pattern: ['sessions', ':sessionId', 'transcript'],
			signedIn: true,
			role: 'User',
			handle: ({ params, query, user }) => {
				const session = visibleSession(user, params.sessionId);
				if (session.channel !== 'Chat') throw argument('Only chat sessions have a transcript');
				const messages = [...(transcripts.get(session.id) ?? [])];
				if (query.includeHistorical === 'true') {
					const cutOff = query.historicalCutOffDate ? parseDate(query.historicalCutOffDate) : clock - 183 * 86_400_000;
					if (cutOff === undefined) {
						throw unbindable('GetChatTranscript', 'HistoricalCutOffDate', `'${query.historicalCutOffDate}' is not a valid date`);
					}
					const earlier = [...sessions.values()]
						.filter(
							(other) =>
								other.id !== session.id &&
								other.channel === 'Chat' &&
								other.fromAddress === session.fromAddress &&
								other.dateCreated < session.dateCreated,
						)
						.flatMap((other) => transcripts.get(other.id) ?? [])
						.filter((message) => Date.parse(message.date) >= cutOff);
					messages.unshift(...earlier);
				}
				return { messages };
			},
		},
		{
			method: 'DELETE',
			pattern: ['sessions', ':sessionId', 'members', ':memberId'],
			signedIn: true,
			role: 'User',
			handle: ({ params, query, user }) => {
				// The DTO has no MemberId property: ServiceStack binds `memberToRemove` from the query.
				const memberToRemove = text(query.memberToRemove);
				if (memberToRemove === '') throw notEmpty('MemberToRemove');
				const session = liveChat(user, params.sessionId);
				const member = session.members.find((entry) => entry.identity === memberToRemove);
				if (!member) throw argument(`'${memberToRemove}' is not a member of this chat`);
				if (member.isOriginalMember) throw argument('The customer who started the chat cannot be removed');
				session.members = session.members.filter((entry) => entry !== member);
				touch(session, `${memberToRemove} was removed by ${user!.name}`, user!.email);
				return session;
			},
		},
		{
			method: 'GET',
			pattern: ['files'],
			signedIn: true,
			anyRole: ['SystemAdministrator', 'Manager', 'Customer'],
			handle: ({ query, user }) => fileStore.list(query, user!.accountIds),
		},
		{
			method: 'GET',
			pattern: ['files', ':fileId'],
			signedIn: true,
			anyRole: ['SystemAdministrator', 'Manager', 'Customer'],
			handle: ({ params, user }) => fileStore.get(params.fileId, user!.accountIds),
		},
		{
			method: 'POST',
			pattern: ['sessions', 'outgoing'],
			signedIn: true,
			anyRole: ['Manager', 'SystemAdministrator'],
			handle: ({ body, user }) => {
				const flowId = text(body.flowId);
				const numberToDial = text(body.numberToDial);
				const callerId = text(body.callerId);
				if (flowId === '') throw notEmpty('FlowId');
				if (numberToDial === '') throw notEmpty('NumberToDial');
				if (!E164.test(numberToDial)) throw argument(`'${numberToDial}' is not an E164 phone number`);
				if (!directory.visibleFlow(user!, flowId)) throw argument(`'${flowId}' is not one of your flows`);
				if (callerId && !directory.ownsNumber(user!, callerId)) throw argument(`'${callerId}' is not one of your phone numbers`);
				const session = addSession({
					accountId: user!.accountIds[0],
					channel: 'Voice',
					direction: 'Outgoing',
					callState: 'Ringing',
					queueState: 'None',
					fromAddress: callerId || '+15555550100',
					fromName: '',
					displayName: numberToDial,
					toAddress: numberToDial,
					destination: numberToDial,
					consoleData: JSON.stringify({ flowId }),
				});
				touch(session, `Outgoing call to ${numberToDial} for flow ${flowId}`, user!.email);
				return NO_CONTENT;
			},
		},
	];

	for (const route of directory.routes) {
		apiRoutes.push({ ...route, signedIn: true, handle: (context) => route.handle({ ...context, user: context.user! }) });
	}

	/** ListSessions: live and ended sessions with ServiceStack's ListRequest paging. */
	function listSessions(query: Record<string, string>, user: SimulatorUser) {
		const list = (name: string) => (query[name] ? query[name].split(',').filter(Boolean) : []);
		const day = (value: string) => value.slice(0, 10);
		const accountIds = list('accountIds');
		const customerIds = list('customerIds');
		const specificIds = list('specificIds');
		const endpointIds = list('endpointIds');
		const matching = [...sessions.values()].filter(
			(session) =>
				user.accountIds.includes(session.accountId) &&
				(accountIds.length === 0 || accountIds.includes(session.accountId)) &&
				(customerIds.length === 0 || customerIds.includes(session.customerId)) &&
				(specificIds.length === 0 || specificIds.includes(session.id)) &&
				(!query.startDate || day(session.dateCreated) >= query.startDate) &&
				(!query.endDate || day(session.dateCreated) <= query.endDate) &&
				(query.searchArchive === 'true') === isArchived(session) &&
				(endpointIds.length === 0 || endpointIds.includes(session.endpointId)) &&
				(!query.from || session.fromAddress.includes(query.from) || session.fromName.includes(query.from)) &&
				(!query.to || session.toAddress.includes(query.to)) &&
				(!query.log || session.log.some((entry) => entry.message.includes(query.log))) &&
				(!query.parentSessionId ||
					(session as SessionInfo & { parentSessionId?: string }).parentSessionId === query.parentSessionId),
		);
		const sortField = (query.sortField || 'DateCreated').replace(/^./, (first) => first.toLowerCase());
		const direction = query.sortOrder === 'Ascend' ? 1 : -1;
		matching.sort(
			(a, b) =>
				direction *
				String((a as unknown as Record<string, unknown>)[sortField] ?? '').localeCompare(
					String((b as unknown as Record<string, unknown>)[sortField] ?? ''),
				),
		);
		const countPerPage = Math.max(1, Number(query.countPerPage) || 25);
		const page = Math.max(0, Number(query.page) || 0);
		const items = query.all === 'true' ? matching : matching.slice(page * countPerPage, (page + 1) * countPerPage);
		const simplified = query.simplifiedPaging === 'true';
		const totalPages = Math.ceil(matching.length / countPerPage);
		return {
			items,
			totalCount: simplified ? 0 : matching.length,
			totalPages: simplified ? 0 : totalPages,
			hasMorePages: query.all !== 'true' && (page + 1) * countPerPage < matching.length,
		};
	}

	const controlRoutes: Route[] = [
		...messaging.controlRoutes,
		{ method: 'POST', pattern: ['__simulator', 'reset'], signedIn: false, handle: () => (reset(), {}) },
		{
			method: 'POST',
			pattern: ['__simulator', 'sessions'],
			signedIn: false,
			handle: ({ body }) => addSession(body as Partial<SessionInfo>),
		},
		{
			method: 'POST',
			pattern: ['__simulator', 'sessions', ':sessionId', 'transition'],
			signedIn: false,
			handle: ({ params, body }) => transition(params.sessionId, body.step as LifecycleStep),
		},
		{
			method: 'POST',
			pattern: ['__simulator', 'fail'],
			signedIn: false,
			handle: ({ body }) => {
				injectedFailures = { remaining: Number(body.count) || 1, status: Number(body.status) || 503 };
				return {};
			},
		},
		{
			method: 'POST',
			pattern: ['__simulator', 'fault'],
			signedIn: false,
			handle: ({ body }) => {
				injectFault(String(body.route), body.fault as Fault, {
					count: Number(body.count) || 1,
					...(typeof body.otherOrigin === 'string' ? { otherOrigin: body.otherOrigin } : {}),
					...(typeof body.retryAfterSeconds === 'number' ? { retryAfterSeconds: body.retryAfterSeconds } : {}),
				});
				return {};
			},
		},
		{
			method: 'POST',
			pattern: ['__simulator', 'expire-sign-ins'],
			signedIn: false,
			handle: () => (signIns.clear(), {}),
		},
		{ method: 'GET', pattern: ['__simulator', 'requests'], signedIn: false, handle: () => requests },
		{
			method: 'POST',
			pattern: ['__simulator', 'voicemail'],
			signedIn: false,
			// A voicemail arrives now (at the simulator's clock), on the Evo Voice origin unless told.
			handle: ({ body }) =>
				fileStore.answer(
					fileStore.add({
						type: 'VoiceMessage',
						dateCreated: tick(),
						fromAddress: '+15555550142',
						toAddress: '+15555550100',
						transcription: 'Hello, this is a new voicemail from the simulator.',
						...(body as Partial<StoredFile> & { home?: FileHome }),
					}),
				),
		},
		{
			method: 'DELETE',
			pattern: ['__simulator', 'requests'],
			signedIn: false,
			handle: () => ((requests.length = 0), {}),
		},
	];

	function signedInUser(request: IncomingMessage, cookies: Record<string, string>): SimulatorUser | undefined {
		const headerId = request.headers['x-ss-id'];
		const candidates = [
			cookies['ss-id'],
			cookies['ss-opt'] === 'perm' ? cookies['ss-pid'] : undefined,
			typeof headerId === 'string' ? headerId : undefined,
		];
		for (const candidate of candidates) {
			const user = candidate ? signIns.get(candidate) : undefined;
			if (user) return user;
		}
		return undefined;
	}

	/** The GET answers kept as bytes while prepareAnswers is on. */
	let preparedAnswers: Map<string, Buffer> | undefined;

	function preparedKeyOf(user: SimulatorUser | undefined, rawPath: string, query: Record<string, string>): string {
		const sortedQuery = Object.entries(query).sort(([a], [b]) => a.localeCompare(b));
		return JSON.stringify([user?.id ?? '', rawPath, sortedQuery]);
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const [rawPath, rawQuery = ''] = (request.url ?? '/').split('?', 2);
		const method = request.method ?? 'GET';
		const segments = rawPath.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
		const query = Object.fromEntries(new URLSearchParams(rawQuery));
		const cookies = parseCookies(request.headers.cookie);
		const rawBody = await readBody(request);
		let body: unknown;
		let bodyError: ApiError | undefined;
		if (rawBody.trim() !== '') {
			try {
				body = JSON.parse(rawBody);
			} catch {
				bodyError = new ApiError(400, { errorCode: 'SerializationException', message: 'Could not deserialize the request body' });
			}
		}
		const isControl = segments[0] === '__simulator';
		const origin = request.socket.localPort === otherOriginPort ? 'otherOrigin' : 'evoVoice';
		if (method === 'GET' && isControl && segments[1] === 'files') {
			try {
				fileStore.serve(segments, origin, cookies, signedInUser(request, cookies) !== undefined, response);
			} catch (error) {
				const failure = error instanceof ApiError ? error : new ApiError(500, { errorCode: 'Error', message: String(error) });
				send(response, failure.status, { responseStatus: failure.responseStatus });
			}
			return;
		}
		if (!isControl && method !== 'GET') preparedAnswers?.clear();
		if (!isControl) {
			requests.push({ method, rawPath, segments, query, headers: { ...request.headers }, cookies, body, unansweredBefore: unanswered });
			unanswered++;
			response.once('close', () => unanswered--);
		}
		try {
			if (bodyError) throw bodyError;
			const matched = matchRoute(isControl ? controlRoutes : apiRoutes, method, segments);
			if (!matched) {
				throw new ApiError(404, {
					errorCode: 'NotFound',
					message: `Handler for Request not found (404):\n  Request.HttpMethod: ${method}\n  Request.PathInfo: ${rawPath}`,
				});
			}
			const fault = isControl ? undefined : takeFault(method, matched.route.pattern);
			if (fault) {
				answerWithFault(fault.fault, response, rawPath, fault.context);
				return;
			}
			if (!isControl && segments[0] !== 'auth' && injectedFailures.remaining > 0) {
				injectedFailures.remaining--;
				throw new ApiError(injectedFailures.status, {
					errorCode: 'ServiceUnavailable',
					message: 'The service is temporarily unavailable',
				});
			}
			const intercept = intercepts.findIndex((entry) => entry.rawPath === rawPath);
			if (!isControl && intercept >= 0) {
				const raw = intercepts.splice(intercept, 1)[0].hook();
				if (raw) {
					response.statusCode = raw.status ?? 200;
					response.setHeader('Content-Type', raw.contentType ?? 'application/json; charset=utf-8');
					response.end(raw.body);
					return;
				}
			}
			const user = signedInUser(request, cookies);
			if (matched.route.signedIn && !user) throw notAuthenticated();
			if (matched.route.role && !user?.roles.includes(matched.route.role)) throw invalidRole();
			if (matched.route.anyRole && !matched.route.anyRole.some((role) => user?.roles.includes(role))) {
				throw invalidRole();
			}
			const preparedKey = preparedAnswers && method === 'GET' ? preparedKeyOf(user, rawPath, query) : undefined;
			const prepared = preparedKey === undefined ? undefined : preparedAnswers?.get(preparedKey);
			if (prepared) {
				sendJsonBytes(response, prepared);
				return;
			}
			const result = await matched.route.handle({
				params: matched.params,
				query,
				body: (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>,
				user,
				response,
			});
			if (preparedKey !== undefined && !(result instanceof NonJsonAnswer)) {
				const bytes = Buffer.from(JSON.stringify(result));
				preparedAnswers?.set(preparedKey, bytes);
				sendJsonBytes(response, bytes);
				return;
			}
			send(response, 200, result);
		} catch (error) {
			if (error instanceof ApiError) {
				send(response, error.status, { responseStatus: error.responseStatus });
			} else {
				const failure = error as Error;
				send(response, 500, { responseStatus: { errorCode: failure.name, message: failure.message } });
			}
		}
	}

	reset();
	const listener = (request: IncomingMessage, response: ServerResponse) => {
		void handle(request, response);
	};
	const server = createServer(listener);
	// The other origin: the same handler on another port, where files are served without a sign-in.
	const otherOrigin = createServer(listener);
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	await new Promise<void>((resolve) => otherOrigin.listen(0, options.host ?? '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	otherOriginPort = (otherOrigin.address() as AddressInfo).port;
	baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
	otherOriginUrl = `http://${options.host ?? '127.0.0.1'}:${otherOriginPort}`;

	return {
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		requests,
		sessions,
		history,
		clearRequests: () => {
			requests.length = 0;
		},
		expireSignIns: () => signIns.clear(),
		failNext: (count, status = 503) => {
			injectedFailures = { remaining: count, status };
		},
		injectFault,
		interceptNext: (rawPath, hook) => {
			intercepts.push({ rawPath, hook });
		},
		addSession,
		prepareAnswers: (on) => {
			preparedAnswers = on ? new Map() : undefined;
		},
		otherOriginUrl,
		files,
		transcripts,
		fileDownloads: fileStore.downloads,
		addRecording,
		addFile: (partial) => fileStore.add(partial),
		breakDownload: (fileId, fault) => fileStore.breakDownload(fileId, fault),
		transition,
		directory,
		messaging,
		reset,
		close: async () => {
			for (const each of [server, otherOrigin]) {
				each.closeAllConnections();
				await new Promise<void>((resolve) => each.close(() => resolve()));
			}
		},
	};
}
