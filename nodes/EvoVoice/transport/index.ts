import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { evoVoiceBaseUrl } from '../../../credentials/EvoVoiceApi.credentials';
import type { ResponseError, ResponseStatus } from './dto';

export const EVO_VOICE_CREDENTIAL_TYPE = 'evoVoiceApi';

export type EvoVoiceFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface EvoVoiceRequest {
	method: IHttpRequestMethods;
	/** Path below the API origin; build session paths with `sessionPath`. */
	path: string;
	body?: object;
	qs?: IDataObject;
}

/** What each status adds to Evo Voice's own message: where to look first. */
const STATUS_HINTS: Record<number, string> = {
	401: 'Evo Voice did not accept the sign-in. Check the Email, Password and Environment of the Evo Voice credential.',
	403: 'The signed-in user may not do this: session control needs an Evo Voice user with the "User" role (a phone user), and the session must belong to one of its accounts.',
	404: 'Check the session ID: the session may have ended and been archived, or belong to an account this user cannot see.',
	429: 'Evo Voice is receiving too many requests. Enable Retry On Fail in the node settings or slow the workflow down.',
};

/**
 * A path below `/sessions/` with the session id as exactly one segment: `/`, spaces and
 * non-ASCII characters are percent-encoded so the id can never reach another route.
 */
export function sessionPath(sessionId: string, ...rest: string[]): string {
	return ['', 'sessions', encodeURIComponent(sessionId), ...rest].join('/');
}

/** Sends one request to Evo Voice as the credential's user, signing in first when needed. */
export async function evoVoiceApiRequest<T>(
	context: EvoVoiceFunctions,
	request: EvoVoiceRequest,
	itemIndex?: number,
): Promise<T> {
	const credentials = await context.getCredentials(EVO_VOICE_CREDENTIAL_TYPE);
	let baseURL: string;
	try {
		baseURL = evoVoiceBaseUrl(credentials);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			EVO_VOICE_CREDENTIAL_TYPE,
			{
				method: request.method,
				baseURL,
				url: request.path,
				body: request.body as IDataObject | undefined,
				qs: request.qs,
				json: true,
			},
		)) as T;
	} catch (error) {
		throw evoVoiceApiError(context.getNode(), error, itemIndex);
	}
}

interface HttpFailure {
	status?: number;
	body?: unknown;
}

/**
 * Finds the HTTP status and body of a failed request. n8n wraps the HTTP client's error in a
 * NodeApiError, sometimes twice, so the response may sit on the error or on one of its causes.
 */
function httpFailureOf(error: unknown): HttpFailure {
	const failure: HttpFailure = {};
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as {
			httpCode?: unknown;
			response?: { status?: unknown; data?: unknown; body?: unknown };
			context?: { data?: unknown };
			cause?: unknown;
		};
		const status = Number(candidate.response?.status ?? candidate.httpCode);
		if (failure.status === undefined && Number.isInteger(status) && status > 0) {
			failure.status = status;
		}
		failure.body ??= candidate.response?.data ?? candidate.response?.body ?? candidate.context?.data;
		current = candidate.cause;
	}
	return failure;
}

function responseStatusOf(body: unknown): ResponseStatus | undefined {
	if (typeof body === 'string') {
		try {
			return responseStatusOf(JSON.parse(body));
		} catch {
			return undefined;
		}
	}
	if (typeof body !== 'object' || body === null) return undefined;
	const responseStatus = (body as { responseStatus?: unknown }).responseStatus;
	return typeof responseStatus === 'object' && responseStatus !== null
		? (responseStatus as ResponseStatus)
		: undefined;
}

function describeFieldError(fieldError: ResponseError): string {
	const code = fieldError.errorCode ? ` (${fieldError.errorCode})` : '';
	return `${fieldError.fieldName}: ${fieldError.message}${code}`;
}

function plainMessageOf(error: unknown): string {
	return error instanceof Error && error.message ? error.message : 'Evo Voice could not be reached';
}

/**
 * Turns a failed Evo Voice request into a NodeApiError that leads with Evo Voice's own
 * message, and keeps its error code, field errors and HTTP status. Only the response body
 * is kept: the request (with its session cookie) is left behind.
 */
export function evoVoiceApiError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	const { status, body } = httpFailureOf(error);
	const responseStatus = responseStatusOf(body);
	if (status === undefined) {
		// No HTTP answer: a failed sign-in or a connection problem, already worded for the user.
		return new NodeApiError(node, { message: plainMessageOf(error) } as JsonObject, {
			message: plainMessageOf(error),
			itemIndex,
		});
	}
	const evoVoiceMessage = responseStatus?.message || plainMessageOf(error);
	const errorCode = responseStatus?.errorCode;
	const details = [
		errorCode ? `Evo Voice error code: ${errorCode}` : undefined,
		...(responseStatus?.errors ?? []).map(describeFieldError),
		STATUS_HINTS[status],
	].filter((line): line is string => line !== undefined);
	const errorResponse: JsonObject = { httpCode: String(status) };
	if (responseStatus) errorResponse.responseStatus = responseStatus as unknown as JsonObject;
	return new NodeApiError(
		node,
		errorResponse,
		{
			message: `${evoVoiceMessage} [HTTP ${status}${errorCode ? ` ${errorCode}` : ''}]`,
			description: details.join('\n'),
			httpCode: String(status),
			itemIndex,
		},
	);
}
