import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { quoteBody, retryAfterSeconds, routePath } from '../../nodes/EvoVoice/transport';
import {
	EVO_VOICE_PRODUCTION_URL,
	EVO_VOICE_TEAM_URL,
	evoVoiceBaseUrl,
	sessionCookieFromSignIn,
} from '../../nodes/EvoVoice/transport/signIn';
import type { HttpAnswer } from '../../nodes/EvoVoice/transport/errors';
import { failedAnswerError } from '../../nodes/EvoVoice/transport/errors';

const node: INode = {
	id: 'n',
	name: 'Evo Voice',
	type: 'n8n-nodes-evovoice.evoVoice',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function answer(status: number, text: string, extra: Partial<HttpAnswer> = {}): HttpAnswer {
	return { status, contentType: 'application/json; charset=utf-8', text, ...extra };
}

describe('routePath', () => {
	it.each([
		['ses-0001', '/sessions/ses-0001/hold'],
		['a/b c', '/sessions/a%2Fb%20c/hold'],
		['é?#&', '/sessions/%C3%A9%3F%23%26/hold'],
	])('puts %j into one path segment', (sessionId, expected) => {
		expect(routePath('/sessions/{sessionId}/hold', { sessionId })).toBe(expected);
	});

	it('fills every segment of the route', () => {
		expect(routePath('/sessions/{sessionId}/members/{memberToRemove}', { sessionId: 's', memberToRemove: '+1 555' })).toBe(
			'/sessions/s/members/%2B1%20555',
		);
	});
});

describe('failedAnswerError', () => {
	it("leads with Evo Voice's message and keeps code, field errors, status and a hint", () => {
		const error = failedAnswerError(
			node,
			answer(
				400,
				JSON.stringify({
					responseStatus: {
						errorCode: 'NotEmpty',
						message: "'Destination' must not be empty.",
						errors: [
							{ errorCode: 'NotEmpty', fieldName: 'Destination', message: "'Destination' must not be empty." },
						],
					},
				}),
			),
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
		[404, 'Check the ID'],
	])('adds what to check on %i', (status, hint) => {
		const error = failedAnswerError(
			node,
			answer(status, JSON.stringify({ responseStatus: { errorCode: 'X', message: 'Evo Voice says no' } })),
		);
		expect(error.message).toBe(`Evo Voice says no [HTTP ${status} X]`);
		expect(error.description).toContain(hint);
	});

	it('quotes what came back when it is not a ServiceStack error', () => {
		const page = `<html><body>${'Bad gateway '.repeat(40)}</body></html>`;
		const error = failedAnswerError(node, answer(502, page, { contentType: 'text/html' }));
		expect(error.httpCode).toBe('502');
		expect(error.message).toContain('HTTP 502 (text/html): "<html><body>Bad gateway');
		expect(error.message.length).toBeLessThan(320);
		expect(error.description).toContain('Base URL');
	});

	it("puts a 429's wait into the description", () => {
		const error = failedAnswerError(node, answer(429, '', { retryAfter: '120' }));
		expect(error.description).toContain('wait 120 s');
	});
});

describe('retryAfterSeconds', () => {
	it('reads seconds and HTTP dates, and nothing else', () => {
		expect(retryAfterSeconds('7')).toBe(7);
		expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(30);
		expect(retryAfterSeconds('soon')).toBeUndefined();
		expect(retryAfterSeconds(undefined)).toBeUndefined();
	});
});

describe('quoteBody', () => {
	it('names an empty body and cuts a long one', () => {
		expect(quoteBody('  ')).toBe('(an empty body)');
		expect(quoteBody('x'.repeat(500))).toHaveLength(203);
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

	it('refuses a blank Base URL, a query or fragment, and user info', () => {
		expect(() => evoVoiceBaseUrl({ environment: 'custom', baseUrl: '  ' })).toThrow(/required/);
		expect(() => evoVoiceBaseUrl({ environment: 'custom', baseUrl: 'http://h:1/?x=1' })).toThrow(/query or fragment/);
		expect(() => evoVoiceBaseUrl({ environment: 'custom', baseUrl: 'http://h:1/#a' })).toThrow(/query or fragment/);
		expect(() => evoVoiceBaseUrl({ environment: 'custom', baseUrl: 'http://u:p@h:1' })).toThrow(/user name/);
	});

	it('keeps a path prefix, as a proxy may serve the API below one', () => {
		expect(evoVoiceBaseUrl({ environment: 'custom', baseUrl: 'https://proxy.example/evo/' })).toBe(
			'https://proxy.example/evo',
		);
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
