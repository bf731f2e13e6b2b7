import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	EVO_VOICE_PRODUCTION_URL,
	EVO_VOICE_TEAM_URL,
	evoVoiceBaseUrl,
	sessionCookieFromSignIn,
} from '../../credentials/EvoVoiceApi.credentials';
import { evoVoiceApiError, sessionPath } from '../../nodes/EvoVoice/transport';

const node: INode = {
	id: 'n',
	name: 'Evo Voice',
	type: 'n8n-nodes-evovoice.evoVoice',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** An error shaped like the HTTP client's, wrapped the way n8n-core wraps it. */
function wrappedHttpError(status: number, data: unknown): NodeApiError {
	const httpError = Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data },
		config: { headers: { Cookie: 'ss-id=secret-session' } },
	});
	return new NodeApiError(node, httpError as never);
}

describe('sessionPath', () => {
	it.each([
		['ses-0001', '/sessions/ses-0001/hold'],
		['a/b c', '/sessions/a%2Fb%20c/hold'],
		['é?#&', '/sessions/%C3%A9%3F%23%26/hold'],
	])('puts %j into one path segment', (sessionId, expected) => {
		expect(sessionPath(sessionId, 'hold')).toBe(expected);
	});

	it('joins the rest of the route', () => {
		expect(sessionPath('s', 'conference', 'members')).toBe('/sessions/s/conference/members');
	});
});

describe('evoVoiceApiError', () => {
	it("leads with Evo Voice's message and keeps code, field errors, status and a hint", () => {
		const error = evoVoiceApiError(
			node,
			wrappedHttpError(400, {
				responseStatus: {
					errorCode: 'NotEmpty',
					message: "'Destination' must not be empty.",
					errors: [
						{ errorCode: 'NotEmpty', fieldName: 'Destination', message: "'Destination' must not be empty." },
					],
				},
			}),
			3,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe("'Destination' must not be empty. [HTTP 400 NotEmpty]");
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('Evo Voice error code: NotEmpty');
		expect(error.description).toContain("Destination: 'Destination' must not be empty. (NotEmpty)");
		expect(error.context.itemIndex).toBe(3);
	});

	it.each([
		[401, 'Check the Email, Password and Environment'],
		[403, '"User" role'],
		[404, 'Check the session ID'],
	])('adds what to check on %i', (status, hint) => {
		const error = evoVoiceApiError(
			node,
			wrappedHttpError(status, { responseStatus: { errorCode: 'X', message: 'Evo Voice says no' } }),
		);
		expect(error.message).toBe(`Evo Voice says no [HTTP ${status} X]`);
		expect(error.description).toContain(hint);
	});

	it('reads a body that arrives as text, and falls back to the status without one', () => {
		const fromText = evoVoiceApiError(
			node,
			wrappedHttpError(500, JSON.stringify({ responseStatus: { errorCode: 'NullReferenceException', message: 'Boom' } })),
		);
		expect(fromText.message).toBe('Boom [HTTP 500 NullReferenceException]');
		const withoutBody = evoVoiceApiError(node, wrappedHttpError(502, ''));
		expect(withoutBody.httpCode).toBe('502');
		expect(withoutBody.message).toContain('[HTTP 502]');
	});

	it('keeps a failure without an HTTP answer as it was worded', () => {
		const error = evoVoiceApiError(node, new Error('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password.'));
		expect(error.message).toBe('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password.');
	});

	it('leaves the request, and so the session cookie, behind', () => {
		const error = evoVoiceApiError(node, wrappedHttpError(404, { responseStatus: { errorCode: 'NotFound', message: 'gone' } }));
		const everything = JSON.stringify({ ...error, json: error.toJSON?.(), cause: error.cause });
		expect(everything).not.toContain('secret-session');
	});
});

describe('sessionCookieFromSignIn', () => {
	it('keeps the ServiceStack session cookies as one Cookie header', () => {
		expect(
			sessionCookieFromSignIn(
				[
					'ss-id=abc; path=/; HttpOnly',
					'ss-pid=def; path=/; expires=Fri, 01 Jan 2027 00:00:00 GMT; HttpOnly',
					'ss-opt=perm; path=/',
					'X-UAId=; path=/',
				],
				'abc',
			),
		).toBe('ss-id=abc; ss-pid=def; ss-opt=perm');
	});

	it('falls back to the sessionId of the body', () => {
		expect(sessionCookieFromSignIn(undefined, 'xyz')).toBe('ss-id=xyz');
		expect(sessionCookieFromSignIn('other=1', '')).toBe('');
	});
});

describe('evoVoiceBaseUrl', () => {
	it('uses the chosen environment', () => {
		expect(evoVoiceBaseUrl({ environment: EVO_VOICE_PRODUCTION_URL })).toBe('https://evovoice.io');
		expect(evoVoiceBaseUrl({ environment: EVO_VOICE_TEAM_URL })).toBe('https://team.evovoice.io');
	});

	it('takes a custom Base URL without trailing slashes and refuses one without a scheme', () => {
		expect(evoVoiceBaseUrl({ environment: 'custom', baseUrl: ' http://127.0.0.1:4010// ' })).toBe(
			'http://127.0.0.1:4010',
		);
		expect(() => evoVoiceBaseUrl({ environment: 'custom', baseUrl: 'evovoice.example.com' })).toThrow(
			/must start with http/,
		);
	});
});
