import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export const EVO_VOICE_PRODUCTION_URL = 'https://evovoice.io';
export const EVO_VOICE_TEAM_URL = 'https://team.evovoice.io';
const CUSTOM_ENVIRONMENT = 'custom';

/** The ServiceStack session cookies that identify a signed-in Evo Voice session. */
const SESSION_COOKIE_NAMES = ['ss-id', 'ss-pid', 'ss-opt'];

/**
 * The API origin of a credential: the chosen environment, or the custom Base URL without its
 * trailing slashes. Evo Voice serves its API at the root of the dashboard's origin.
 */
export function evoVoiceBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? EVO_VOICE_PRODUCTION_URL);
	if (environment !== CUSTOM_ENVIRONMENT) return environment;
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		throw new Error(
			`The Base URL of the Evo Voice credential must start with http:// or https://, got "${baseUrl}"`,
		);
	}
	return baseUrl;
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

/** The ServiceStack error message of a failed response body, if it has one. */
function serviceStackMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const responseStatus = (body as { responseStatus?: { message?: unknown } }).responseStatus;
	return typeof responseStatus?.message === 'string' ? responseStatus.message : undefined;
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
			placeholder: 'http://127.0.0.1:4010',
			description: 'The origin Evo Voice answers on, without a path',
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The email address you sign in to Evo Voice with',
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

	/** Signs in the way Evo Voice's own clients do and keeps the session cookies it returns. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseURL = evoVoiceBaseUrl(credentials);
		const response = await this.helpers.httpRequest({
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
			returnFullResponse: true,
			// Failures are turned into an error below that carries no request data (no password).
			ignoreHttpStatusErrors: true,
		});
		const status = Number(response.statusCode);
		if (status < 200 || status >= 300) {
			const reason = serviceStackMessage(response.body) ?? `HTTP ${status}`;
			throw new Error(
				`Evo Voice sign-in failed (HTTP ${status}): ${reason}. Check the Email, Password and Environment of the Evo Voice credential.`,
			);
		}
		const sessionCookie = sessionCookieFromSignIn(
			response.headers?.['set-cookie'] as string | string[] | undefined,
			(response.body as { sessionId?: unknown } | undefined)?.sessionId,
		);
		if (sessionCookie === '') {
			throw new Error(
				`Evo Voice sign-in at ${baseURL} returned no session. Check that the Environment points at Evo Voice.`,
			);
		}
		return { sessionToken: sessionCookie };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Cookie: '={{$credentials.sessionToken}}',
			},
		},
	};

	// /auth/status answers 200 even when signed out, so only isAuthenticated tells.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.environment}}',
			url: '/auth/status',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'isAuthenticated',
					value: false,
					message:
						'Evo Voice did not accept the session. Check the Email, Password and Environment of the credential.',
				},
			},
		],
	};
}
