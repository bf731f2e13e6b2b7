/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test-only server in plain Node, never inside n8n */
/**
 * A pass-through proxy in front of the simulator that writes down, in the order they happen,
 * when each request reached it and when its answer was handed back, and that can hold an answer
 * back for a while. A credential whose Base URL points here lets a test check the order of the
 * node's requests and answers (and lower bounds on the gaps between them) without the simulator
 * knowing anything about it.
 */
import type { IncomingMessage } from 'node:http';
import { createServer, request as forwardRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface TimelineEvent {
	/** `request`: it reached the proxy; `answer`: its answer is being handed back to the node. */
	kind: 'request' | 'answer';
	/** `METHOD /path`, the path as sent (still percent-encoded) and without the query. */
	request: string;
	/** performance.now() at that moment: for lower bounds on gaps only, never upper ones. */
	at: number;
}

export interface TimelineProxy {
	/** The proxy's address, to use as the credential's Base URL; known once its beforeAll ran. */
	url: string;
	/** Every request and answer since the test began, in the order they happened. */
	events: TimelineEvent[];
	/** The answer to the next `METHOD /path` request is handed back `ms` after it arrived from upstream. */
	holdAnswer(request: string, ms: number): void;
}

function labelOf(incoming: IncomingMessage): string {
	return `${incoming.method ?? 'GET'} ${(incoming.url ?? '/').split('?')[0]}`;
}

/**
 * Starts the proxy for a test file (before its tests, closed after, its events cleared before each
 * test). `upstream` gives the address to forward to; it is read per request, so it may be a
 * simulator that is itself started in a beforeAll.
 */
export function timelineProxy(upstream: () => string): TimelineProxy {
	const events: TimelineEvent[] = [];
	const holds: Array<{ request: string; ms: number }> = [];
	const server = createServer((incoming, outgoing) => {
		const request = labelOf(incoming);
		events.push({ kind: 'request', request, at: performance.now() });
		const holdIndex = holds.findIndex((hold) => hold.request === request);
		const holdMs = holdIndex >= 0 ? holds.splice(holdIndex, 1)[0].ms : 0;
		const target = new URL(incoming.url ?? '/', upstream());
		const forwarded = forwardRequest(
			target,
			{ method: incoming.method, headers: { ...incoming.headers, host: target.host } },
			(answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('error', () => outgoing.destroy());
				answer.on('end', () => {
					setTimeout(() => {
						// Written down before the node can see the answer, so nothing it does next comes earlier.
						events.push({ kind: 'answer', request, at: performance.now() });
						outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
						outgoing.end(Buffer.concat(chunks));
					}, holdMs);
				});
			},
		);
		// Upstream dropped the connection: so does the proxy, as the node would have seen it.
		forwarded.on('error', () => outgoing.destroy());
		incoming.pipe(forwarded);
	});
	const proxy: TimelineProxy = {
		url: '',
		events,
		holdAnswer: (request, ms) => {
			holds.push({ request, ms });
		},
	};
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	beforeEach(() => {
		events.length = 0;
		holds.length = 0;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	return proxy;
}
