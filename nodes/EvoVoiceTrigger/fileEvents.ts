/**
 * The trigger's New File event: files (voicemail, call recordings, faxes…) created since the
 * previous poll, each reported once. Its cursor lives under its own key in the node's static
 * data, apart from the session events' state, and is written only once the whole poll succeeded.
 */
import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadFile } from '../EvoVoice/actions/file/download';
import { FILE_TYPE_OPTIONS, fileJson } from '../EvoVoice/actions/file/fileProperties';
import { callEndpoint, EvoVoiceClient } from '../EvoVoice/transport';
import type { FileInfo, FileType, ListFiles } from '../EvoVoice/transport/dto';
import { FILE_TYPES } from '../EvoVoice/transport/dto';

export const NEW_FILE_EVENT = 'newFile';

/** The static data key of the New File cursor (the session events keep theirs under `state`). */
export const FILE_STATE_KEY = 'newFiles';

/** ListFiles page size, and the pages one poll reads per file type at most. */
export const FILE_PAGE_SIZE = 100;
export const MAX_FILE_PAGES_PER_POLL = 10;
/** With the bytes on, the files one poll reports at most; the rest come at the next polls. */
export const MAX_DOWNLOADS_PER_POLL = 20;
/** Without n8n's poll budget (before n8n-workflow 2.41), a poll stops reading after this long. */
const DEFAULT_POLL_BUDGET_MS = 30_000;

/** The New File parameters, shown only when the event is chosen. */
export const NEW_FILE_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'File Types',
		name: 'fileTypes',
		type: 'multiOptions',
		options: FILE_TYPE_OPTIONS,
		default: ['VoiceMessage'],
		required: true,
		description: 'New File: the types of files to report. Each type costs its own ListFiles request per poll.',
		displayOptions: { show: { events: [NEW_FILE_EVENT] } },
	},
	{
		displayName: 'Download File',
		name: 'downloadFile',
		type: 'boolean',
		default: false,
		description: `Whether to put each new file's bytes in the item's binary data (field "data"). At most ${MAX_DOWNLOADS_PER_POLL} files per poll then; the rest come at the next polls.`,
		displayOptions: { show: { events: [NEW_FILE_EVENT] } },
	},
];

/**
 * One file type's cursor: every file created before `since` is accounted for, and of those
 * created at or after it, the ones in `ids`. `since: null` means no file of the type existed at
 * the baseline, so every file is new.
 */
export interface TypeCursor {
	since: string | null;
	ids: string[];
}

interface NewFileState {
	v: 1;
	cursors: Partial<Record<FileType, TypeCursor>>;
}

function isCursor(value: unknown): value is TypeCursor {
	const cursor = value as Partial<TypeCursor> | undefined;
	return (
		typeof cursor === 'object' &&
		cursor !== null &&
		(cursor.since === null || (typeof cursor.since === 'string' && !Number.isNaN(Date.parse(cursor.since)))) &&
		Array.isArray(cursor.ids) &&
		cursor.ids.every((id) => typeof id === 'string')
	);
}

/** The cursors of a stored state, each type checked (anything else is dropped: a new baseline). */
function cursorsOf(value: unknown): Partial<Record<FileType, TypeCursor>> {
	const state = value as Partial<NewFileState> | undefined;
	if (typeof state !== 'object' || state === null || state.v !== 1 || typeof state.cursors !== 'object' || state.cursors === null) return {};
	const cursors: Partial<Record<FileType, TypeCursor>> = {};
	for (const type of FILE_TYPES) {
		const cursor = (state.cursors as Record<string, unknown>)[type];
		if (isCursor(cursor)) cursors[type] = cursor;
	}
	return cursors;
}

const createdAt = (file: FileInfo) => Date.parse(file.dateCreated);

function isNewer(cursor: TypeCursor): (file: FileInfo) => boolean {
	const since = cursor.since === null ? -Infinity : Date.parse(cursor.since);
	const ids = new Set(cursor.ids);
	return (file) => createdAt(file) >= since && !ids.has(file.id);
}

/** What one poll read of a type: the files in the order read, and whether the list was read to its end. */
export interface TypeReading {
	type: FileType;
	files: FileInfo[];
	complete: boolean;
}

/**
 * The cursor after a reading. Read to its end: the newest date read. Cut short: the last file's
 * date if every page came oldest first (the rest is then at or after it), else the cursor stays
 * and the ids reported are carried, so exactly-once never rests on the order Evo Voice sorts in.
 */
export function nextCursor(cursor: TypeCursor, reading: TypeReading): { cursor: TypeCursor; ordered: boolean } {
	const dates = reading.files.map(createdAt);
	const ordered = dates.every((date, index) => index === 0 || dates[index - 1] <= date);
	if (reading.files.length === 0) return { cursor, ordered };
	if (!reading.complete && !ordered) {
		const since = cursor.since === null ? -Infinity : Date.parse(cursor.since);
		const carried = reading.files.filter((file) => createdAt(file) >= since).map((file) => file.id);
		return { cursor: { since: cursor.since, ids: [...new Set([...cursor.ids, ...carried])].sort() }, ordered };
	}
	const newest = Math.max(...dates, cursor.since === null ? -Infinity : Date.parse(cursor.since));
	const atNewest = reading.files.filter((file) => createdAt(file) === newest).map((file) => file.id);
	const kept = cursor.since !== null && Date.parse(cursor.since) === newest ? cursor.ids : [];
	return { cursor: { since: new Date(newest).toISOString(), ids: [...new Set([...kept, ...atNewest])].sort() }, ordered };
}

/** What one poll stops at: a page bound per type, and half of n8n's poll budget. */
class FileBudget {
	private readonly deadline: number;

	constructor(budgetMs: number) {
		// The other half is for the downloads and requests already under way.
		this.deadline = Date.now() + budgetMs / 2;
	}

	get spent(): boolean {
		return Date.now() > this.deadline;
	}
}

class FileReader {
	readonly client: EvoVoiceClient;

	constructor(private readonly context: IPollFunctions) {
		this.client = new EvoVoiceClient(context);
	}

	/** One ListFiles page; records without a readable dateCreated are skipped and logged. */
	async page(query: ListFiles): Promise<{ files: FileInfo[]; hasMorePages: boolean }> {
		const { items, hasMorePages } = await callEndpoint(this.client, 'ListFiles', {
			query: { ...query, countPerPage: query.countPerPage ?? FILE_PAGE_SIZE, simplifiedPaging: true },
		});
		const files = items.filter((file) => {
			if (typeof file.dateCreated === 'string' && !Number.isNaN(Date.parse(file.dateCreated))) return true;
			this.context.logger.warn('Evo Voice Trigger: skipped a ListFiles record without a readable dateCreated', { id: file.id });
			return false;
		});
		return { files, hasMorePages: hasMorePages === true };
	}

	/** The newest files of a type (ListFiles newest first, one page): the baseline and Fetch Test Event. */
	async newest(type: FileType, countPerPage: number): Promise<FileInfo[]> {
		const { files } = await this.page({ type, sortField: 'DateCreated', sortOrder: 'Descend', countPerPage, page: 0 });
		return files.sort((a, b) => createdAt(b) - createdAt(a) || a.id.localeCompare(b.id));
	}

	/**
	 * ListFiles of a type created at or after the cursor's date, oldest first, page by page while
	 * there are more and the bounds allow. Evo Voice's `sortOrder=Ascend` on DateCreated is
	 * inferred: the cursor (nextCursor) checks the order it got instead of relying on it.
	 */
	async since(type: FileType, cursor: TypeCursor, budget: FileBudget, cap: number): Promise<TypeReading> {
		const query: ListFiles = { type, sortField: 'DateCreated', sortOrder: 'Ascend' };
		if (cursor.since !== null) query.dateCreatedStart = cursor.since;
		const isNew = isNewer(cursor);
		const files: FileInfo[] = [];
		const read = new Set<string>();
		let fresh = 0;
		for (let page = 0; page < MAX_FILE_PAGES_PER_POLL && !budget.spent; page++) {
			const answer = await this.page({ ...query, page });
			for (const file of answer.files) {
				if (read.has(file.id)) continue;
				// Up to `cap` new files: the reading ends at the last one kept.
				if (isNew(file) && ++fresh > cap) return { type, files, complete: false };
				read.add(file.id);
				files.push(file);
			}
			if (!answer.hasMorePages) return { type, files, complete: true };
		}
		return { type, files, complete: false };
	}
}

/** The item of a new file: its json (with `transcriptionPending` for audio), and its bytes when asked. */
function itemOf(file: FileInfo, simplify: boolean): INodeExecutionData {
	const json: IDataObject = { event: NEW_FILE_EVENT, ...fileJson(file, simplify) };
	// Evo Voice may transcribe a voicemail or recording after the file appears; it is not reported again then.
	if (file.type === 'VoiceMessage' || file.type === 'CallRecording') json.transcriptionPending = !file.transcription?.trim();
	return { json };
}

function chosenTypes(context: IPollFunctions): FileType[] {
	const types = context.getNodeParameter('fileTypes', []) as unknown;
	if (!Array.isArray(types) || types.length === 0 || types.some((type) => !(FILE_TYPES as readonly unknown[]).includes(type))) {
		throw new NodeOperationError(context.getNode(), `File Types must be one or more of ${FILE_TYPES.join(', ')}`, {
			description: `Got ${JSON.stringify(types)}`,
		});
	}
	return [...new Set(types as FileType[])];
}

/** A poll's New File outcome: its items, and the cursor to write once the whole poll succeeded. */
export interface NewFilePoll {
	items: INodeExecutionData[];
	/** Whether session events are chosen too (their poll then runs before `commit`). */
	withSessionEvents: boolean;
	/** Writes the New File cursor into the node's static data (nothing in manual mode). */
	commit(): void;
}

/**
 * New File for one poll: every request (ListFiles per type, the downloads) is made here, and
 * nothing is written until `commit`. Fetch Test Event shows the most recent file of the chosen types.
 */
export async function readNewFiles(context: IPollFunctions): Promise<NewFilePoll> {
	const events = context.getNodeParameter('events', []) as string[];
	const withSessionEvents = events.some((event) => event !== NEW_FILE_EVENT);
	if (!events.includes(NEW_FILE_EVENT)) return { items: [], withSessionEvents, commit: () => undefined };
	const types = chosenTypes(context);
	const simplify = context.getNodeParameter('simplify', true) as boolean;
	const download = context.getNodeParameter('downloadFile', false) as boolean;
	const reader = new FileReader(context);
	const withBytes = async (files: FileInfo[]) => {
		const items: INodeExecutionData[] = [];
		// One download at a time, so only one body is in flight.
		for (const file of files) {
			const item = itemOf(file, simplify);
			if (download) item.binary = { data: await downloadFile(context, reader.client, file) };
			items.push(item);
		}
		return items;
	};

	if (context.getMode() === 'manual') {
		const newest = (await Promise.all(types.map(async (type) => await reader.newest(type, 1)))).flat();
		newest.sort((a, b) => createdAt(b) - createdAt(a));
		if (newest.length === 0 && !withSessionEvents) {
			throw new NodeOperationError(context.getNode(), 'No file of the chosen File Types exists in Evo Voice yet', {
				description: 'Fetch Test Event shows the most recent file of the chosen types: leave a voicemail (or change File Types) and fetch again.',
			});
		}
		return { items: await withBytes(newest.slice(0, 1)), withSessionEvents, commit: () => undefined };
	}

	const staticData = context.getWorkflowStaticData('node');
	const previous = cursorsOf(staticData[FILE_STATE_KEY]);
	const next: Partial<Record<FileType, TypeCursor>> = {};
	const budget = new FileBudget(context.getPollBudgetMs?.() ?? DEFAULT_POLL_BUDGET_MS);
	const reported: FileInfo[] = [];
	for (const type of types) {
		const cursor = previous[type];
		if (cursor === undefined) {
			// The baseline of this type: its newest files are known, nothing older is reported.
			const newest = await reader.newest(type, FILE_PAGE_SIZE);
			next[type] = newest.length === 0 ? { since: null, ids: [] } : nextCursor({ since: null, ids: [] }, { type, files: newest, complete: true }).cursor;
			continue;
		}
		const cap = download ? MAX_DOWNLOADS_PER_POLL - reported.length : Infinity;
		if (budget.spent || cap <= 0) {
			next[type] = cursor;
			continue;
		}
		const reading = await reader.since(type, cursor, budget, cap);
		const { cursor: moved, ordered } = nextCursor(cursor, reading);
		if (!reading.complete && !ordered) {
			context.logger.warn(`Evo Voice Trigger: ListFiles (${type}) did not come oldest first and had more than one poll reads; the rest is read again at the next poll`);
		}
		next[type] = moved;
		reported.push(...reading.files.filter(isNewer(cursor)));
	}
	const items = await withBytes(reported.sort((a, b) => createdAt(a) - createdAt(b) || a.id.localeCompare(b.id)));
	const state: NewFileState = { v: 1, cursors: next };
	return {
		items,
		withSessionEvents,
		commit: () => {
			// Static data is written whole when it changes: left untouched when nothing did.
			if (JSON.stringify(state) !== JSON.stringify(staticData[FILE_STATE_KEY])) staticData[FILE_STATE_KEY] = state as unknown as IDataObject;
		},
	};
}
