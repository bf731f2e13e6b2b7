/**
 * The trigger's New File event against the simulator: a baseline first, then each file of the
 * chosen types once across polls (bursts over many pages, files of the same instant, a restart,
 * failed polls), the requests it makes, its bytes as binary data, and Fetch Test Event.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FileInfo } from '../../nodes/EvoVoice/transport/dto';
import { FILE_PAGE_SIZE, FILE_STATE_KEY, MAX_DOWNLOADS_PER_POLL, MAX_FILE_PAGES_PER_POLL, nextCursor } from '../../nodes/EvoVoiceTrigger/fileEvents';
import { createPoller } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';
import { fileBytes } from '../simulator/files';
import { SEED_CLOCK_START } from '../simulator/seed';
import { MANAGER_USER } from '../simulator/server';

jest.setTimeout(120_000);

const simulator = useSimulator();

function poller(parameters: INodeParameters = {}) {
	return createPoller(
		{ events: ['newFile'], fileTypes: ['VoiceMessage'], simplify: true, ...parameters },
		// ListFiles needs the Manager role.
		simulatorCredentialsHelper(simulator, MANAGER_USER),
	);
}

const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => String(item.json.id));
const fileRequests = () => simulator.requests.filter((request) => request.rawPath === '/files');
/** An instant after the seeded files, `seconds` on. */
const at = (seconds: number) => new Date(SEED_CLOCK_START + seconds * 1000).toISOString();

function addVoicemails(count: number, from: number, fields: IDataObject = {}) {
	return Array.from({ length: count }, (_, index) =>
		simulator.addFile({ id: `fil-new-${String(from + index).padStart(5, '0')}`, type: 'VoiceMessage', dateCreated: at(from + index), transcription: 'Call me back', ...fields }),
	);
}

describe('Evo Voice Trigger → New File', () => {
	it('records a baseline first, then reports each new file of the chosen types once', async () => {
		const trigger = poller({ fileTypes: ['VoiceMessage', 'Fax'] });
		expect(await trigger.poll()).toBeNull();
		expect(fileRequests().map((request) => request.query)).toEqual([
			expect.objectContaining({ type: 'VoiceMessage', sortField: 'DateCreated', sortOrder: 'Descend', page: '0' }),
			expect.objectContaining({ type: 'Fax', sortField: 'DateCreated', sortOrder: 'Descend', page: '0' }),
		]);
		expect(simulator.requests.some((request) => request.rawPath === '/portal/active-sessions')).toBe(false);

		const [voicemail] = addVoicemails(1, 10);
		simulator.addFile({ id: 'fil-new-fax', type: 'Fax', dateCreated: at(11) });
		simulator.addFile({ id: 'fil-new-recording', type: 'CallRecording', dateCreated: at(12) });
		simulator.clearRequests();
		const items = await trigger.poll();

		expect(ids(items)).toEqual([voicemail.id, 'fil-new-fax']);
		expect(items![0].json).toMatchObject({ event: 'newFile', id: voicemail.id, type: 'VoiceMessage', transcription: 'Call me back', transcriptionPending: false });
		expect(items![1].json).not.toHaveProperty('transcriptionPending');
		expect(items![0].binary).toBeUndefined();
		// The cursor is the newest file each type had at the baseline, sent in UTC.
		expect(fileRequests().map((request) => request.query)).toEqual([
			expect.objectContaining({ type: 'VoiceMessage', dateCreatedStart: '2026-11-24T08:30:00.000Z', sortField: 'DateCreated', sortOrder: 'Ascend', page: '0', countPerPage: String(FILE_PAGE_SIZE) }),
			expect.objectContaining({ type: 'Fax', dateCreatedStart: '2026-11-24T07:50:00.000Z', sortOrder: 'Ascend' }),
		]);
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('reports a burst of more than one page in one poll, oldest first, and none of it again', async () => {
		const trigger = poller();
		await trigger.poll();
		const burst = addVoicemails(FILE_PAGE_SIZE * 2 + 50, 100);
		simulator.clearRequests();

		expect(ids(await trigger.poll())).toEqual(burst.map((file) => file.id));
		expect(fileRequests().map((request) => request.query.page)).toEqual(['0', '1', '2']);
		expect(await trigger.poll()).toBeNull();
	});

	it('reads a burst over more pages than one poll reads across polls, each file once', async () => {
		const trigger = poller();
		await trigger.poll();
		const burst = addVoicemails(FILE_PAGE_SIZE * MAX_FILE_PAGES_PER_POLL + 30, 100);

		const first = ids(await trigger.poll());
		// The first page also holds the file at the cursor (already known), so one fewer is new.
		expect(first).toEqual(burst.slice(0, FILE_PAGE_SIZE * MAX_FILE_PAGES_PER_POLL - 1).map((file) => file.id));
		const second = ids(await trigger.poll());
		expect([...first, ...second]).toEqual(burst.map((file) => file.id));
		expect(await trigger.poll()).toBeNull();
	});

	it('tells files of the same instant apart by id, at the baseline and after', async () => {
		simulator.addFile({ id: 'fil-same-a', type: 'VoiceMessage', dateCreated: at(5) });
		const trigger = poller();
		await trigger.poll();

		simulator.addFile({ id: 'fil-same-b', type: 'VoiceMessage', dateCreated: at(5) });
		simulator.addFile({ id: 'fil-same-c', type: 'VoiceMessage', dateCreated: at(5) });
		expect(ids(await trigger.poll())).toEqual(['fil-same-b', 'fil-same-c']);

		simulator.addFile({ id: 'fil-same-0', type: 'VoiceMessage', dateCreated: at(5) });
		simulator.addFile({ id: 'fil-same-d', type: 'VoiceMessage', dateCreated: at(6) });
		expect(ids(await trigger.poll())).toEqual(['fil-same-0', 'fil-same-d']);
		expect(await trigger.poll()).toBeNull();
	});

	it('goes on after a restart from the stored state: no new baseline, nothing twice', async () => {
		const before = poller();
		await before.poll();
		addVoicemails(2, 10);
		expect(ids(await before.poll())).toHaveLength(2);

		// n8n restarted: a new poller with the static data the workflow kept.
		const after = poller();
		Object.assign(after.staticData(), JSON.parse(JSON.stringify(before.staticData())) as IDataObject);
		const [late] = addVoicemails(1, 20);
		expect(ids(await after.poll())).toEqual([late.id]);
		expect(await after.poll()).toBeNull();
	});

	it('a failed poll writes nothing, and the next poll reports what it missed', async () => {
		const trigger = poller({ fileTypes: ['VoiceMessage', 'Fax'] });
		await trigger.poll();
		const stateBefore = JSON.stringify(trigger.staticData());
		const [voicemail] = addVoicemails(1, 10);
		simulator.addFile({ id: 'fil-new-fax', type: 'Fax', dateCreated: at(11) });

		// The first type's request succeeds, the second answers a page that is not a list.
		let listed = 0;
		simulator.interceptNext('/files', () => {
			listed++;
		});
		simulator.interceptNext('/files', () => ({ body: '<html><body>Maintenance</body></html>', contentType: 'text/html' }));
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError' });
		expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);
		expect(listed).toBe(1);

		expect(ids(await trigger.poll())).toEqual([voicemail.id, 'fil-new-fax']);
		expect(await trigger.poll()).toBeNull();
	});

	it('with session events too, a failed session request loses no file either', async () => {
		const trigger = poller({ events: ['newFile', 'sessionStarted'] });
		await trigger.poll();
		const [voicemail] = addVoicemails(1, 10);
		const call = simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
		const stateBefore = JSON.stringify(trigger.staticData());

		simulator.interceptNext('/portal/active-sessions', () => ({ status: 500, body: '{"responseStatus":{"message":"down"}}' }));
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError' });
		expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);

		const items = await trigger.poll();
		expect((items ?? []).map((item) => `${String(item.json.event)} ${String(item.json.id)}`)).toEqual([
			`sessionStarted ${call.id}`,
			`newFile ${voicemail.id}`,
		]);
		expect(trigger.staticData()).toHaveProperty(FILE_STATE_KEY);
		expect(trigger.staticData()).toHaveProperty('state');
		expect(await trigger.poll()).toBeNull();
	});

	it('reports a file whose transcription is still empty once, saying so, and not again when it is transcribed', async () => {
		const trigger = poller();
		await trigger.poll();
		const [voicemail] = addVoicemails(1, 10, { transcription: '' });

		const items = await trigger.poll();
		expect(items![0].json).toMatchObject({ id: voicemail.id, transcription: '', transcriptionPending: true });
		simulator.files.get(voicemail.id)!.transcription = 'Now transcribed';
		expect(await trigger.poll()).toBeNull();
	});

	it('with Download File on, puts each file\'s bytes in binary data, the sign-in only to the Evo Voice origin', async () => {
		const trigger = poller({ downloadFile: true });
		await trigger.poll();
		const [local] = addVoicemails(1, 10);
		const remote = simulator.addFile({ id: 'fil-new-remote', type: 'VoiceMessage', dateCreated: at(11), home: 'otherOrigin', contentType: 'audio/wav' });

		const items = (await trigger.poll())!;

		expect(ids(items)).toEqual([local.id, remote.id]);
		for (const [item, file] of [[items[0], local], [items[1], remote]] as const) {
			expect(Buffer.from(item.binary!.data.data, 'base64').equals(fileBytes(file))).toBe(true);
			expect(item.binary!.data).toMatchObject({ fileName: file.fileName, mimeType: file.contentType });
		}
		expect(simulator.fileDownloads.map((download) => [download.origin, Object.keys(download.cookies).length > 0])).toEqual([
			['evoVoice', true],
			['otherOrigin', false],
		]);
		expect(await trigger.poll()).toBeNull();
	});

	it('with Download File on, reports a limited number of files per poll and the rest at the next', async () => {
		const trigger = poller({ downloadFile: true });
		await trigger.poll();
		const burst = addVoicemails(MAX_DOWNLOADS_PER_POLL + 5, 10);

		const first = ids(await trigger.poll());
		expect(first).toHaveLength(MAX_DOWNLOADS_PER_POLL);
		expect([...first, ...ids(await trigger.poll())]).toEqual(burst.map((file) => file.id));
		expect(simulator.fileDownloads).toHaveLength(burst.length);
		expect(await trigger.poll()).toBeNull();
	});

	it('a failed download fails the poll and writes nothing: the file comes with its bytes at the next poll', async () => {
		const trigger = poller({ downloadFile: true });
		await trigger.poll();
		const [voicemail] = addVoicemails(1, 10);
		const stateBefore = JSON.stringify(trigger.staticData());
		simulator.breakDownload(voicemail.id, 'cutShort');

		await expect(trigger.poll()).rejects.toThrow(/was cut short/);
		expect(JSON.stringify(trigger.staticData())).toBe(stateBefore);

		const items = await trigger.poll();
		expect(ids(items)).toEqual([voicemail.id]);
		expect(Buffer.from(items![0].binary!.data.data, 'base64').equals(fileBytes(voicemail))).toBe(true);
	});

	it('Fetch Test Event shows the most recent file of the chosen types, and writes no state', async () => {
		const trigger = poller({ fileTypes: ['VoiceMessage', 'Fax'], downloadFile: true });
		const items = await trigger.poll('manual');

		expect(ids(items)).toEqual(['fil-vm-0003']);
		expect(items![0].json).toMatchObject({ event: 'newFile', transcriptionPending: true });
		expect(items![0].binary?.data.fileName).toBe('fil-vm-0003.mp3');
		expect(trigger.staticData()).toEqual({});
	});

	it('Fetch Test Event says when no file of the chosen types exists', async () => {
		await expect(poller({ fileTypes: ['FaxOutgoing'] }).poll('manual')).resolves.toHaveLength(1);
		simulator.files.clear();
		await expect(poller({ fileTypes: ['FaxOutgoing'] }).poll('manual')).rejects.toThrow(
			'No file of the chosen File Types exists in Evo Voice yet',
		);
	});
});

describe('the New File cursor does not rest on the order ListFiles answers in', () => {
	const file = (id: string, seconds: number) => ({ id, dateCreated: at(seconds), uri: '' }) as FileInfo;
	const cursor = { since: at(10), ids: ['fil-a'] };
	const newestFirst = [file('fil-c', 30), file('fil-b', 20), file('fil-a', 10)];

	it('a list read to its end moves the cursor to its newest file, whatever its order', () => {
		expect(nextCursor(cursor, { type: 'VoiceMessage', files: newestFirst, complete: true })).toEqual({
			cursor: { since: at(30), ids: ['fil-c'] },
			ordered: false,
		});
	});

	it('a list cut short that did not come oldest first keeps the cursor and remembers what was reported', () => {
		expect(nextCursor(cursor, { type: 'VoiceMessage', files: newestFirst.slice(0, 2), complete: false })).toEqual({
			cursor: { since: at(10), ids: ['fil-a', 'fil-b', 'fil-c'] },
			ordered: false,
		});
	});

	it('a list cut short that came oldest first moves the cursor to its last file', () => {
		const oldestFirst = [file('fil-a', 10), file('fil-b', 20), file('fil-b2', 20)];
		expect(nextCursor(cursor, { type: 'VoiceMessage', files: oldestFirst, complete: false })).toEqual({
			cursor: { since: at(20), ids: ['fil-b', 'fil-b2'] },
			ordered: true,
		});
	});
});
