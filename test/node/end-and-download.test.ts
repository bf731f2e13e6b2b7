/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test-only TCP listener, never inside n8n */
/**
 * Where Session → End's output came from, as its `endedSessionFrom` says; and Recording → Get
 * Many's download, which only follows http(s) addresses: any other scheme Evo Voice might hand
 * back fails the item, naming the recording and the address, before anything is fetched.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { MANAGER_USER } from '../simulator/server';

const simulator = useSimulator();

function apiRequests() {
	return simulator.requests.filter((request) => !request.rawPath.startsWith('/auth/'));
}

describe("Session → End's endedSessionFrom", () => {
	/** How Evo Voice answers EndSession for `sessionId`, set up before the run. */
	const answers: Array<[string, (sessionId: string) => void, string[]]> = [
		[
			'EndSession',
			(sessionId) =>
				// EndSession answers with the ended session itself: nothing needs reading back.
				simulator.interceptNext(`/sessions/${sessionId}`, () => ({
					body: JSON.stringify(simulator.transition(sessionId, 'end')),
				})),
			['DELETE'],
		],
		// The simulator's own EndSession answers 204; the ended session is read back.
		['GetSession', () => {}, ['DELETE', 'GET']],
		[
			'none',
			(sessionId) =>
				// The call ends and Evo Voice forgets it at once: the read-back gets 404.
				simulator.interceptNext(`/sessions/${sessionId}`, () => {
					simulator.sessions.delete(sessionId);
					return { status: 204, body: '' };
				}),
			['DELETE', 'GET'],
		],
	];

	it.each(answers)('is %j for that answer', async (source, answerEndSession, methods) => {
		const call = simulator.addSession({ channel: 'Voice', callState: 'Connected' });
		answerEndSession(call.id);

		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'session', operation: 'end', sessionId: sessionById(call.id) }),
			simulatorCredentialsHelper(simulator),
		);

		expect(result.error).toBeUndefined();
		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: call.id, ended: true, endedSessionFrom: source });
		expect(apiRequests().map((request) => `${request.method} ${request.rawPath}`)).toEqual(
			methods.map((method) => `${method} /sessions/${call.id}`),
		);
	}, 60_000);
});

describe('Recording → Get Many with Download, for a recording whose address is not http(s)', () => {
	/** A bare TCP listener standing where a non-http URI points: any connection at all is written down. */
	const connections: string[] = [];
	const sockets = new Set<Socket>();
	const listener = createServer((socket) => {
		sockets.add(socket);
		connections.push(`${socket.remoteAddress ?? ''}:${socket.remotePort ?? ''}`);
		socket.on('close', () => sockets.delete(socket));
		socket.end();
	});
	let listenerPort = 0;
	beforeAll(async () => {
		await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
		listenerPort = (listener.address() as AddressInfo).port;
	});
	beforeEach(() => {
		connections.length = 0;
	});
	afterAll(async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((resolve) => listener.close(() => resolve()));
	});

	it.each([
		['a local file', () => 'file:///etc/passwd', 'file:'],
		['an FTP server', () => `ftp://127.0.0.1:${listenerPort}/recordings/rec.mp3`, 'ftp:'],
		['a WebSocket server', () => `ws://127.0.0.1:${listenerPort}/recordings/rec.mp3`, 'ws:'],
		// n8n's HTTP client would "download" a data: URI without asking any server: refused all the same.
		['inline data', () => 'data:audio/mpeg;base64,SUQzBAAAAAAAAA==', 'data:'],
	])('pointing at %s fails that item, naming the recording and the address, and fetches nothing', async (_case, uriOf, scheme) => {
		const uri = uriOf();
		const oddCall = simulator.addSession({ channel: 'Voice', callState: 'Disconnected', ended: true });
		simulator.addRecording(oddCall.id, { id: 'fil-odd-scheme', uri });

		const result = await runWorkflow(
			evoVoiceWorkflow(
				{
					resource: 'recording',
					operation: 'getMany',
					sessionId: sessionById('={{ $json.id }}'),
					returnAll: true,
					download: true,
					binaryPropertyName: 'data',
				} as never,
				// The seeded ended call (ses-0010) has a recording the simulator serves over http.
				{ items: [{ id: oddCall.id }, { id: 'ses-0010' }], errorOutput: true },
			),
			simulatorCredentialsHelper(simulator, MANAGER_USER),
		);

		expect(result.error).toBeUndefined();
		const failed = result.errorOutputOf(EVO_VOICE_NODE);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(failed[0].binary).toBeUndefined();
		expect(String(failed[0].json.error)).toContain('fil-odd-scheme');
		// The address Evo Voice gave is what was refused: the user must be able to see it.
		expect(String(failed[0].json.error)).toContain(scheme);
		const succeeded = result.outputOf(EVO_VOICE_NODE);
		expect(succeeded.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(succeeded[0].binary?.data).toMatchObject({ mimeType: 'audio/mpeg' });
		// Nothing reached the address: the only download is the http recording of the other item.
		expect(connections).toEqual([]);
		expect(simulator.fileDownloads.map((download) => download.path)).toEqual(['/__simulator/files/fil-0001']);
		expect(JSON.stringify(result.run)).not.toContain('root:');
	}, 60_000);
});
