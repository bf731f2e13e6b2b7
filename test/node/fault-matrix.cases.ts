/**
 * The fault matrix as data: the operations, the faults, and what a user must see for each.
 * The jest suite runs it; `npm run reliability` runs that suite and writes the results to
 * docs/RELIABILITY.md.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../simulator/faults';

export interface MatrixOperation {
	name: string;
	/** The simulator route the operation calls, as faults are injected. */
	route: string;
	/** How the operation's request is written down: method and first path segment. */
	request: string;
	channel: 'Voice' | 'Chat';
	parameters: IDataObject;
	/** What sending it again would do, as the endpoint table says: decides every retry. */
	repeat: 'read' | 'idempotent' | 'change';
	/** The requests a successful item makes, when more than its own (End and Transfer read the session back). */
	successRequests?: string[];
	/** Whether an empty 2xx is a success (EndSession and RedirectSession may answer with no body). */
	acceptsEmpty?: boolean;
}

const requestsOfSuccess = (operation: MatrixOperation) => operation.successRequests ?? [operation.request];

export const FAULT_MATRIX_OPERATIONS: MatrixOperation[] = [
	{
		name: 'Hold',
		route: 'POST /sessions/:sessionId/hold',
		request: 'POST sessions',
		channel: 'Voice',
		parameters: { operation: 'hold', sessionId: '', reason: 'None' },
		repeat: 'idempotent',
	},
	{
		name: 'Add Conference Member',
		route: 'POST /sessions/:sessionId/conference/members',
		request: 'POST sessions',
		channel: 'Voice',
		parameters: { operation: 'addConferenceMember', sessionId: '', destination: '+15555550123' },
		repeat: 'change',
	},
	{
		name: 'Invite Chat Member',
		route: 'POST /sessions/:sessionId/members',
		request: 'POST sessions',
		channel: 'Chat',
		parameters: { operation: 'inviteChatMember', sessionId: '', memberToAdd: '+15555550124' },
		repeat: 'change',
	},
	{
		name: 'Get Active',
		route: 'GET /portal/active-sessions',
		request: 'GET portal',
		channel: 'Voice',
		parameters: { operation: 'getActive', returnAll: true },
		repeat: 'read',
	},
	{
		name: 'Get',
		route: 'GET /sessions/:sessionId',
		request: 'GET sessions',
		channel: 'Voice',
		parameters: { operation: 'get', sessionId: '' },
		repeat: 'read',
	},
	{
		name: 'Get Many',
		route: 'GET /sessions',
		request: 'GET sessions',
		channel: 'Voice',
		parameters: { operation: 'getMany', returnAll: false, limit: 5 },
		repeat: 'read',
	},
	{
		name: 'End',
		route: 'DELETE /sessions/:sessionId',
		request: 'DELETE sessions',
		channel: 'Voice',
		parameters: { operation: 'end', sessionId: '' },
		repeat: 'change',
		successRequests: ['DELETE sessions', 'GET sessions'],
		acceptsEmpty: true,
	},
	{
		name: 'Transfer',
		route: 'POST /sessions/:sessionId/redirect',
		request: 'POST sessions',
		channel: 'Voice',
		parameters: { operation: 'transfer', sessionId: '', destination: '+15555550177' },
		repeat: 'change',
		successRequests: ['POST sessions', 'GET sessions'],
		acceptsEmpty: true,
	},
	{
		name: 'Send Message',
		route: 'POST /sessions/:sessionId/messages',
		request: 'POST sessions',
		channel: 'Chat',
		parameters: { resource: 'chat', operation: 'sendMessage', sessionId: '', body: 'Hello from n8n' },
		repeat: 'change',
	},
	{
		name: 'Get Transcript',
		route: 'GET /sessions/:sessionId/transcript',
		request: 'GET sessions',
		channel: 'Chat',
		parameters: { resource: 'chat', operation: 'getTranscript', sessionId: '', output: 'oneItem' },
		repeat: 'read',
	},
];

export interface Expectation {
	/** The input items that must leave on the error output; the others on the success output. */
	failedItems: number[];
	/** Text every failed item's error must contain. */
	message: string;
	/** Whether the error must say that the change may have been made and was not sent again. */
	notSentAgain?: boolean;
	httpCode?: string;
	/** The requests the simulator must have received, in order. */
	requests: string[];
}

export interface FaultCase {
	name: string;
	inject?: { fault: Fault; onSignIn?: boolean };
	/** The credential holds a session Evo Voice no longer knows. */
	staleSession?: boolean;
	wrongPassword?: boolean;
	expect(operation: MatrixOperation): Expectation;
}

/** The first item meets the fault; the second goes through as usual. */
function firstItemFails(message: string, httpCode?: string) {
	return (operation: MatrixOperation): Expectation => ({
		failedItems: [0],
		message,
		httpCode,
		requests: ['POST auth', operation.request, ...requestsOfSuccess(operation)],
	});
}

/**
 * A fault after which Evo Voice may have acted (a 5xx, a reset, silence, a 2xx that is not the
 * expected answer or is cut short): a
 * change fails and says it was not sent again; `readsRetry` faults (a gateway's 502) are sent
 * again for reads and idempotent changes, which then succeed.
 */
function uncertain(message: string, httpCode?: string, readsRetry = false) {
	return (operation: MatrixOperation): Expectation => {
		if (readsRetry && operation.repeat !== 'change') return bothItemsSucceed(operation, ['POST auth', operation.request]);
		return { ...firstItemFails(message, httpCode)(operation), notSentAgain: operation.repeat === 'change' };
	};
}

/** Both items go through; `before` are the requests ahead of the two items' own. */
function bothItemsSucceed(operation: MatrixOperation, before: string[]): Expectation {
	return {
		failedItems: [],
		message: '',
		requests: [...before, ...requestsOfSuccess(operation), ...requestsOfSuccess(operation)],
	};
}

const NOT_EXPECTED = 'Evo Voice answered with something other than';

export const FAULT_MATRIX_CASES: FaultCase[] = [
	{ name: '200 HTML page', inject: { fault: 'html200' }, expect: uncertain(NOT_EXPECTED, '200') },
	{ name: '200 truncated JSON', inject: { fault: 'truncated200' }, expect: uncertain(NOT_EXPECTED, '200') },
	{
		name: '200 empty body',
		inject: { fault: 'empty200' },
		expect: (operation) =>
			// No body from a void operation is its documented answer: the session is read back.
			operation.acceptsEmpty ? bothItemsSucceed(operation, ['POST auth']) : uncertain(NOT_EXPECTED, '200')(operation),
	},
	{ name: '200 null', inject: { fault: 'null200' }, expect: uncertain(NOT_EXPECTED, '200') },
	{ name: '200 wrong shape', inject: { fault: 'wrongShape200' }, expect: uncertain(NOT_EXPECTED, '200') },
	{
		name: '302 to a login page, same host',
		inject: { fault: 'redirectSameHost302' },
		expect: firstItemFails('answered with a redirect (HTTP 302) to 127.0.0.1:', '302'),
	},
	{
		name: '307 to another host',
		inject: { fault: 'redirectOtherHost307' },
		expect: firstItemFails('answered with a redirect (HTTP 307) to 127.0.0.1:', '307'),
	},
	{
		name: '401, then good after a new sign-in',
		staleSession: true,
		expect: (operation) => bothItemsSucceed(operation, [operation.request, 'POST auth']),
	},
	{
		name: 'sign-in 401 (wrong password)',
		wrongPassword: true,
		expect: () => ({
			failedItems: [0, 1],
			message: 'Evo Voice sign-in failed (HTTP 401): Invalid Username or Password',
			httpCode: '401',
			// Tried once for the execution: the second item fails without another attempt.
			requests: ['POST auth'],
		}),
	},
	{
		name: 'sign-in 307 to another host',
		inject: { fault: 'redirectOtherHost307', onSignIn: true },
		expect: () => ({
			failedItems: [0, 1],
			message: 'answered with a redirect (HTTP 307)',
			requests: ['POST auth'],
		}),
	},
	{
		name: '429 with Retry-After',
		inject: { fault: 'rateLimited429' },
		// Evo Voice refused it before acting: any request, a change too, is sent again.
		expect: (operation) => bothItemsSucceed(operation, ['POST auth', operation.request]),
	},
	{
		name: '500 ServiceStack error',
		inject: { fault: 'serverError500' },
		expect: uncertain('Object reference not set to an instance of an object. [HTTP 500 NullReferenceException]', '500'),
	},
	{
		name: '502 HTML from a proxy',
		inject: { fault: 'badGatewayHtml502' },
		expect: uncertain('Evo Voice answered HTTP 502 (text/html): "<html><body><h1>502 Bad Gateway', '502', true),
	},
	{
		name: 'connection reset',
		inject: { fault: 'reset' },
		expect: uncertain('closed the connection without answering'),
	},
	{
		name: 'no answer (Timeout 2 s)',
		inject: { fault: 'noAnswer' },
		expect: uncertain('did not answer within 2 s'),
	},
	{
		name: '200 cut off: the connection closes mid-body',
		inject: { fault: 'cutOff200' },
		expect: uncertain('closed the connection before its answer was complete'),
	},
	{
		name: '200 stalled mid-body (Timeout 2 s)',
		inject: { fault: 'stalled200' },
		expect: uncertain('did not answer within 2 s'),
	},
];
