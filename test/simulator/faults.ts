/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only server code, never inside n8n */
/**
 * What a hostile or unlucky world answers instead of Evo Voice: maintenance pages, proxies,
 * redirects, rate limits, dropped connections and silence. The simulator answers a route with
 * one of these when a test asks it to.
 */
import type { ServerResponse } from 'node:http';

export const FAULTS = [
	'html200',
	'truncated200',
	'empty200',
	'null200',
	'wrongShape200',
	'redirectSameHost302',
	'redirectOtherHost307',
	'rateLimited429',
	'serverError500',
	'badGatewayHtml502',
	'reset',
	'noAnswer',
	'cutOff200',
	'stalled200',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultContext {
	/** Where a redirect to "another host" points: a server the test watches for requests. */
	otherOrigin: string;
	/** The seconds a 429 asks to wait. */
	retryAfterSeconds: number;
}

/** The start of an answer that a fault breaks off; Content-Length promises more. */
const FIRST_PART = '{"sessions":[{"id":"ses-0001","callState":"Connected"},{"id":"ses-0002",';
const PROMISED_LENGTH = 4096;

const MAINTENANCE_PAGE =
	'<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body><h1>We will be back soon</h1><p>Evo Voice is being updated.</p></body></html>';

function raw(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}) {
	response.statusCode = status;
	if (contentType !== '') response.setHeader('Content-Type', contentType);
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.end(body);
}

/** Answers (or, for `reset` and `noAnswer`, refuses to answer) the way the fault says. */
export function answerWithFault(fault: Fault, response: ServerResponse, path: string, context: FaultContext): void {
	const json = 'application/json; charset=utf-8';
	switch (fault) {
		case 'html200':
			return raw(response, 200, 'text/html; charset=utf-8', MAINTENANCE_PAGE);
		case 'truncated200':
			return raw(response, 200, json, '{"id":"ses-0001","callState":"Conn');
		case 'empty200':
			return raw(response, 200, json, '');
		case 'null200':
			return raw(response, 200, json, 'null');
		case 'wrongShape200':
			return raw(response, 200, json, '{"result":"ok"}');
		case 'redirectSameHost302':
			return raw(response, 302, 'text/html', '<a href="/login">Sign in</a>', { Location: '/login?returnUrl=%2F' });
		case 'redirectOtherHost307':
			return raw(response, 307, '', '', { Location: `${context.otherOrigin}${path}` });
		case 'rateLimited429':
			return raw(
				response,
				429,
				json,
				JSON.stringify({ responseStatus: { errorCode: 'TooManyRequests', message: 'Too many requests' } }),
				{ 'Retry-After': String(context.retryAfterSeconds) },
			);
		case 'serverError500':
			return raw(
				response,
				500,
				json,
				JSON.stringify({ responseStatus: { errorCode: 'NullReferenceException', message: 'Object reference not set to an instance of an object.' } }),
			);
		case 'badGatewayHtml502':
			return raw(response, 502, 'text/html', '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
		case 'reset':
			response.socket?.destroy();
			return;
		case 'noAnswer':
			// Holds the connection open without a byte; the client's timeout must end it.
			return;
		case 'cutOff200':
		case 'stalled200':
			response.writeHead(200, { 'Content-Type': json, 'Content-Length': String(PROMISED_LENGTH) });
			// The first part is on its way before the connection is dropped (cutOff200), or the rest
			// never comes and the client's timeout must end it (stalled200).
			response.write(FIRST_PART, () => {
				if (fault === 'cutOff200') response.socket?.destroy();
			});
			return;
	}
}
