import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ResponseError, ResponseStatus } from './dto';

/** What each status adds to Evo Voice's own message: where to look first. */
const STATUS_HINTS: Record<number, string> = {
	401: 'Evo Voice did not accept the sign-in. Check the Email, Password and Environment of the Evo Voice credential.',
	403: 'The signed-in user may not do this: session control needs an Evo Voice user with the "User" role (a phone user), and the session must belong to one of its accounts.',
	404: 'Check the ID: the session may have ended and been archived (older than about 15 days: try Search Archive), or belong to an account this user cannot see.',
	429: 'Evo Voice is receiving too many requests. Slow the workflow down (Batching, Retry On Fail with a longer wait).',
};

/** A 403's hint for an endpoint whose roles the table names: which role the user lacks. */
function roleHint(roles: readonly string[]): string {
	const [first, ...others] = roles.map((role) => `"${role}"`);
	const alternatives = others.length > 0 ? ` (or ${others.join(', ')})` : '';
	return `The signed-in user may not do this: it needs an Evo Voice user with the ${first} role${alternatives}, and the record must belong to one of its accounts.`;
}

/**
 * What a tool's model reads after Evo Voice's own message (n8n gives it the message alone): the
 * one thing it can do about the error, or that it cannot and whom it concerns.
 */
const TOOL_HINTS: Record<number, string> = {
	401: 'Evo Voice did not accept the sign-in: the Evo Voice credential must be fixed in n8n; trying again will not help',
	404: 'No such record: check the ID, and take it from what a list tool returned (a live call\'s session ID from Get Active Sessions); the session may have ended',
	429: 'Evo Voice is receiving too many requests: wait before trying again',
};

const EVO_VOICE_FAILED = 'Evo Voice failed to answer: trying again later may work';

const OWNER_MUST_CHECK = 'The Evo Voice credential or the network must be fixed in n8n; trying again will not help';

const CHECK_BEFORE_RETRYING = 'Check whether it happened (read the record again) before trying again';

const WHERE_TO_LOOK =
	'Check the Environment / Base URL of the Evo Voice credential, and any proxy between n8n and Evo Voice.';

/** How much of an unexpected body an error quotes: enough to recognise a page, never a whole one. */
const QUOTED_BODY_LENGTH = 200;

/** An HTTP answer as the transport saw it; headers are read for a few named fields only. */
export interface HttpAnswer {
	status: number;
	contentType: string;
	/** The body as received, decoded as text. */
	text: string;
	location?: string;
	retryAfter?: string;
}

export function quoteBody(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat === '') return '(an empty body)';
	return flat.length > QUOTED_BODY_LENGTH ? `"${flat.slice(0, QUOTED_BODY_LENGTH)}…"` : `"${flat}"`;
}

export function describeAnswer(answer: HttpAnswer): string {
	const type = answer.contentType === '' ? 'no content type' : answer.contentType;
	return `HTTP ${answer.status} (${type}): ${quoteBody(answer.text)}`;
}

/** The host a redirect pointed at, never its path or query (which may carry tokens). */
export function hostOf(location: string | undefined, base: string): string {
	if (!location) return 'nowhere (no Location header)';
	try {
		return new URL(location, base).host;
	} catch {
		return 'an unreadable location';
	}
}

function apiError(
	node: INode,
	message: string,
	description: string,
	httpCode: string | undefined,
	itemIndex: number | undefined,
	responseStatus?: ResponseStatus,
	mayHaveHappened?: string,
	toolHint?: string,
): NodeApiError {
	// Only what is safe to show goes in: never the request, its cookie or the raw HTTP error.
	const errorResponse: JsonObject = {};
	if (httpCode) errorResponse.httpCode = httpCode;
	if (responseStatus) errorResponse.responseStatus = responseStatus as unknown as JsonObject;
	// The message is what a user (and an AI agent) reads first: it says that nothing was repeated.
	const said = mayHaveHappened ? `${message}; ${mayHaveHappened}, so it was not sent again` : message;
	const error = new NodeApiError(node, errorResponse, { message: said, description, httpCode, itemIndex });
	if (mayHaveHappened) error.context[CHANGE_MAY_HAVE_BEEN_MADE] = true;
	const hint = mayHaveHappened ? CHECK_BEFORE_RETRYING : toolHint;
	if (hint) error.context[TOOL_HINT] = hint;
	return error;
}

/** Where an error keeps (in NodeApiError.context) the hint a tool's model reads. */
const TOOL_HINT = 'evoVoiceToolHint';

/** The hint a tool's model reads after the error's message, if the error has one. */
export function toolHintOf(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const hint = error.context[TOOL_HINT];
	return typeof hint === 'string' ? hint : undefined;
}

/** Marks (in NodeApiError.context) an error after which a change may have been made. */
const CHANGE_MAY_HAVE_BEEN_MADE = 'evoVoiceChangeMayHaveBeenMade';

/** Whether Evo Voice may have made the change that this error reports on. */
export function changeMayHaveBeenMade(error: unknown): boolean {
	return error instanceof NodeApiError && error.context[CHANGE_MAY_HAVE_BEEN_MADE] === true;
}

function responseStatusOf(text: string): ResponseStatus | undefined {
	try {
		const body = JSON.parse(text) as { responseStatus?: unknown } | null;
		const responseStatus = body?.responseStatus;
		return typeof responseStatus === 'object' && responseStatus !== null
			? (responseStatus as ResponseStatus)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Evo Voice's own error message in a failed answer's body, if it has one. */
export function serviceStackMessageOf(text: string): string | undefined {
	const message = responseStatusOf(text)?.message;
	return typeof message === 'string' && message !== '' ? message : undefined;
}

function describeFieldError(fieldError: ResponseError): string {
	const code = fieldError.errorCode ? ` (${fieldError.errorCode})` : '';
	return `${fieldError.fieldName}: ${fieldError.message}${code}`;
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date), if it says. */
export function retryAfterSeconds(retryAfter: string | undefined, now = Date.now()): number | undefined {
	if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
	const seconds = Number(retryAfter);
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
	const date = Date.parse(retryAfter);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * A failed Evo Voice answer (status ≥ 400) as a NodeApiError that leads with Evo Voice's own
 * message and keeps its error code, field errors, HTTP status and a hint on where to look.
 */
export function failedAnswerError(
	node: INode,
	answer: HttpAnswer,
	itemIndex?: number,
	mayHaveHappened?: string,
	roles?: readonly string[],
): NodeApiError {
	const responseStatus = responseStatusOf(answer.text);
	const hint = answer.status === 403 && roles !== undefined ? roleHint(roles) : STATUS_HINTS[answer.status];
	const errorCode = responseStatus?.errorCode;
	const wait = retryAfterSeconds(answer.retryAfter);
	const message =
		responseStatus?.message ||
		(responseStatus ? `Evo Voice answered HTTP ${answer.status}` : `Evo Voice answered ${describeAnswer(answer)}`);
	const details = [
		errorCode ? `Evo Voice error code: ${errorCode}` : undefined,
		...(responseStatus?.errors ?? []).map(describeFieldError),
		answer.status === 429 && wait !== undefined ? `Evo Voice asks to wait ${wait} s before trying again.` : undefined,
		hint ?? (responseStatus ? undefined : WHERE_TO_LOOK),
	].filter((line): line is string => line !== undefined);
	const fieldErrors = (responseStatus?.errors ?? []).map(describeFieldError);
	const wait429 = wait === undefined ? undefined : `Evo Voice is receiving too many requests: wait ${wait} s before trying again`;
	const toolHint =
		fieldErrors.length > 0
			? fieldErrors.join('; ')
			: answer.status === 403
				? hint
				: answer.status === 429
					? (wait429 ?? TOOL_HINTS[429])
					: answer.status >= 500
						? EVO_VOICE_FAILED
						: (TOOL_HINTS[answer.status] ?? (responseStatus ? undefined : OWNER_MUST_CHECK));
	return apiError(
		node,
		`${message} [HTTP ${answer.status}${errorCode ? ` ${errorCode}` : ''}]`,
		details.join('\n'),
		String(answer.status),
		itemIndex,
		responseStatus,
		// A 4xx is Evo Voice refusing the request: nothing was done.
		answer.status >= 500 ? mayHaveHappened : undefined,
		toolHint,
	);
}

/** A 2xx whose body is not what the operation expects: a page, a proxy's answer, `null`. */
export function unexpectedAnswerError(
	node: INode,
	answer: HttpAnswer,
	expected: string,
	itemIndex?: number,
	mayHaveHappened?: string,
): NodeApiError {
	return apiError(
		node,
		`Evo Voice answered with something other than ${expected}: ${describeAnswer(answer)}`,
		WHERE_TO_LOOK,
		String(answer.status),
		itemIndex,
		undefined,
		mayHaveHappened,
		OWNER_MUST_CHECK,
	);
}

/** A 3xx: requests never follow redirects, so a login page or another host cannot answer for Evo Voice. */
export function redirectError(node: INode, answer: HttpAnswer, baseUrl: string, itemIndex?: number): NodeApiError {
	return apiError(
		node,
		`Evo Voice answered with a redirect (HTTP ${answer.status}) to ${hostOf(answer.location, baseUrl)}, which is not followed`,
		`${WHERE_TO_LOOK} A redirect usually means the Base URL points at a login page or an old address.`,
		String(answer.status),
		itemIndex,
		undefined,
		undefined,
		OWNER_MUST_CHECK,
	);
}

/**
 * What a thrown request error says. Statuses never arrive this way (every status is returned
 * as an answer); what is left is a failed sign-in or a request that got no answer. n8n 2.x keeps
 * the HTTP client's error as the cause, n8n 1.x only its messages, so both are read.
 */
export function failureOf(error: unknown): { code?: string; messages: string[] } {
	const messages: string[] = [];
	let code: string | undefined;
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as { message?: unknown; messages?: unknown; code?: unknown; cause?: unknown };
		if (typeof candidate.message === 'string') messages.push(candidate.message);
		if (Array.isArray(candidate.messages)) messages.push(...candidate.messages.filter((entry): entry is string => typeof entry === 'string'));
		if (code === undefined && typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) code = candidate.code;
		current = candidate.cause;
	}
	// "connect ECONNREFUSED 127.0.0.1:9", "read ECONNRESET": the code is in the text on n8n 1.x.
	code ??= messages.map((message) => /\b(E[A-Z]{3,}[A-Z_]*)\b/.exec(message)?.[1]).find(Boolean);
	return { code, messages };
}

/** Why a request got no answer, in words for the user (never the socket's), after "Evo Voice at HOST". */
export function whyNoAnswer(error: unknown, timeoutMs: number): string {
	const { code = '', messages } = failureOf(error);
	const text = messages.join(' ');
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) {
		return `did not answer within ${timeoutMs / 1000} s`;
	}
	if (code === 'ECONNREFUSED') return 'refused the connection';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'could not be found (no such host)';
	// Node says "aborted" when a connection closes after the answer began.
	if (/\baborted\b/i.test(text)) return 'closed the connection before its answer was complete';
	if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(text)) {
		return 'closed the connection without answering';
	}
	if (code.startsWith('ERR_SSL') || code.startsWith('EPROTO') || /SSL|TLS|certificate/i.test(text)) {
		return "could not be reached over a secure (https) connection: check that the Base URL's scheme (http or https) matches the server";
	}
	return `could not be reached${code ? ` (${code})` : ''}`;
}

/** No HTTP answer at all: refused, reset, timed out, TLS. Worded for the user, not the socket. */
export function noAnswerError(
	node: INode,
	error: unknown,
	baseUrl: string,
	timeoutMs: number,
	itemIndex?: number,
	mayHaveHappened?: string,
): NodeApiError {
	const why = whyNoAnswer(error, timeoutMs);
	const timeoutNote = why.startsWith('did not answer') ? " (the node's Timeout option)" : '';
	// A refused connection or an unknown host never reached Evo Voice: nothing can have happened.
	const reached = !/^(refused|could not be found)/.test(why);
	return apiError(
		node,
		`Evo Voice at ${hostOf(baseUrl, baseUrl)} ${why}${timeoutNote}`,
		WHERE_TO_LOOK,
		undefined,
		itemIndex,
		undefined,
		reached ? mayHaveHappened : undefined,
		why.startsWith('did not answer') ? EVO_VOICE_FAILED : OWNER_MUST_CHECK,
	);
}

/** A rejected or failed sign-in, worded by the credential; the same error fails later items. */
export function signInError(node: INode, message: string, itemIndex?: number): NodeApiError {
	const status = /\(HTTP (\d{3})\)/.exec(message)?.[1];
	return apiError(
		node,
		message,
		'The sign-in is tried once per execution: the other items fail with this error without signing in again.',
		status,
		itemIndex,
		undefined,
		undefined,
		TOOL_HINTS[401],
	);
}
