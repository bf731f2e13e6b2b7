/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only server that runs in plain Node, never inside n8n */
/**
 * The simulator's files (ListFiles, GetFile) and the bytes it serves for them: every file type,
 * transcriptions, one recording of several MB, one file on another origin and one that Evo Voice
 * sends on to it by a redirect. Bytes are made from the file's id, so a test can check them.
 */
import type { ServerResponse } from 'node:http';

import type { FileInfo, FileType, ResponseStatus } from '../../nodes/EvoVoice/transport/dto';
import { FILE_TYPES } from '../../nodes/EvoVoice/transport/dto';
import { SEEDED_ACCOUNTS, SEED_CLOCK_START, iso } from './seed';

/** A stored file: FileInfo, plus the session it belongs to (a ListFiles filter, not a FileInfo field). */
export interface StoredFile extends FileInfo {
	sessionId?: string;
}

/**
 * How a file's download goes wrong, for tests: a 404, a 200 HTML page (a sign-in page), the
 * connection closed half-way, a body that stops arriving.
 */
export type DownloadFault = 'notFound' | 'htmlPage' | 'cutShort' | 'stall';

/** Where a file's bytes are served: the Evo Voice origin (sign-in needed), another origin, or Evo Voice redirecting there. */
export type FileHome = 'evoVoice' | 'otherOrigin' | 'redirect';

export interface FileDownload {
	/** `evoVoice` or `otherOrigin`: which origin the request reached. */
	origin: 'evoVoice' | 'otherOrigin';
	path: string;
	cookies: Record<string, string>;
}

/** Raised by the routes below; answered as ServiceStack does. */
export type FileError = (status: number, responseStatus: ResponseStatus) => Error;

const MAGIC: Record<string, Buffer> = {
	'audio/mpeg': Buffer.from('ID3\u0004\u0000\u0000'),
	'audio/wav': Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '),
	'application/pdf': Buffer.from('%PDF-1.4\n'),
	'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

const CHUNK_BYTES = 64 * 1024;

/** A file's bytes, chunk by chunk: its type's magic bytes, then its id repeated, to `contentLength`. */
export function* fileChunks(file: Pick<FileInfo, 'id' | 'contentType' | 'contentLength'>): Generator<Buffer> {
	const total = file.contentLength ?? 0;
	const filler = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(total, 1)), `${file.id}|`);
	const magic = MAGIC[file.contentType ?? ''] ?? Buffer.alloc(0);
	for (let offset = 0; offset < total; offset += filler.length) {
		const chunk = Buffer.from(filler.subarray(0, Math.min(filler.length, total - offset)));
		if (offset === 0) magic.copy(chunk, 0, 0, Math.min(magic.length, chunk.length));
		yield chunk;
	}
}

/** A file's whole bytes (for small files and tests). */
export function fileBytes(file: Pick<FileInfo, 'id' | 'contentType' | 'contentLength'>): Buffer {
	return Buffer.concat([...fileChunks(file)]);
}

const EXTENSION: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/wav': 'wav',
	'application/pdf': 'pdf',
	'image/png': 'png',
};

export interface FileStore {
	files: Map<string, StoredFile>;
	downloads: FileDownload[];
	/** Stores a file; unset fields are filled as Evo Voice would, at the simulator's clock. */
	add(partial?: Partial<StoredFile> & { home?: FileHome }): StoredFile;
	/** The next download of the file goes wrong this way. */
	breakDownload(fileId: string, fault: DownloadFault): void;
	/** The seeded files (besides the recordings of the seeded calls, which server.ts adds). */
	seed(): void;
	clear(): void;
	/** The file as ListFiles and GetFile answer it: an absolute `uri`, no session field. */
	answer(file: StoredFile): FileInfo;
	list(query: Record<string, string>, accountIds: string[]): object;
	get(fileId: string, accountIds: string[]): FileInfo;
	/** Serves GET /__simulator/files/… on either origin. */
	serve(
		segments: string[],
		origin: FileDownload['origin'],
		cookies: Record<string, string>,
		signedIn: boolean,
		response: ServerResponse,
	): void;
}

export function createFileStore(options: {
	now: () => number;
	evoVoiceUrl: () => string;
	otherOriginUrl: () => string;
	apiError: FileError;
}): FileStore {
	const files = new Map<string, StoredFile>();
	const homes = new Map<string, FileHome>();
	const faults = new Map<string, DownloadFault>();
	const downloads: FileDownload[] = [];
	let created = 0;

	function add(partial: Partial<StoredFile> & { home?: FileHome } = {}): StoredFile {
		const { home = 'evoVoice', ...fields } = partial;
		const id = fields.id ?? `fil-${String(++created).padStart(4, '0')}`;
		const type: FileType = fields.type ?? 'CallRecording';
		const contentType = fields.contentType ?? (type.startsWith('Fax') ? 'application/pdf' : type === 'Attachment' ? 'image/png' : 'audio/mpeg');
		const date = fields.dateCreated ?? iso(options.now());
		const file: StoredFile = {
			id,
			dateCreated: date,
			dateLastModified: date,
			createdBy: 'system',
			lastModifiedBy: 'system',
			type,
			accountId: SEEDED_ACCOUNTS[0].id,
			accountName: SEEDED_ACCOUNTS[0].name,
			customerId: '',
			customerName: '',
			userId: '',
			userName: '',
			fileName: `${id}.${EXTENSION[contentType] ?? 'bin'}`,
			contentType,
			contentLength: 2048,
			recordingSid: '',
			recordingDuration: contentType.startsWith('audio/') ? 12 : 0,
			recordingFrom: '',
			transcription: '',
			fromAddress: '',
			toAddress: '',
			aiTranscription: '',
			// Made absolute when answered: the simulator's address is known only once it listens.
			uri: `/__simulator/files/${home === 'redirect' ? 'redirect/' : ''}${id}`,
			...fields,
		};
		files.set(id, file);
		homes.set(id, home);
		return file;
	}

	function seed() {
		const at = (minutes: number) => iso(SEED_CLOCK_START - minutes * 60_000);
		add({ id: 'fil-vm-0001', type: 'VoiceMessage', dateCreated: at(50), fromAddress: '+15555550142', toAddress: '+15555550100', recordingDuration: 21, transcription: 'Hi, this is Dana from Contoso. Please call me back about the renewal quote.' });
		add({ id: 'fil-vm-0002', type: 'VoiceMessage', dateCreated: at(40), fromAddress: '+15555550177', toAddress: '+15555550100', recordingDuration: 9, home: 'otherOrigin', transcription: 'Calling about order 4471, it arrived damaged.' });
		add({ id: 'fil-vm-0003', type: 'VoiceMessage', dateCreated: at(30), fromAddress: '+15555550190', toAddress: '+15555550100', recordingDuration: 4, transcription: '' });
		add({ id: 'fil-rec-large', type: 'CallRecording', dateCreated: at(60), fileName: 'support-call-2026-11-24.mp3', contentLength: 5 * 1024 * 1024, recordingDuration: 655, transcription: 'Thank you for calling Northwind support.' });
		add({ id: 'fil-fax-0001', type: 'Fax', dateCreated: at(70), fromAddress: '+15555550123', fileName: 'fax-from-555-0123.pdf' });
		add({ id: 'fil-faxout-0001', type: 'FaxOutgoing', dateCreated: at(80), toAddress: '+15555550124', fileName: 'signed-contract.pdf' });
		add({ id: 'fil-upload-0001', type: 'Upload', dateCreated: at(90), contentType: 'audio/wav', fileName: 'hold-music.wav', recordingDuration: 30 });
		add({ id: 'fil-att-0001', type: 'Attachment', dateCreated: at(100), fileName: 'photo-of-damage.png', home: 'redirect' });
	}

	function answer(file: StoredFile): FileInfo {
		const info: StoredFile = { ...file };
		delete info.sessionId;
		const base = homes.get(file.id) === 'otherOrigin' ? options.otherOriginUrl() : options.evoVoiceUrl();
		return { ...info, uri: info.uri.startsWith('/') ? base + info.uri : info.uri };
	}

	function visible(file: StoredFile | undefined, accountIds: string[]): file is StoredFile {
		return file !== undefined && accountIds.includes(file.accountId ?? '');
	}

	function dateOf(query: Record<string, string>, name: string, field: string): number | undefined {
		if (!query[name]) return undefined;
		const parsed = Date.parse(query[name]);
		if (Number.isNaN(parsed)) {
			throw options.apiError(400, {
				errorCode: 'SerializationException',
				message: "Unable to bind to request 'ListFiles'",
				errors: [{ errorCode: 'SerializationException', fieldName: field, message: `'${query[name]}' is not a valid date` }],
			});
		}
		return parsed;
	}

	function list(query: Record<string, string>, userAccountIds: string[]) {
		const ids = (name: string) => (query[name] ? query[name].split(',').map((id) => id.trim()).filter(Boolean) : []);
		const contains = (value: string | undefined, needle: string | undefined) =>
			!needle || (value ?? '').toLowerCase().includes(needle.toLowerCase());
		if (query.type && !(FILE_TYPES as readonly string[]).includes(query.type)) {
			throw options.apiError(400, {
				errorCode: 'SerializationException',
				message: "Unable to bind to request 'ListFiles'",
				errors: [{ errorCode: 'SerializationException', fieldName: 'Type', message: `'${query.type}' is not a valid FileTypes` }],
			});
		}
		const start = dateOf(query, 'dateCreatedStart', 'DateCreatedStart');
		const end = dateOf(query, 'dateCreatedEnd', 'DateCreatedEnd');
		const accountIds = ids('accountIds');
		const customerIds = ids('customerIds');
		const specificIds = ids('specificIds');
		const matching = [...files.values()].filter(
			(file) =>
				visible(file, userAccountIds) &&
				(accountIds.length === 0 || accountIds.includes(file.accountId ?? '')) &&
				(customerIds.length === 0 || customerIds.includes(file.customerId ?? '')) &&
				(specificIds.length === 0 || specificIds.includes(file.id)) &&
				(!query.sessionId || file.sessionId === query.sessionId) &&
				(!query.type || file.type === query.type) &&
				(!query.userId || file.userId === query.userId) &&
				contains(file.fileName, query.fileName) &&
				contains(file.contentType, query.contentType) &&
				(!query.transcriptionContains ||
					contains(file.transcription, query.transcriptionContains) ||
					contains(file.aiTranscription, query.transcriptionContains)) &&
				(start === undefined || Date.parse(file.dateCreated) >= start) &&
				(end === undefined || Date.parse(file.dateCreated) <= end),
		);
		// Newest first unless asked otherwise; the id breaks ties so pages never overlap.
		const direction = query.sortOrder === 'Ascend' ? 1 : -1;
		matching.sort((a, b) => direction * (a.dateCreated.localeCompare(b.dateCreated) || a.id.localeCompare(b.id)));
		const countPerPage = Math.max(1, Number(query.countPerPage) || 25);
		const page = Math.max(0, Number(query.page) || 0);
		const items = (query.all === 'true' ? matching : matching.slice(page * countPerPage, (page + 1) * countPerPage)).map(answer);
		const simplified = query.simplifiedPaging === 'true';
		return {
			items,
			totalCount: simplified ? 0 : matching.length,
			totalPages: simplified ? 0 : Math.ceil(matching.length / countPerPage),
			hasMorePages: query.all !== 'true' && (page + 1) * countPerPage < matching.length,
		};
	}

	function get(fileId: string, accountIds: string[]): FileInfo {
		const file = files.get(fileId);
		if (!visible(file, accountIds)) {
			throw options.apiError(404, { errorCode: 'NotFound', message: `File '${fileId}' does not exist` });
		}
		return answer(file);
	}

	function serve(
		segments: string[],
		origin: FileDownload['origin'],
		cookies: Record<string, string>,
		signedIn: boolean,
		response: ServerResponse,
	) {
		const redirect = segments[2] === 'redirect';
		const fileId = segments[redirect ? 3 : 2];
		downloads.push({ origin, path: `/${segments.join('/')}`, cookies });
		const file = files.get(fileId);
		const home = homes.get(fileId);
		if (origin === 'evoVoice' && !signedIn) {
			throw options.apiError(401, { errorCode: 'Unauthorized', message: 'Not Authenticated' });
		}
		if (file && redirect) {
			// Evo Voice sends the download on to its storage, as a pre-signed link would; from the
			// storage host the same route points back to the Evo Voice origin (a redirect not to follow).
			response.statusCode = 302;
			const target = origin === 'evoVoice' ? options.otherOriginUrl() : options.evoVoiceUrl();
			response.setHeader('Location', `${target}/__simulator/files/${file.id}`);
			response.end();
			return;
		}
		const expectedOrigin = home === 'evoVoice' ? 'evoVoice' : 'otherOrigin';
		const fault = faults.get(fileId);
		faults.delete(fileId);
		if (!file || origin !== expectedOrigin || redirect || fault === 'notFound') {
			response.statusCode = 404;
			response.setHeader('Content-Type', 'text/plain');
			response.end('Not Found');
			return;
		}
		if (fault === 'htmlPage') {
			response.statusCode = 200;
			response.setHeader('Content-Type', 'text/html; charset=utf-8');
			response.end('<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Sign in to Evo Voice</form></body></html>');
			return;
		}
		response.statusCode = 200;
		response.setHeader('Content-Type', file.contentType || 'application/octet-stream');
		response.setHeader('Content-Length', String(file.contentLength ?? 0));
		const chunks = fileChunks(file);
		if (fault === 'cutShort' || fault === 'stall') {
			// Half of the first chunk, then the connection closes (or nothing more comes).
			const first = chunks.next();
			const half = first.done ? Buffer.alloc(0) : first.value.subarray(0, Math.ceil(first.value.length / 2));
			response.write(half, () => {
				if (fault === 'cutShort') response.socket?.destroy();
			});
			return;
		}
		// Written as the client reads, so a large file is never held whole here either.
		const writeOn = () => {
			for (let next = chunks.next(); !next.done; next = chunks.next()) {
				if (!response.write(next.value)) {
					response.once('drain', writeOn);
					return;
				}
			}
			response.end();
		};
		writeOn();
	}

	return {
		files,
		downloads,
		add,
		breakDownload: (fileId, fault) => faults.set(fileId, fault),
		seed,
		clear: () => {
			files.clear();
			homes.clear();
			faults.clear();
			downloads.length = 0;
			created = 0;
		},
		answer,
		list,
		get,
		serve,
	};
}
