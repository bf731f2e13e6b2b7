import { collectPages } from '../../transport';
import type { FileInfo, FileType, ListFiles } from '../../transport/dto';
import { FILE_TYPES } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import type { ItemRun } from '../itemRun';
import { accountListFilter, customerListFilter, pickedIdList } from '../directoryParameters';
import { returnAllProperties, sessionIdProperty } from '../parameters';
import { BINARY_PROPERTY_OPTION, DOWNLOAD_PROPERTY, FILE_TYPE_OPTIONS, SIMPLIFY_FILE_PROPERTY, downloadChoice, fileItems } from './fileProperties';

/** The Filters collection's session picker, as the Recording operation's but optional. */
const SESSION_FILTER = {
	...sessionIdProperty('Only the files of this call or chat; its files stay after it ended', 'searchRecentSessions'),
	required: false,
	default: { mode: 'id', value: '' },
};

const DAY_MS = 86_400_000;

function newestFirst(a: FileInfo, b: FileInfo): number {
	return (Date.parse(b.dateCreated) || 0) - (Date.parse(a.dateCreated) || 0) || a.id.localeCompare(b.id);
}

/** The filters as ListFiles takes them (one type per request), checked before any request. */
function filtersOf(item: ItemRun): { query: ListFiles; types: FileType[]; sessionId?: string } {
	const types = item.value('filters.types', []);
	if (!Array.isArray(types) || types.some((type) => !(FILE_TYPES as readonly unknown[]).includes(type))) {
		throw item.fail('filters.types', `must be a list of ${FILE_TYPES.join(', ')}`, { got: JSON.stringify(types) });
	}
	const sessionId = item.optionalId('filters.sessionId');
	const dateCreatedStart = item.date('filters.dateCreatedStart');
	const dateCreatedEnd = item.date('filters.dateCreatedEnd');
	// A date without a time ends the range at the end of that day.
	const endMs = dateCreatedEnd && Date.parse(dateCreatedEnd) + (dateCreatedEnd.length === 10 ? DAY_MS - 1 : 0);
	if (dateCreatedStart && endMs && Date.parse(dateCreatedStart) > endMs) {
		throw item.fail('filters.dateCreatedEnd', 'must not be before "Created After"', { got: `"${dateCreatedEnd}"` });
	}
	const query: ListFiles = {
		sessionId,
		dateCreatedStart,
		dateCreatedEnd,
		fileName: item.optionalText('filters.fileName'),
		contentType: item.optionalText('filters.contentType'),
		transcriptionContains: item.optionalText('filters.transcriptionContains'),
		accountIds: pickedIdList(item, 'filters.accountIds'),
		customerIds: pickedIdList(item, 'filters.customerIds'),
	};
	return { query, types: [...new Set(types as FileType[])], sessionId };
}

export const getMany: OperationDeclaration = {
	resource: 'file',
	operation: 'getMany',
	name: 'Get Many',
	description: 'List call recordings, voicemail, faxes and other files, optionally with their bytes',
	action: 'List recordings, voicemail, faxes and other files',
	endpoints: ['ListFiles'],
	properties: [
		...returnAllProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				accountListFilter('files'),
				{
					displayName: 'Content Type',
					name: 'contentType',
					type: 'string',
					default: '',
					placeholder: 'e.g. audio/',
					description: 'Only files whose MIME type contains this text',
				},
				{
					displayName: 'Created After',
					name: 'dateCreatedStart',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-11-24T09:00:00Z',
					description: 'Only files created at or after this ISO 8601 date or date-time (sent in UTC)',
				},
				{
					displayName: 'Created Before',
					name: 'dateCreatedEnd',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-11-25',
					description: 'Only files created at or before this ISO 8601 date or date-time (sent in UTC)',
				},
				customerListFilter('files'),
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: 'Only files whose original name contains this text',
				},
				SESSION_FILTER,
				{
					displayName: 'Transcription Contains',
					name: 'transcriptionContains',
					type: 'string',
					default: '',
					description: 'Only files whose transcription contains this text',
				},
				{
					displayName: 'Types',
					name: 'types',
					type: 'multiOptions',
					options: FILE_TYPE_OPTIONS,
					default: [],
					description: 'Only files of these types; none chosen means all. Evo Voice filters one type per request, so each chosen type costs its own requests.',
				},
			],
		},
		SIMPLIFY_FILE_PROPERTY,
		DOWNLOAD_PROPERTY,
	],
	options: [{ ...BINARY_PROPERTY_OPTION, displayOptions: { show: { '/download': [true] } } }],
	/**
	 * ListFiles: GET /files with the filters, page by page; once per chosen type (Evo Voice takes
	 * one), the lists merged newest first and cut to the Limit.
	 */
	async run(item) {
		const limit = item.limit();
		const { query, types, sessionId } = filtersOf(item);
		const choice = downloadChoice(item);
		const typeQueries = types.length === 0 ? [query] : types.map((type) => ({ ...query, type }));
		const lists: FileInfo[][] = [];
		for (const typeQuery of typeQueries) lists.push(await collectPages(item.client, 'ListFiles', typeQuery, limit, item.call));
		const files = lists.length === 1 ? lists[0] : lists.flat().sort(newestFirst).slice(0, limit);
		return await fileItems(item, files, { ...choice, sessionId });
	},
};
