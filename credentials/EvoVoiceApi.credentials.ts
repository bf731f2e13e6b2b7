import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	CUSTOM_ENVIRONMENT,
	EVO_VOICE_PRODUCTION_URL,
	EVO_VOICE_TEAM_URL,
	SIGN_IN_TIMEOUT_MS,
	evoVoiceBaseUrl,
	sessionCookieFor,
	signIn,
} from '../nodes/EvoVoice/transport/signIn';

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

	/** Signs in (the transport's one sign-in step) and keeps the session cookies it returns. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await signIn(this.helpers.httpRequest, credentials);
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
