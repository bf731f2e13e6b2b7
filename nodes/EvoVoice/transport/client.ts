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

import type { HttpAnswer } from './errors';
import {
	failedAnswerError,
	noAnswerError,
	redirectError,
	retryAfterSeconds,
	signInError,
	failureOf,
} from './errors';
import type { Repeat } from './endpointTable';
import { retryWaitSeconds } from './endpointTable';
import { SIGN_IN_FAILED, evoVoiceBaseUrl, sessionCookieFor } from './signIn';

export const EVO_VOICE_CREDENTIAL_TYPE = 'evoVoiceApi';

/** Every request's default bound on waiting for Evo Voice, well under n8n's own 300 s. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

export type EvoVoiceFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface EvoVoiceRequest {
	method: IHttpRequestMethods;
	/** Path below the API origin, each value in it encoded as one segment. */
	path: string;
	body?: object;
	qs?: IDataObject;
	/** What sending it again would do (the endpoint table's word): decides every retry. */
	repeat: Repeat;
	/** For a change: what may have happened when Evo Voice gave no clear answer. */
	mayHaveHappened?: string;
	/** The roles Evo Voice requires for it, named when it answers 403. */
	roles?: readonly string[];
}

export interface CallOptions {
	itemIndex?: number;
	timeoutMs?: number;
	/** A 2xx body is handed over unread, as it arrives, for answers too large to hold twice. */
	streamBody?: boolean;
}

/** A body as it arrives: what n8n's request helper returns for `encoding: 'stream'`. */
export interface BodyStream extends AsyncIterable<Uint8Array | string> {
	destroy(error?: Error): void;
}

/** What n8n's request helpers return with `returnFullResponse`. */
interface RawResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** One answer to a file's address, its body unread. */
export interface FileAnswer {
	status: number;
	headers: Record<string, unknown>;
	/** Undefined when the answer had no body. */
	body?: BodyStream;
	/** Whether it came from the Evo Voice origin, asked with the session cookie. */
	fromEvoVoice: boolean;
}

/**
 * An answer. A 2xx asked for with `streamBody` leaves `text` empty: its body is still arriving,
 * and `readBody` hands it over as text, chunk by chunk. The Timeout bounds that reading too; a
 * body cut off or too slow is the same NodeApiError a request with no answer would be.
 */
export interface EvoVoiceAnswer extends HttpAnswer {
	readBody?: (onText: (text: string) => void) => Promise<void>;
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

export function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		Symbol.asyncIterator in body &&
		typeof (body as { destroy?: unknown }).destroy === 'function'
	);
}

/**
 * Reads a streamed body to its end as text, chunk by chunk, until `deadline`. The deadline is
 * kept here, not by the HTTP client: in an execution, n8n-core's httpRequestWithAuthentication
 * puts the execution's cancel signal in place of a request's `abortSignal` (read in n8n 1.123.81,
 * 2.40.7 and 2.41.1), so there nothing else ends a stalled body. When it fires, waiting stops and
 * the stream is destroyed, which closes the connection. Returns what ended the stream early (a
 * closed connection, the deadline), or undefined once it was read to its end; whatever `onText`
 * throws passes through unchanged.
 */
async function readStream(
	stream: BodyStream,
	deadline: AbortSignal,
	onText: (text: string) => void,
): Promise<{ failure: unknown } | undefined> {
	// Waiting stops at the deadline even when the stream does not end itself when closed.
	let stopWaiting: (reason: unknown) => void = () => {};
	const timedOut = new Promise<never>((_resolve, reject) => (stopWaiting = reject));
	const onDeadline = () => stopWaiting(deadline.reason);
	if (deadline.aborted) onDeadline();
	else deadline.addEventListener('abort', onDeadline, { once: true });
	timedOut.catch(() => {});
	const decoder = new TextDecoder();
	const chunks = stream[Symbol.asyncIterator]();
	try {
		for (;;) {
			let next: IteratorResult<Uint8Array | string>;
			try {
				next = await Promise.race([chunks.next(), timedOut]);
			} catch (failure) {
				return { failure };
			}
			if (next.done === true) break;
			onText(typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true }));
		}
		const rest = decoder.decode();
		if (rest !== '') onText(rest);
		return undefined;
	} finally {
		deadline.removeEventListener('abort', onDeadline);
		stream.destroy();
	}
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

	/** A sign-in again after a 401, under way: requests that met the same 401 wait for it. */
	private renewal?: Promise<void>;

	private signInDidNotHelp = false;

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
	async send(request: EvoVoiceRequest, options: CallOptions = {}): Promise<EvoVoiceAnswer> {
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
	): Promise<EvoVoiceAnswer> {
		const { itemIndex } = options;
		const node = this.context.getNode();
		if (this.signInFailure !== undefined) throw signInError(node, this.signInFailure, itemIndex);
		for (let attempt = 0; ; attempt++) {
			const answer = await this.exchange(credentials, options, async () => await this.exchangeOnce(request, credentials, options));
			if (answer.status >= 200 && answer.status < 300) return answer;
			if (answer.status >= 300 && answer.status < 400) {
				throw redirectError(node, answer, credentials.baseUrl, itemIndex);
			}
			const wait = retryWaitSeconds(request.repeat, answer.status, retryAfterSeconds(answer.retryAfter), attempt);
			if (wait === undefined) throw failedAnswerError(node, answer, itemIndex, request.mayHaveHappened, request.roles);
			await sleep(wait * 1000);
		}
	}

	/**
	 * One request, and once more after a 401: the stored session expired or belongs to another
	 * login (the credential was edited). Emptying it makes n8n sign in again, and save the new
	 * session, before it sends the request. Requests that met the same 401 beside it (a batch)
	 * wait for that sign-in and use its session instead of each signing in. `once` sends the
	 * request with the credential as it is at that moment.
	 */
	private async exchange<A extends { status: number }>(
		credentials: { data: ICredentialDataDecryptedObject; baseUrl: string },
		options: CallOptions,
		once: () => Promise<A>,
		discard: (answer: A) => void = () => {},
	): Promise<A> {
		const sessionSent = credentials.data.sessionToken;
		const answer = await once();
		if (answer.status !== 401 || this.signInDidNotHelp) return answer;
		discard(answer);
		if (this.renewal !== undefined) await this.renewal;
		if (this.signInFailure !== undefined) throw signInError(this.node, this.signInFailure, options.itemIndex);
		if (credentials.data.sessionToken !== sessionSent) return await once();
		let done: () => void = () => {};
		this.renewal = new Promise<void>((resolve) => (done = resolve));
		try {
			credentials.data.sessionToken = '';
			const retried = await once();
			// A fresh sign-in that still gets 401 would only sign in again for every item.
			if (retried.status === 401) this.signInDidNotHelp = true;
			return retried;
		} finally {
			this.renewal = undefined;
			done();
		}
	}

	/** Sends a request with the Evo Voice credential (its session cookie, its base URL). */
	private async authenticated(
		requestOptions: IHttpRequestOptions,
		credentials: { data: ICredentialDataDecryptedObject; baseUrl: string },
	): Promise<RawResponse> {
		return (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			EVO_VOICE_CREDENTIAL_TYPE,
			requestOptions,
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
		)) as RawResponse;
	}

	private async exchangeOnce(
		request: EvoVoiceRequest,
		credentials: { data: ICredentialDataDecryptedObject; baseUrl: string },
		options: CallOptions,
	): Promise<EvoVoiceAnswer> {
		const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
		// A streamed body arrives after the request has returned: the Timeout must bound it too.
		const deadline = options.streamBody === true ? AbortSignal.timeout(timeoutMs) : undefined;
		const requestOptions: IHttpRequestOptions = {
			method: request.method,
			baseURL: credentials.baseUrl,
			url: request.path,
			qs: request.qs,
			body: request.body as IDataObject | undefined,
			headers: { Accept: 'application/json' },
			json: true,
			// Read as text so a page or a truncated body is seen for what it is, not half-parsed.
			encoding: options.streamBody === true ? 'stream' : 'text',
			returnFullResponse: true,
			disableFollowRedirect: true,
			// Every status comes back as an answer, with its body and headers, on n8n 1.x and 2.x
			// alike (a thrown error keeps neither on 1.x), and is judged here.
			ignoreHttpStatusErrors: true,
			timeout: timeoutMs,
			// Honoured outside an execution (a poll, a picker); in one, n8n puts the execution's
			// cancel signal in its place (see readStream, which keeps the deadline itself).
			abortSignal: deadline,
		};
		let response: RawResponse;
		try {
			response = await this.authenticated(requestOptions, credentials);
		} catch (error) {
			throw this.requestError(error, request, credentials.baseUrl, timeoutMs, options.itemIndex);
		}
		const { statusCode, headers, body } = response;
		if (deadline === undefined || !isBodyStream(body)) return answerOf(statusCode, headers, body);
		const readBody = async (onText: (text: string) => void) => {
			const cutShort = await readStream(body, deadline, onText);
			if (cutShort !== undefined) {
				throw this.requestError(cutShort.failure, request, credentials.baseUrl, timeoutMs, options.itemIndex);
			}
		};
		if (statusCode >= 200 && statusCode < 300) return { ...answerOf(statusCode, headers, ''), readBody };
		// Anything but a 2xx is small and judged whole, as without streaming.
		let text = '';
		await readBody((chunk) => (text += chunk));
		return answerOf(statusCode, headers, text);
	}

	/** The Evo Voice origin (scheme, host and port) of the credential's Base URL. */
	async origin(itemIndex?: number): Promise<string> {
		return new URL((await this.credentialsOf(itemIndex)).baseUrl).origin;
	}

	/**
	 * One GET of a file's address, its body handed over unread. Only the Evo Voice origin is asked
	 * with the credential (its session cookie, a sign-in again after a 401); any other host gets a
	 * plain request without it. Redirects are never followed here: the caller decides each hop, so
	 * no redirect can carry the cookie to another host.
	 */
	async fetchFile(url: URL, options: CallOptions & { deadline: AbortSignal }): Promise<FileAnswer> {
		const credentials = await this.credentialsOf(options.itemIndex);
		const fromEvoVoice = url.origin === new URL(credentials.baseUrl).origin;
		const requestOptions: IHttpRequestOptions = {
			method: 'GET',
			url: url.href,
			headers: { Accept: '*/*' },
			encoding: 'stream',
			returnFullResponse: true,
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: true,
			timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000,
			abortSignal: options.deadline,
		};
		const answerOfResponse = (response: RawResponse): FileAnswer => ({
			status: response.statusCode,
			headers: response.headers ?? {},
			body: isBodyStream(response.body) ? response.body : undefined,
			fromEvoVoice,
		});
		if (!fromEvoVoice) return answerOfResponse((await this.context.helpers.httpRequest(requestOptions)) as RawResponse);
		try {
			return await this.exchange(
				credentials,
				options,
				async () => answerOfResponse(await this.authenticated(requestOptions, credentials)),
				(answer) => answer.body?.destroy(),
			);
		} catch (error) {
			throw this.signInFailed(error, options.itemIndex) ?? error;
		}
	}

	/** The sign-in error a request error stands for, remembered for the execution's later requests. */
	private signInFailed(error: unknown, itemIndex: number | undefined): NodeApiError | undefined {
		const signInMessage = failureOf(error).messages.find((message) => message.startsWith(SIGN_IN_FAILED));
		if (signInMessage === undefined) return undefined;
		this.signInFailure = signInMessage;
		return signInError(this.node, signInMessage, itemIndex);
	}

	private requestError(
		error: unknown,
		request: EvoVoiceRequest,
		baseUrl: string,
		timeoutMs: number,
		itemIndex: number | undefined,
	): NodeApiError {
		return this.signInFailed(error, itemIndex) ?? noAnswerError(this.node, error, baseUrl, timeoutMs, itemIndex, request.mayHaveHappened);
	}

	/** Says in n8n's log what a list held that could not be used, so nothing is dropped unseen. */
	warn(message: string, meta: Record<string, unknown> = {}): void {
		this.context.logger.warn(`Evo Voice: ${message}`, { node: this.node.name, ...meta });
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
