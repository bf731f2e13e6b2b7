/** The parameters, simplified output and download step the File operations (and the trigger's New File) share. */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FileInfo } from '../../transport/dto';
import { FILE_TYPES } from '../../transport/dto';
import type { ItemRun } from '../itemRun';
import { bytesNote } from '../itemRun';
import { pickerProperty } from '../parameters';
import { downloadFile } from './download';

/** The file types as the editor lists them, with Evo Voice's value for each. */
export const FILE_TYPE_OPTIONS = [
	{ name: 'Attachment', value: 'Attachment' },
	{ name: 'Call Recording', value: 'CallRecording' },
	{ name: 'Fax (Received)', value: 'Fax' },
	{ name: 'Fax (Sent)', value: 'FaxOutgoing' },
	{ name: 'Upload', value: 'Upload' },
	{ name: 'Voicemail', value: 'VoiceMessage' },
] satisfies Array<{ name: string; value: (typeof FILE_TYPES)[number] }>;

/** The fields Simplify keeps: what the file is, how large and long, when, and what was said. */
export const SIMPLIFIED_FILE_FIELDS = [
	'id',
	'type',
	'fileName',
	'contentType',
	'contentLength',
	'recordingDuration',
	'dateCreated',
	'transcription',
] as const satisfies ReadonlyArray<keyof FileInfo>;

/**
 * A file as an output item's json: simplified, or whole. FileInfo has no session field, so the
 * session a list was filtered by is added as `sessionId` when it is known.
 */
export function fileJson(file: FileInfo, simplify: boolean, sessionId?: string): IDataObject {
	const json: IDataObject = {};
	if (simplify) for (const field of SIMPLIFIED_FILE_FIELDS) json[field] = file[field] ?? null;
	else Object.assign(json, file);
	if (sessionId !== undefined) json.sessionId = sessionId;
	return json;
}

export const SIMPLIFY_FILE_PROPERTY: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a simplified version of each file instead of the raw data: ID, type, file name, content type, size, duration, date, session (when filtered by one) and transcription',
};

export const DOWNLOAD_PROPERTY: INodeProperties = {
	displayName: 'Download',
	name: 'download',
	type: 'boolean',
	default: false,
	description: 'Whether to download each file\'s bytes into the item\'s binary data, e.g. to attach or store it in the next node',
};

/** The binary field a download goes into: an option, `data` unless changed. */
export const BINARY_PROPERTY_OPTION: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	description: 'The name of the output binary field to put the file in',
};

/** The File picker: recent files, newest first, searchable by file name; or an ID. */
export function fileIdProperty(description: string): INodeProperties {
	return pickerProperty({ displayName: 'File', name: 'fileId', description, searchListMethod: 'searchRecentFiles' });
}

/**
 * Output items for files, each with its bytes when downloading (one download at a time, so only
 * one body is in flight). A tool downloads nothing: each record says where its bytes are.
 */
export async function fileItems(
	item: ItemRun,
	files: FileInfo[],
	options: { download: boolean; binaryPropertyName?: string; sessionId?: string },
): Promise<INodeExecutionData[]> {
	const simplify = item.simplified(true);
	const download = item.downloads(options.download);
	const output: INodeExecutionData[] = [];
	for (const file of files) {
		const json = fileJson(file, simplify, options.sessionId);
		if (item.asTool) json.bytes = bytesNote(json);
		const entry = item.item(json);
		if (download) {
			const binary = await downloadFile(item.context, item.client, file, item.call);
			entry.binary = { [options.binaryPropertyName ?? 'data']: binary };
		}
		output.push(entry);
	}
	return output;
}

/** The Download switch and, when on, the binary field it fills, both checked before any request. */
export function downloadChoice(item: ItemRun): { download: boolean; binaryPropertyName?: string } {
	const download = item.optionalBoolean('download') ?? false;
	return download ? { download, binaryPropertyName: item.binaryPropertyName('options.binaryPropertyName') } : { download };
}
