/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only server, never inside n8n */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingServer {
	url: string;
	/** `METHOD /path` of every request received since the test began. */
	requests: string[];
}

/**
 * Another host for a test file: a server that only writes down what reaches it, so a test can
 * prove that no request (and no password or cookie) was sent there. Cleared before each test.
 */
export function recordingServer(): RecordingServer {
	const requests: string[] = [];
	const server = createServer((request, response) => {
		requests.push(`${request.method} ${request.url}`);
		request.resume();
		response.setHeader('Content-Type', 'application/json');
		response.end('{}');
	});
	const state: RecordingServer = { url: '', requests };
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	beforeEach(() => {
		requests.length = 0;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	return state;
}
