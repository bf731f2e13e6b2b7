import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { listSearch } from '../harness/list-search';
import { useSimulator } from '../harness/use-simulator';

const simulator = useSimulator();

async function search(method: Parameters<typeof listSearch>[0], filter?: string) {
	return (await listSearch(method, filter, simulatorCredentialsHelper(simulator))).results;
}

describe('the Session picker', () => {
	it('offers only live voice calls to the call operations, and only live chats to the chat operations', async () => {
		const live = [...simulator.sessions.values()].filter((session) => !session.ended);
		const idsOf = (channel: string) => live.filter((session) => session.channel === channel).map((session) => session.id).sort();

		const voice = await search('searchVoiceSessions');
		const chats = await search('searchChatSessions');
		const all = await search('searchActiveSessions');

		expect(voice.map((result) => result.value).sort()).toEqual(idsOf('Voice'));
		expect(chats.map((result) => result.value).sort()).toEqual(idsOf('Chat'));
		expect(all).toHaveLength(live.length);
	});

	it('labels each session with name, number, channel, state and account, and puts the ID in the hint', async () => {
		const [result] = (await search('searchVoiceSessions')).filter((entry) => entry.value === 'ses-0005');

		expect(result.name).toBe('Lukas Meyer +4930555010 · Voice · Hold · Contoso Sales');
		expect(result.description).toBe('ID ses-0005');
	});

	it('keeps only the sessions whose label or ID contains the search text, in any case', async () => {
		expect((await search('searchVoiceSessions', 'chen')).map((result) => result.value)).toEqual(['ses-0003']);
		expect((await search('searchVoiceSessions', 'CONTOSO')).map((result) => result.value).sort()).toEqual(['ses-0005', 'ses-0006']);
		expect((await search('searchActiveSessions', 'ses-0008')).map((result) => result.value)).toEqual(['ses-0008']);
		expect((await search('searchChatSessions', '+1555555016')).map((result) => result.value)).toEqual(['ses-0004']);
		// A voice caller's name does not bring up a chat, and unknown text finds nothing.
		expect(await search('searchChatSessions', 'Chen Wei')).toEqual([]);
		expect(await search('searchVoiceSessions', 'nobody-by-this-name')).toEqual([]);
	});

	it('lists ended sessions too, newest first, for the operations that read them (Get, Get Transcript, Recording)', async () => {
		const ended = simulator.addSession({ channel: 'Chat', callState: 'Disconnected', ended: true, fromName: 'Ended Chatter' });

		const recent = await search('searchRecentSessions');
		const recentChats = await search('searchRecentChatSessions');

		expect(recent.map((result) => result.value)).toContain(ended.id);
		expect(recent.find((result) => result.value === ended.id)?.name).toContain('· Chat · ended');
		const created = (id: string) => Date.parse(simulator.sessions.get(String(id))!.dateCreated);
		const order = recent.map((result) => created(String(result.value)));
		expect(order).toEqual([...order].sort((a, b) => b - a));
		expect(recentChats.every((result) => simulator.sessions.get(String(result.value))?.channel === 'Chat')).toBe(true);
		expect((await search('searchRecentChatSessions', 'ended chatter')).map((result) => result.value)).toEqual([ended.id]);
		// The live-only pickers of the actions still leave it out.
		expect((await search('searchChatSessions')).map((result) => result.value)).not.toContain(ended.id);
	});

	it('leaves out a session without a usable id instead of failing', async () => {
		simulator.addSession({ id: '', channel: 'Voice', callState: 'Ringing', fromName: 'No Id' });

		const voice = await search('searchVoiceSessions');

		expect(voice.every((result) => typeof result.value === 'string' && result.value !== '')).toBe(true);
		expect(voice.some((result) => result.name.includes('No Id'))).toBe(false);
	});
});
