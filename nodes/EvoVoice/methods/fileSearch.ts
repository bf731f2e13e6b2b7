import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { EvoVoiceClient, callEndpoint } from '../transport';
import type { FileInfo } from '../transport/dto';
import { FILE_TYPE_OPTIONS } from '../actions/file/fileProperties';

/** How many of the most recent files the File picker lists. */
const RECENT_FILES = 50;

/** A label that tells files apart: name, type, and when it was made (UTC, to the minute). */
function fileLabel(file: FileInfo): string {
	const type = FILE_TYPE_OPTIONS.find((option) => option.value === file.type)?.name ?? file.type ?? 'File';
	const when = Number.isNaN(Date.parse(file.dateCreated)) ? '' : ` · ${new Date(file.dateCreated).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
	return `${file.fileName || file.id} · ${type}${when}`;
}

/** The most recent files, newest first; the search text is Evo Voice's file name filter. */
export async function searchRecentFiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { items } = await callEndpoint(new EvoVoiceClient(this), 'ListFiles', {
		query: {
			fileName: filter?.trim() || undefined,
			sortField: 'DateCreated',
			sortOrder: 'Descend',
			countPerPage: RECENT_FILES,
			simplifiedPaging: true,
		},
	});
	const results = [...items]
		.sort((a, b) => (Date.parse(b.dateCreated) || 0) - (Date.parse(a.dateCreated) || 0))
		.map((file) => ({ name: fileLabel(file), value: file.id, description: `ID ${file.id}` }));
	return { results };
}
