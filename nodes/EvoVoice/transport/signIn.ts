/**
 * Signing in to Evo Voice: one step shared by the credential's preAuthentication (which n8n runs
 * for the node's requests and for the credential's Test) and read by the node's transport, which
 * needs to know whether a stored session belongs to the current login.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Authenticate, AuthenticateResponse } from './dto';
import type { HttpAnswer } from './errors';
import { describeAnswer, hostOf, retryAfterSeconds, serviceStackMessageOf, whyNoAnswer } from './errors';
import { ENDPOINTS, retryWaitSeconds } from './endpointTable';

export const EVO_VOICE_PRODUCTION_URL = 'https://evovoice.io';
export const EVO_VOICE_TEAM_URL = 'https://team.evovoice.io';
export const CUSTOM_ENVIRONMENT = 'custom';

/** How every sign-in failure starts, so the node can tell it from other errors and stop retrying. */
export const SIGN_IN_FAILED = 'Evo Voice sign-in failed';

/** The sign-in's own bound on waiting; the node's Timeout option covers the requests after it. */
export const SIGN_IN_TIMEOUT_MS = 30_000;

/** The ServiceStack session cookies that identify a signed-in Evo Voice session. */
const SESSION_COOKIE_NAMES = ['ss-id', 'ss-pid', 'ss-opt'];

const CHECK_CREDENTIAL = 'Check the Email, Password and Environment of the Evo Voice credential.';
const CHECK_BASE_URL = 'Check the Environment / Base URL of the Evo Voice credential.';

/**
 * The API origin of a credential: the chosen environment, or the custom Base URL without its
 * trailing slashes. Evo Voice serves its API at the root of the dashboard's origin; a path (a
 * proxy's prefix) is kept, a query or fragment is refused because every route would lose it.
 */
export function evoVoiceBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? EVO_VOICE_PRODUCTION_URL);
	if (environment !== CUSTOM_ENVIRONMENT) return environment;
	const baseUrl = String(credentials.baseUrl ?? '').trim();
	if (baseUrl === '') {
		throw new Error('The Base URL of the Evo Voice credential is required when the Environment is Custom');
	}
	let url: URL | undefined;
	try {
		url = new URL(baseUrl);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\//i.test(baseUrl)) {
		throw new Error(
			`The Base URL of the Evo Voice credential must start with http:// or https://, got "${baseUrl}"`,
		);
	}
	if (url.search !== '' || url.hash !== '' || baseUrl.includes('?') || baseUrl.includes('#')) {
		throw new Error(
			`The Base URL of the Evo Voice credential must not have a query or fragment (?… or #…), got "${baseUrl}"`,
		);
	}
	if (url.username !== '' || url.password !== '') {
		throw new Error('The Base URL of the Evo Voice credential must not contain a user name or password');
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * A digest of what a sign-in was made with (origin, email, password). The stored session is
 * used only while the credential still holds the same login: after an edit it no longer
 * matches, the request goes without the old session, and Evo Voice's 401 makes n8n sign in
 * with the new values. (53-bit FNV-style hash: enough to notice an edit, not a secret.)
 */
export function loginFingerprint(credentials: ICredentialDataDecryptedObject): string {
	let origin: string;
	try {
		origin = evoVoiceBaseUrl(credentials);
	} catch {
		origin = '';
	}
	const login = [origin, String(credentials.email ?? '').trim().toLowerCase(), String(credentials.password ?? '')].join('\u0000');
	let high = 0x811c9dc5;
	let low = 0x01000193;
	for (let index = 0; index < login.length; index++) {
		const code = login.charCodeAt(index);
		high = Math.imul(high ^ code, 0x01000193) >>> 0;
		low = Math.imul(low ^ code, 0x5bd1e995) >>> 0;
	}
	return `${(high & 0x1fffff).toString(16)}${low.toString(16).padStart(8, '0')}`;
}

/** What the hidden Session Token holds: the login fingerprint, then the Cookie header value. */
export function sessionTokenOf(fingerprint: string, cookie: string): string {
	return `${fingerprint} ${cookie}`;
}

/** The Cookie header value of a stored Session Token, if it was made by this same login. */
export function sessionCookieFor(credentials: ICredentialDataDecryptedObject): string | undefined {
	const token = String(credentials.sessionToken ?? '');
	const separator = token.indexOf(' ');
	if (separator < 0) return undefined;
	return token.slice(0, separator) === loginFingerprint(credentials) ? token.slice(separator + 1) : undefined;
}

/** Keeps the ServiceStack session cookies of a sign-in response as one `Cookie` header value. */
export function sessionCookieFromSignIn(
	setCookieHeader: string | string[] | undefined,
	sessionId: unknown,
): string {
	const setCookies = Array.isArray(setCookieHeader)
		? setCookieHeader
		: setCookieHeader
			? [setCookieHeader]
			: [];
	const pairs = setCookies
		.map((setCookie) => setCookie.split(';')[0].trim())
		.filter((pair) => SESSION_COOKIE_NAMES.includes(pair.split('=')[0]));
	if (pairs.length > 0) return pairs.join('; ');
	// Clients that cannot see Set-Cookie still get the session id in the body.
	return typeof sessionId === 'string' && sessionId !== '' ? `ss-id=${sessionId}` : '';
}

/** n8n's plain request helper, the only one a credential's preAuthentication is given. */
export type PlainHttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

function headerText(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name];
	return value === undefined || value === null ? undefined : String(value);
}

/** Authenticate: POST /auth/credentials, answered as every status, never following a redirect. */
async function postCredentials(
	httpRequest: PlainHttpRequest,
	baseURL: string,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ answer: HttpAnswer; setCookie: string | string[] | undefined }> {
	const { method, route } = ENDPOINTS.Authenticate;
	const body: Authenticate = {
		provider: 'credentials',
		userName: String(credentials.email ?? '').trim(),
		password: String(credentials.password ?? ''),
		rememberMe: true,
	};
	const response = (await httpRequest({
		method,
		baseURL,
		url: route,
		body,
		json: true,
		encoding: 'text',
		returnFullResponse: true,
		disableFollowRedirect: true,
		timeout: SIGN_IN_TIMEOUT_MS,
		// Every status is judged below, by an error that carries no request data (no password).
		ignoreHttpStatusErrors: true,
	})) as { statusCode?: unknown; headers?: Record<string, unknown>; body?: unknown };
	const answered = response.body;
	return {
		answer: {
			status: Number(response.statusCode),
			contentType: headerText(response.headers, 'content-type') ?? '',
			text: typeof answered === 'string' ? answered : JSON.stringify(answered ?? ''),
			location: headerText(response.headers, 'location'),
			retryAfter: headerText(response.headers, 'retry-after'),
		},
		setCookie: response.headers?.['set-cookie'] as string | string[] | undefined,
	};
}

/**
 * A failed sign-in. A plain Error, as n8n expects from preAuthentication (it has no node to name);
 * the node's transport recognises it by its first words and reports it as a NodeApiError.
 */
function signInFailure(detail: string): Error {
	return new Error(`${SIGN_IN_FAILED}${detail}`);
}

/**
 * Signs in the way Evo Voice's own clients do and returns the Session Token to store: the
 * session cookies, marked with the login they belong to. The password goes to the configured
 * origin only. A sign-in is a read in the endpoint table: a 429 (and a 502–504) is waited out
 * within the table's bounds. Every failure is an Error whose message starts with SIGN_IN_FAILED.
 */
export async function signIn(
	httpRequest: PlainHttpRequest,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ sessionToken: string }> {
	let baseURL: string;
	try {
		baseURL = evoVoiceBaseUrl(credentials);
	} catch (error) {
		throw signInFailure(`: ${(error as Error).message}`);
	}
	const host = hostOf(baseURL, baseURL);
	for (let attempt = 0; ; attempt++) {
		let exchange: Awaited<ReturnType<typeof postCredentials>>;
		try {
			exchange = await postCredentials(httpRequest, baseURL, credentials);
		} catch (error) {
			throw signInFailure(`: Evo Voice at ${host} ${whyNoAnswer(error, SIGN_IN_TIMEOUT_MS)}. ${CHECK_BASE_URL}`);
		}
		const { answer, setCookie } = exchange;
		const wait = retryWaitSeconds(ENDPOINTS.Authenticate.repeat, answer.status, retryAfterSeconds(answer.retryAfter), attempt);
		if (wait !== undefined) {
			await sleep(wait * 1000);
			continue;
		}
		if (answer.status >= 300 && answer.status < 400) {
			throw signInFailure(
				`: ${host} answered with a redirect (HTTP ${answer.status}) to ${hostOf(answer.location, baseURL)}, which is not followed. ${CHECK_BASE_URL}`,
			);
		}
		if (answer.status < 200 || answer.status >= 300) {
			const reason = serviceStackMessageOf(answer.text) ?? `Evo Voice answered ${describeAnswer(answer)}`;
			throw signInFailure(` (HTTP ${answer.status}): ${reason}. ${CHECK_CREDENTIAL}`);
		}
		let body: Partial<AuthenticateResponse> | undefined;
		try {
			body = JSON.parse(answer.text) as Partial<AuthenticateResponse>;
		} catch {
			body = undefined;
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw signInFailure(`: ${host} answered ${describeAnswer(answer)}, not an Evo Voice sign-in. ${CHECK_BASE_URL}`);
		}
		const sessionCookie = sessionCookieFromSignIn(setCookie, body.sessionId);
		if (sessionCookie === '') {
			throw signInFailure(`: ${host} returned no session. Check that the Environment points at Evo Voice.`);
		}
		return { sessionToken: sessionTokenOf(loginFingerprint(credentials), sessionCookie) };
	}
}
