/**
 * The simulator's second way of answering, for the bench: with prepareAnswers on, a GET is
 * written from bytes kept from its first answer (a server with its answers ready), until a
 * change comes through the API.
 */
import { useSimulator } from '../harness/use-simulator';
import { DEMO_USER } from '../simulator/server';

jest.setTimeout(30_000);

const simulator = useSimulator();

async function signedIn(): Promise<string> {
	const response = await fetch(`${simulator.url}/auth/credentials`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ provider: 'credentials', userName: DEMO_USER.email, password: DEMO_USER.password }),
	});
	return response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.join('; ');
}

async function liveSessionIds(cookie: string, query = ''): Promise<string[]> {
	const response = await fetch(`${simulator.url}/portal/active-sessions${query}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	const body = (await response.json()) as { sessions: Array<{ id: string }> };
	return body.sessions.map((session) => session.id);
}

describe('Simulator: prepared answers', () => {
	it('off (the default), every GET is computed when it comes', async () => {
		const cookie = await signedIn();
		const before = await liveSessionIds(cookie);
		const added = simulator.addSession({ callState: 'Ringing' });
		expect(await liveSessionIds(cookie)).toEqual(expect.arrayContaining([...before, added.id]));
	});

	it('on, a GET is answered from its first answer, whatever the order of its query', async () => {
		const cookie = await signedIn();
		simulator.prepareAnswers(true);
		const first = await liveSessionIds(cookie, '?accountId=acc-northwind&customerId=');
		simulator.addSession({ callState: 'Ringing', accountId: 'acc-northwind' });
		expect(await liveSessionIds(cookie, '?customerId=&accountId=acc-northwind')).toEqual(first);
	});

	it('a change through the API forgets the prepared answers', async () => {
		const cookie = await signedIn();
		simulator.prepareAnswers(true);
		const [first] = await liveSessionIds(cookie);
		const hold = await fetch(`${simulator.url}/sessions/${first}/hold`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ reason: 'None' }),
		});
		expect(hold.status).toBe(200);
		const added = simulator.addSession({ callState: 'Ringing' });
		expect(await liveSessionIds(cookie)).toContain(added.id);
	});
});
