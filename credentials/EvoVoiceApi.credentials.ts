import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export const EVO_VOICE_PRODUCTION_URL = 'https://evovoice.io';
export const EVO_VOICE_TEAM_URL = 'https://team.evovoice.io';
const CUSTOM_ENVIRONMENT = 'custom';

/** How every sign-in failure starts, so the node can tell it from other errors and stop retrying. */
export const SIGN_IN_FAILED = 'Evo Voice sign-in failed';

/** The sign-in's own bound on waiting; the node's Timeout option covers the requests after it. */
const SIGN_IN_TIMEOUT_MS = 30_000;

/** The ServiceStack session cookies that identify a signed-in Evo Voice session. */
const SESSION_COOKIE_NAMES = ['ss-id', 'ss-pid', 'ss-opt'];

const CHECK_CREDENTIAL = 'Check the Email, Password and Environment of the Evo Voice credential.';

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

function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

/** The ServiceStack error message of a failed response body, if it has one. */
function serviceStackMessage(body: unknown): string | undefined {
	const parsed = parsedBody(body);
	if (typeof parsed !== 'object' || parsed === null) return undefined;
	const responseStatus = (parsed as { responseStatus?: { message?: unknown } }).responseStatus;
	return typeof responseStatus?.message === 'string' ? responseStatus.message : undefined;
}

function quoted(body: unknown): string {
	const text = (typeof body === 'string' ? body : JSON.stringify(body ?? '')).replace(/\s+/g, ' ').trim();
	if (text === '' || text === '""') return 'an empty body';
	return text.length > 120 ? `"${text.slice(0, 120)}…"` : `"${text}"`;
}

function hostOf(location: unknown, base: string): string {
	try {
		return new URL(String(location), base).host;
	} catch {
		return 'an unreadable location';
	}
}

/** Why a sign-in request got no answer, in words; never the request (it holds the password). */
function unreachableReason(error: unknown): string {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	const text = typeof message === 'string' ? message : '';
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host was not found';
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(text)) {
		return `no answer within ${SIGN_IN_TIMEOUT_MS / 1000} s`;
	}
	if (code === 'ECONNRESET' || /socket hang up/i.test(text)) return 'the connection was closed without an answer';
	if ((typeof code === 'string' && code.startsWith('ERR_SSL')) || /SSL|TLS|certificate/i.test(text)) {
		return 'a secure (https) connection could not be opened: check that the scheme (http or https) matches the server';
	}
	return typeof code === 'string' ? `the request failed (${code})` : 'the request failed';
}

export class EvoVoiceApi implements ICredentialType {
	name = 'evoVoiceApi';

	displayName = 'Evo Voice API';

	documentationUrl = 'https://github.com/evovoice/n8n-nodes-evovoice#credentials';

	icon: Icon = { light: 'file:../icons/evovoice.svg', dark: 'file:../icons/evovoice.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: EVO_VOICE_PRODUCTION_URL,
					description: 'Evo Voice at evovoice.io',
				},
				{
					name: 'Team',
					value: EVO_VOICE_TEAM_URL,
					description: 'Evo Voice at team.evovoice.io',
				},
				{
					name: 'Custom',
					value: CUSTOM_ENVIRONMENT,
					description: 'Another Evo Voice host, such as a local simulator',
				},
			],
			default: EVO_VOICE_PRODUCTION_URL,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://127.0.0.1:4010',
			description: 'The origin Evo Voice answers on, e.g. https://evovoice.example.com (no query)',
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description:
				'The email address you sign in to Evo Voice with. Call control (hold, conference, chat, transfer, end) needs a login with Evo Voice\'s User role (a phone user); listing sessions works with any login.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			// The ServiceStack session cookies, filled by preAuthentication; n8n signs in again when a request answers 401.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Signs in the way Evo Voice's own clients do and keeps the session cookies it returns,
	 * marked with the login they belong to. Follows no redirect: the password goes to the
	 * configured origin only.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		let baseURL: string;
		try {
			baseURL = evoVoiceBaseUrl(credentials);
		} catch (error) {
			throw new Error(`${SIGN_IN_FAILED}: ${(error as Error).message}`);
		}
		let response: { statusCode?: unknown; headers?: Record<string, unknown>; body?: unknown };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				baseURL,
				url: '/auth/credentials',
				body: {
					provider: 'credentials',
					userName: String(credentials.email ?? '').trim(),
					password: credentials.password,
					rememberMe: true,
				},
				json: true,
				encoding: 'text',
				returnFullResponse: true,
				disableFollowRedirect: true,
				timeout: SIGN_IN_TIMEOUT_MS,
				// Every status is judged below, by an error that carries no request data (no password).
				ignoreHttpStatusErrors: true,
			})) as typeof response;
		} catch (error) {
			throw new Error(`${SIGN_IN_FAILED}: could not reach ${hostOf(baseURL, baseURL)}: ${unreachableReason(error)}. Check the Environment / Base URL of the Evo Voice credential.`);
		}
		const status = Number(response.statusCode);
		if (status >= 300 && status < 400) {
			throw new Error(
				`${SIGN_IN_FAILED}: ${hostOf(baseURL, baseURL)} answered with a redirect (HTTP ${status}) to ${hostOf(response.headers?.location, baseURL)}, which is not followed. Check the Environment / Base URL of the Evo Voice credential.`,
			);
		}
		if (status < 200 || status >= 300) {
			const reason = serviceStackMessage(response.body) ?? `Evo Voice answered ${quoted(response.body)}`;
			throw new Error(`${SIGN_IN_FAILED} (HTTP ${status}): ${reason}. ${CHECK_CREDENTIAL}`);
		}
		const body = parsedBody(response.body);
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw new Error(
				`${SIGN_IN_FAILED}: ${hostOf(baseURL, baseURL)} answered HTTP ${status} with ${quoted(response.body)}, not an Evo Voice sign-in. Check the Environment / Base URL of the Evo Voice credential.`,
			);
		}
		const sessionCookie = sessionCookieFromSignIn(
			response.headers?.['set-cookie'] as string | string[] | undefined,
			(body as { sessionId?: unknown }).sessionId,
		);
		if (sessionCookie === '') {
			throw new Error(
				`${SIGN_IN_FAILED}: ${hostOf(baseURL, baseURL)} returned no session. Check that the Environment points at Evo Voice.`,
			);
		}
		return { sessionToken: sessionTokenOf(loginFingerprint(credentials), sessionCookie) };
	}

	/**
	 * Sends the stored session, but only to the login it came from: after the credential is
	 * edited the request goes without it, Evo Voice answers 401, and n8n signs in again with the
	 * new values. A function, not an expression, so no expression is evaluated per request.
	 * It also sets the origin, so the node and the credential test read the Base URL alike.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const cookie = sessionCookieFor(credentials);
		const baseURL = evoVoiceBaseUrl(credentials);
		if (cookie === undefined) return { ...requestOptions, baseURL };
		return { ...requestOptions, baseURL, headers: { ...requestOptions.headers, Cookie: cookie } };
	}

	/**
	 * ListSessions, one session: it needs a signed-in user, so a stored session of another login
	 * (the form was edited) is not sent, Evo Voice answers 401, and n8n signs in with what the
	 * form holds. (GET /auth/status would answer 200 signed out and never make n8n sign in.)
	 * The origin is set by `authenticate`, the same reading of the Base URL the node uses.
	 */
	test: ICredentialTestRequest = {
		request: {
			url: '/sessions',
			method: 'GET',
			qs: { countPerPage: 1, simplifiedPaging: true },
			headers: { Accept: 'application/json' },
			disableFollowRedirect: true,
			timeout: SIGN_IN_TIMEOUT_MS,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'items',
					value: undefined,
					message:
						'The server signed in but did not answer like Evo Voice (no list of sessions). Check the Environment / Base URL of the credential.',
				},
			},
		],
	};
}
