import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	SIGN_IN_FAILED,
	evoVoiceBaseUrl,
	sessionCookieFor,
} from '../../../credentials/EvoVoiceApi.credentials';
import type { HttpAnswer } from './errors';
import {
	failedAnswerError,
	noAnswerError,
	redirectError,
	retryAfterSeconds,
	signInError,
} from './errors';

export const EVO_VOICE_CREDENTIAL_TYPE = 'evoVoiceApi';

/** Every request's default bound on waiting for Evo Voice, well under n8n's own 300 s. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** A 429 is waited out at most this often, and never longer than this per wait. */
const MAX_429_RETRIES = 2;
const MAX_RETRY_AFTER_SECONDS = 30;

export type EvoVoiceFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface EvoVoiceRequest {
	method: IHttpRequestMethods;
	/** Path below the API origin; build session paths with `sessionPath`. */
	path: string;
	body?: object;
	qs?: IDataObject;
}

export interface CallOptions {
	itemIndex?: number;
	timeoutMs?: number;
	/**
	 * Whether a 429 may be waited out and sent again. Only for requests whose repetition cannot
	 * do a thing twice: reads, and actions that leave the same state however often they run.
	 */
	retryOn429?: boolean;
}

/**
 * A path below `/sessions/` with the session id as exactly one segment: `/`, spaces and
 * non-ASCII characters are percent-encoded so the id can never reach another route.
 */
export function sessionPath(sessionId: string, ...rest: string[]): string {
	return ['', 'sessions', encodeURIComponent(sessionId), ...rest].join('/');
}

interface HttpFailureParts {
	status?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
	code?: string;
	messages: string[];
}

/**
 * What a thrown request error carries: n8n wraps the HTTP client's error in a NodeApiError, so
 * the response sits on the error or on one of its causes.
 */
function httpFailureOf(error: unknown): HttpFailureParts {
	const parts: HttpFailureParts = { messages: [] };
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as {
			message?: unknown;
			code?: unknown;
			response?: { status?: unknown; headers?: Record<string, unknown>; data?: unknown };
			cause?: unknown;
		};
		if (typeof candidate.message === 'string') parts.messages.push(candidate.message);
		if (parts.code === undefined && typeof candidate.code === 'string') parts.code = candidate.code;
		const status = Number(candidate.response?.status);
		if (parts.status === undefined && Number.isInteger(status) && status > 0) {
			parts.status = status;
			parts.headers = candidate.response?.headers ?? {};
			parts.data = candidate.response?.data;
		}
		current = candidate.cause;
	}
	return parts;
}

function headerText(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name];
	if (Array.isArray(value)) return value.map(String).join(', ');
	return value === undefined || value === null ? undefined : String(value);
}

function bodyText(data: unknown): string {
	if (typeof data === 'string') return data;
	if (data === undefined || data === null) return '';
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	return JSON.stringify(data);
}

function answerOf(status: number, headers: Record<string, unknown> | undefined, data: unknown): HttpAnswer {
	return {
		status,
		contentType: headerText(headers, 'content-type') ?? '',
		text: bodyText(data),
		location: headerText(headers, 'location'),
		retryAfter: headerText(headers, 'retry-after'),
	};
}

/**
 * Talks to Evo Voice for one execution (or poll, or list search): the credential is read once,
 * every answer is checked before it is believed, redirects are never followed, every wait is
 * bounded, and a rejected sign-in is tried once — later requests fail with the same error.
 */
export class EvoVoiceClient {
	private credentials?: Promise<{ data: ICredentialDataDecryptedObject; baseUrl: string }>;

	private signInFailure?: string;

	private firstRequest?: Promise<void>;

	constructor(private readonly context: EvoVoiceFunctions) {}

	get node() {
		return this.context.getNode();
	}

	private async credentialsOf(itemIndex?: number) {
		this.credentials ??= (async () => {
			const data = await this.context.getCredentials(EVO_VOICE_CREDENTIAL_TYPE);
			try {
				return { data, baseUrl: evoVoiceBaseUrl(data) };
			} catch (error) {
				throw new NodeOperationError(this.context.getNode(), error as Error, { itemIndex });
			}
		})();
		const pending = this.credentials;
		// A credential that could not be read is read again next time, not remembered as broken.
		pending.catch(() => {
			if (this.credentials === pending) this.credentials = undefined;
		});
		return await pending;
	}

	/** Sends one request and returns its 2xx answer; any other outcome is a NodeApiError. */
	async send(request: EvoVoiceRequest, options: CallOptions = {}): Promise<HttpAnswer> {
		const credentials = await this.credentialsOf(options.itemIndex);
		if (this.firstRequest !== undefined) {
			await this.firstRequest;
		} else if (sessionCookieFor(credentials.data) === undefined) {
			// This request will sign in: requests sent beside it (a batch) wait for it rather than
			// each signing in too. Checked and set with no await between, so only one goes first.
			let open: () => void = () => {};
			this.firstRequest = new Promise<void>((resolve) => (open = resolve));
			try {
				return await this.attempts(request, options, credentials);
			} finally {
				open();
			}
		}
		return await this.attempts(request, options, credentials);
	}

	private async attempts(
		request: EvoVoiceRequest,
		options: CallOptions,
		credentials: { data: ICredentialDataDecryptedObject; baseUrl: string },
	): Promise<HttpAnswer> {
		const { itemIndex } = options;
		const node = this.context.getNode();
		if (this.signInFailure !== undefined) throw signInError(node, this.signInFailure, itemIndex);
		const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
		for (let attempt = 0; ; attempt++) {
			const answer = await this.exchange(request, credentials, timeoutMs, itemIndex);
			if (answer.status >= 200 && answer.status < 300) return answer;
			if (answer.status >= 300 && answer.status < 400) {
				throw redirectError(node, answer, credentials.baseUrl, itemIndex);
			}
			const wait = retryAfterSeconds(answer.retryAfter);
			if (
				answer.status === 429 &&
				options.retryOn429 === true &&
				attempt < MAX_429_RETRIES &&
				wait !== undefined &&
				wait <= MAX_RETRY_AFTER_SECONDS
			) {
				await sleep(wait * 1000);
				continue;
			}
			throw failedAnswerError(node, answer, itemIndex);
		}
	}

	private async exchange(
		request: EvoVoiceRequest,
		credentials: { data: ICredentialDataDecryptedObject; baseUrl: string },
		timeoutMs: number,
		itemIndex: number | undefined,
	): Promise<HttpAnswer> {
		const options: IHttpRequestOptions = {
			method: request.method,
			baseURL: credentials.baseUrl,
			url: request.path,
			qs: request.qs,
			body: request.body as IDataObject | undefined,
			headers: { Accept: 'application/json' },
			json: true,
			// Read as text so a page or a truncated body is seen for what it is, not half-parsed.
			encoding: 'text',
			returnFullResponse: true,
			disableFollowRedirect: true,
			timeout: timeoutMs,
		};
		try {
			const response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				EVO_VOICE_CREDENTIAL_TYPE,
				options,
				{
					// The credential read once for the execution; n8n's sign-in writes the new session
					// into this same object, so later requests reuse it instead of signing in again.
					credentialsDecrypted: {
						id: this.context.getNode().credentials?.[EVO_VOICE_CREDENTIAL_TYPE]?.id ?? '',
						name: EVO_VOICE_CREDENTIAL_TYPE,
						type: EVO_VOICE_CREDENTIAL_TYPE,
						data: credentials.data,
					},
				},
			)) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
			return answerOf(response.statusCode, response.headers, response.body);
		} catch (error) {
			const outcome = this.requestError(error, credentials.baseUrl, timeoutMs, itemIndex);
			if (outcome instanceof Error) throw outcome;
			return outcome;
		}
	}

	private requestError(
		error: unknown,
		baseUrl: string,
		timeoutMs: number,
		itemIndex: number | undefined,
	): NodeApiError | HttpAnswer {
		const failure = httpFailureOf(error);
		const node = this.context.getNode();
		const signInMessage = failure.messages.find((message) => message.startsWith(SIGN_IN_FAILED));
		if (signInMessage !== undefined) {
			this.signInFailure = signInMessage;
			return signInError(node, signInMessage, itemIndex);
		}
		if (failure.status !== undefined) {
			// Thrown for its status only: the answer is judged like any other.
			return answerOf(failure.status, failure.headers, failure.data);
		}
		return noAnswerError(
			node,
			{ code: failure.code, message: failure.messages[failure.messages.length - 1] ?? '' },
			baseUrl,
			timeoutMs,
			itemIndex,
		);
	}
}

/** The body of a 2xx as JSON, or undefined when it is not JSON at all. */
export function parseJson(answer: HttpAnswer): unknown {
	if (answer.text.trim() === '') return undefined;
	try {
		return JSON.parse(answer.text) as unknown;
	} catch {
		return undefined;
	}
}
