/**
 * File → Get Many, Get and Download through n8n-core's engine against the simulator: the
 * requests each parameter makes, the bytes in binary data, where the sign-in goes, and every
 * download failure and bad input said as such.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SIMPLIFIED_FILE_FIELDS } from '../../nodes/EvoVoice/actions/file/fileProperties';
import { LIST_PAGE_SIZE } from '../../nodes/EvoVoice/transport';
import { runWorkflow } from '../harness/engine';
import { listSearch } from '../harness/list-search';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { fileBytes } from '../simulator/files';
import type { RecordedRequest } from '../simulator/server';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';

jest.setTimeout(60_000);

const simulator = useSimulator();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function fileRequests(): RecordedRequest[] {
	return simulator.requests.filter((request) => request.rawPath.startsWith('/files'));
}

async function runFiles(parameters: IDataObject, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runWorkflow(
		evoVoiceWorkflow({ resource: 'file', ...parameters } as never, { items: options.items ?? [{}], continueOnFail: options.continueOnFail }),
		simulatorCredentialsHelper(simulator, MANAGER_USER),
	);
}

async function outputOf(parameters: IDataObject): Promise<INodeExecutionData[]> {
	const result = await runFiles(parameters);
	expect(result.error).toBeUndefined();
	return result.outputOf(EVO_VOICE_NODE);
}

function bytesOf(item: INodeExecutionData, property = 'data'): Buffer {
	return Buffer.from(item.binary![property].data, 'base64');
}

describe('File → Get Many', () => {
	it('lists every file newest first, simplified, up to the Limit, in one ListFiles request', async () => {
		const output = await outputOf({ operation: 'getMany', limit: 5 });

		expect(fileRequests()).toEqual([
			expect.objectContaining({ method: 'GET', rawPath: '/files', query: { page: '0', countPerPage: '5', simplifiedPaging: 'true' } }),
		]);
		expect(output.map((item) => item.json.id)).toEqual(['fil-vm-0003', 'fil-0001', 'fil-vm-0002', 'fil-vm-0001', 'fil-rec-large']);
		for (const item of output) expect(Object.keys(item.json).sort()).toEqual([...SIMPLIFIED_FILE_FIELDS].sort());
		expect(output[2].json).toMatchObject({ type: 'VoiceMessage', transcription: 'Calling about order 4471, it arrived damaged.' });
		expect(simulator.fileDownloads).toEqual([]);
	});

	it('sends each filter as ListFiles names it, dates in UTC, and asks once per chosen type', async () => {
		const output = await outputOf({
			operation: 'getMany',
			returnAll: true,
			simplify: false,
			filters: {
				types: ['VoiceMessage', 'Fax'],
				dateCreatedStart: '2026-11-24T09:00:00+01:00',
				dateCreatedEnd: '2026-11-24',
				fileName: 'fil',
				contentType: 'audio',
				transcriptionContains: 'order',
				accountIds: 'acc-northwind',
				customerIds: 'cus-1',
				sessionId: byId('ses-0010'),
			},
		});

		const common = {
			dateCreatedStart: '2026-11-24T08:00:00.000Z',
			dateCreatedEnd: '2026-11-24',
			fileName: 'fil',
			contentType: 'audio',
			transcriptionContains: 'order',
			accountIds: 'acc-northwind',
			customerIds: 'cus-1',
			sessionId: 'ses-0010',
			page: '0',
			countPerPage: String(LIST_PAGE_SIZE),
			simplifiedPaging: 'true',
		};
		expect(fileRequests().map((request) => request.query)).toEqual([
			{ ...common, type: 'VoiceMessage' },
			{ ...common, type: 'Fax' },
		]);
		expect(output).toEqual([]);
	});

	it('merges the chosen types newest first and keeps the whole record without Simplify', async () => {
		const output = await outputOf({ operation: 'getMany', returnAll: true, simplify: false, filters: { types: ['Fax', 'VoiceMessage'] } });

		expect(output.map((item) => item.json.id)).toEqual(['fil-vm-0003', 'fil-vm-0002', 'fil-vm-0001', 'fil-fax-0001']);
		expect(output[1].json.uri).toBe(`${simulator.otherOriginUrl}/__simulator/files/fil-vm-0002`);
		expect(output[0].json).toMatchObject({ fromAddress: '+15555550190', accountName: 'Northwind Support' });
	});

	it('reads every page under Return All and names the filtered session on each file', async () => {
		const added = 2 * LIST_PAGE_SIZE + 30;
		for (let index = 0; index < added; index++) simulator.addRecording('ses-0010', { id: `fil-many-${String(index).padStart(4, '0')}` });

		const output = await outputOf({ operation: 'getMany', returnAll: true, filters: { sessionId: byId('ses-0010') } });

		expect(fileRequests().map((request) => request.query.page)).toEqual(['0', '1', '2']);
		expect(output).toHaveLength(added + 1);
		expect(new Set(output.map((item) => item.json.id)).size).toBe(added + 1);
		expect(output.every((item) => item.json.sessionId === 'ses-0010')).toBe(true);
	});

	it('downloads each file into the chosen binary field, bytes and name and type as stored, one origin at a time', async () => {
		const output = await outputOf({
			operation: 'getMany',
			returnAll: true,
			download: true,
			options: { binaryPropertyName: 'voicemail' },
			filters: { types: ['VoiceMessage'] },
		});

		expect(output).toHaveLength(3);
		for (const item of output) {
			const file = simulator.files.get(String(item.json.id))!;
			expect(item.binary?.voicemail).toMatchObject({ fileName: file.fileName, mimeType: 'audio/mpeg', fileExtension: 'mp3' });
			expect(bytesOf(item, 'voicemail').equals(fileBytes(file))).toBe(true);
		}
		const cookieOf = (origin: string) => simulator.fileDownloads.filter((download) => download.origin === origin).map((download) => download.cookies['ss-id']);
		expect(cookieOf('evoVoice')).toEqual([expect.any(String), expect.any(String)]);
		// The file on another origin was asked without any Evo Voice cookie.
		expect(simulator.fileDownloads.filter((download) => download.origin === 'otherOrigin')).toEqual([
			{ origin: 'otherOrigin', path: '/__simulator/files/fil-vm-0002', cookies: {} },
		]);
	});
});

describe('File → Get', () => {
	it('gets one file with GetFile, path value as one segment', async () => {
		const output = await outputOf({ operation: 'get', fileId: byId('fil-fax-0001') });

		expect(fileRequests()).toEqual([expect.objectContaining({ method: 'GET', rawPath: '/files/fil-fax-0001' })]);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: 'fil-fax-0001', type: 'Fax', fileName: 'fax-from-555-0123.pdf', contentType: 'application/pdf' });
		expect(output[0].binary).toBeUndefined();
	});

	it('adds the bytes when Download is on', async () => {
		const [item] = await outputOf({ operation: 'get', fileId: byId('fil-att-0001'), download: true });

		expect(item.binary?.data).toMatchObject({ fileName: 'photo-of-damage.png', mimeType: 'image/png' });
		expect(bytesOf(item).subarray(1, 4).toString()).toBe('PNG');
	});

	it('picks among the recent files, newest first, searched by file name', async () => {
		const all = await listSearch('searchRecentFiles', undefined, simulatorCredentialsHelper(simulator, MANAGER_USER));
		expect(all.results[0]).toEqual({ name: 'fil-vm-0003.mp3 · Voicemail · 2026-11-24 08:30 UTC', value: 'fil-vm-0003', description: 'ID fil-vm-0003' });
		expect(all.results.map((result) => result.value)).toContain('fil-upload-0001');

		const searched = await listSearch('searchRecentFiles', 'contract', simulatorCredentialsHelper(simulator, MANAGER_USER));
		expect(searched.results).toEqual([expect.objectContaining({ value: 'fil-faxout-0001', name: expect.stringContaining('Fax (Sent)') as unknown })]);
		expect(simulator.requests.at(-1)?.query).toMatchObject({ fileName: 'contract', sortField: 'DateCreated', sortOrder: 'Descend' });
	});

	it('fails with Evo Voice\'s own message for an unknown file; with Continue On Fail the other items go on', async () => {
		const result = await runFiles(
			{ operation: 'get', fileId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ items: [{ id: 'fil-vm-0001' }, { id: 'fil-nope' }, { id: 'fil-fax-0001' }], continueOnFail: true },
		);

		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output.map((item) => item.json.id ?? item.json.error)).toEqual([
			'fil-vm-0001',
			"File 'fil-nope' does not exist [HTTP 404 NotFound]",
			'fil-fax-0001',
		]);
	});

});

describe('roles', () => {
	it.each([
		['Get Many', { operation: 'getMany', returnAll: true }],
		['Get', { operation: 'get', fileId: byId('fil-vm-0001') }],
		['Download', { operation: 'download', fileId: byId('fil-vm-0001') }],
	])('File → %s is refused for a phone user, and the error names the roles Evo Voice requires', async (_name, parameters) => {
		const result = await runWorkflow(
			evoVoiceWorkflow({ resource: 'file', ...parameters } as never),
			simulatorCredentialsHelper(simulator, DEMO_USER),
		);

		expect(result.error?.message).toContain('Invalid Role [HTTP 403 Forbidden]');
		expect(result.error?.description).toContain(
			'it needs an Evo Voice user with the "Manager" role (or "Customer", "SystemAdministrator")',
		);
		expect(result.error?.description).not.toContain('session control');
		expect(simulator.fileDownloads).toEqual([]);
	});
});

describe('File → Download', () => {
	it('puts a recording of several MB into binary data, every byte, with its own name and type', async () => {
		const [item] = await outputOf({ operation: 'download', fileId: byId('fil-rec-large') });

		const file = simulator.files.get('fil-rec-large')!;
		expect(item.json).toMatchObject({ id: 'fil-rec-large', contentLength: 5 * 1024 * 1024 });
		expect(item.binary?.data).toMatchObject({ fileName: 'support-call-2026-11-24.mp3', mimeType: 'audio/mpeg' });
		expect(bytesOf(item).equals(fileBytes(file))).toBe(true);
	});

	it('takes the answer\'s type and the address\'s name when the record has none', async () => {
		simulator.addFile({ id: 'fil-bare', type: 'Upload', contentType: 'audio/wav', fileName: '' });
		simulator.files.get('fil-bare')!.contentType = '';

		const [item] = await outputOf({ operation: 'download', fileId: byId('fil-bare'), options: { binaryPropertyName: 'upload' } });

		expect(item.binary?.upload).toMatchObject({ fileName: 'fil-bare', mimeType: 'application/octet-stream' });
	});

	it('follows Evo Voice\'s redirect to its storage without the cookie', async () => {
		await outputOf({ operation: 'download', fileId: byId('fil-att-0001') });

		expect(simulator.fileDownloads).toEqual([
			{ origin: 'evoVoice', path: '/__simulator/files/redirect/fil-att-0001', cookies: expect.objectContaining({ 'ss-id': expect.any(String) }) as unknown },
			{ origin: 'otherOrigin', path: '/__simulator/files/fil-att-0001', cookies: {} },
		]);
	});

	it('does not follow a storage host\'s redirect to another host', async () => {
		simulator.addFile({ id: 'fil-hop', home: 'otherOrigin' });
		simulator.files.get('fil-hop')!.uri = `${simulator.otherOriginUrl}/__simulator/files/redirect/fil-hop`;

		const result = await runFiles({ operation: 'download', fileId: byId('fil-hop') });

		expect(result.error?.message).toMatch(/127\.0\.0\.1:\d+ redirected to another host \(127\.0\.0\.1:\d+\), which is not followed/);
		expect(simulator.fileDownloads).toEqual([{ origin: 'otherOrigin', path: '/__simulator/files/redirect/fil-hop', cookies: {} }]);
	});

	it.each([
		['notFound', /file "fil-vm-0001" was not found at its address on 127\.0\.0\.1:\d+ \(HTTP 404\)/],
		['htmlPage', /The download of file "fil-vm-0001" from 127\.0\.0\.1:\d+ answered an HTML page instead of the file/],
		['cutShort', /The download of file "fil-vm-0001" from 127\.0\.0\.1:\d+ was cut short: the connection closed before the whole file arrived \(2048 bytes announced\)/],
	] as const)('says a download that %s', async (fault, message) => {
		simulator.breakDownload('fil-vm-0001', fault);

		const result = await runFiles({ operation: 'download', fileId: byId('fil-vm-0001') });

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(message);
	});

	it('ends a download whose body stops arriving at the node\'s Timeout, and says so', async () => {
		simulator.breakDownload('fil-vm-0001', 'stall');

		const result = await runFiles({ operation: 'download', fileId: byId('fil-vm-0001'), options: { timeout: 2 } });

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/The download of file "fil-vm-0001" from 127\.0\.0\.1:\d+ did not finish within 2 s \(the node's Timeout option\)/);
	});

	it.each(['ftp://files.example.com/vm.mp3', 'file:///etc/passwd', 'javascript:alert(1)', 'not a uri'])(
		'refuses the address %s before asking anything',
		async (uri) => {
			simulator.addFile({ id: 'fil-odd' });
			simulator.files.get('fil-odd')!.uri = uri;

			const result = await runFiles({ operation: 'download', fileId: byId('fil-odd') });

			expect(result.error?.message).toContain('Evo Voice gave file "fil-odd" no downloadable address');
			expect(simulator.fileDownloads).toEqual([]);
		},
	);
});

describe('bad input fails before any request, naming the parameter and the item', () => {
	it.each([
		[{ operation: 'get', fileId: byId('={{ { a: 1 } }}') }, '"File" parameter must be text for item 0'],
		[{ operation: 'get', fileId: byId('={{ $json.nothing }}') }, '"File" parameter is required but is empty for item 0'],
		[{ operation: 'download', fileId: byId('..') }, '"File" parameter ".." is not a valid ID for item 0'],
		[{ operation: 'getMany', filters: { dateCreatedStart: 'yesterday' } }, '"Created After" parameter must be an ISO 8601 date'],
		[{ operation: 'getMany', filters: { dateCreatedEnd: '24/11/2026' } }, '"Created Before" parameter must be an ISO 8601 date'],
		[{ operation: 'getMany', filters: { dateCreatedStart: '2026-11-25', dateCreatedEnd: '2026-11-24' } }, '"Created Before" parameter must not be before "Created After"'],
		[{ operation: 'getMany', filters: { types: ['Voicemail'] } }, '"Types" parameter must be a list of Upload, VoiceMessage'],
		[{ operation: 'getMany', filters: { sessionId: byId('..') } }, '"Session" parameter ".." is not a valid ID'],
		[{ operation: 'getMany', returnAll: false, limit: 0 }, '"Limit" parameter must be a whole number'],
		[{ operation: 'getMany', download: true, options: { binaryPropertyName: '' } }, '"Put Output File in Field" option is required but is empty'],
		[{ operation: 'download', fileId: byId('fil-vm-0001'), options: { binaryPropertyName: 'my file' } }, '"Put Output File in Field" option must be a plain name'],
		[{ operation: 'get', fileId: byId('fil-vm-0001'), download: true, options: { binaryPropertyName: '__proto__' } }, '"Put Output File in Field" option must be a plain name'],
		[{ operation: 'get', fileId: byId('fil-vm-0001'), download: 'yes' }, '"Download" parameter must be true or false'],
	])('%j', async (parameters, named) => {
		const result = await runFiles(parameters, { items: [{ id: 'fil-vm-0001' }, {}] });

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(named);
		expect(fileRequests()).toEqual([]);
		expect(simulator.fileDownloads).toEqual([]);
	});

	it('with Continue On Fail, an item with a bad binary field name fails alone', async () => {
		const result = await runFiles(
			{ operation: 'download', fileId: byId('fil-vm-0001'), options: { binaryPropertyName: '={{ $json.field }}' } },
			{ items: [{ field: 'audio' }, { field: '1st' }, { field: 'other' }], continueOnFail: true },
		);

		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output.map((item) => Object.keys(item.binary ?? {}))).toEqual([['audio'], [], ['other']]);
		expect(output[1].json.error).toContain('"Put Output File in Field" option must be a plain name of letters, digits, _ or - (not starting with a digit) for item 1, got "1st"');
	});
});

describe('Recording → Get Many keeps its place and says File covers more', () => {
	it('still runs as saved, and its description points to File', async () => {
		const output = await runWorkflow(
			evoVoiceWorkflow({ resource: 'recording', operation: 'getMany', sessionId: sessionById('ses-0010'), returnAll: true } as never),
			simulatorCredentialsHelper(simulator, MANAGER_USER),
		);
		expect(output.outputOf(EVO_VOICE_NODE).map((item) => item.json.id)).toEqual(['fil-0001']);
		const { RESOURCES } = await import('../../nodes/EvoVoice/actions/resources');
		const recording = RESOURCES.find((resource) => resource.resource === 'recording')!.operations[0];
		expect(recording.description).toContain('File → Get Many covers more');
	});
});
