import type { INodeExecutionData } from 'n8n-workflow';

import { collectPages } from '../../transport';
import type { OperationDeclaration } from '../declaration';
import { downloadFile } from '../file/download';
import { fileItems } from '../file/fileProperties';
import { returnAllProperties, sessionIdProperty } from '../parameters';

export const getMany: OperationDeclaration = {
	resource: 'recording',
	operation: 'getMany',
	name: 'Get Many',
	description: 'Get the recordings of a call, optionally downloaded as files. File → Get Many covers more: voicemail, faxes, filters and transcriptions.',
	action: 'Get the recordings of a call by session ID',
	endpoints: ['ListFiles'],
	properties: [
	sessionIdProperty('The ID of the call whose recordings to get (a session ID, as Get Active Sessions or Get Many Sessions gives it); its recordings stay after it ended', 'searchRecentSessions'),
	...returnAllProperties(),
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to download each recording into the item\'s binary data, e.g. to attach it in the next node',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the output binary field to put each recording in',
		displayOptions: { show: { download: [true] } },
	},
],
	/** ListFiles: GET /files?sessionId=&type=CallRecording, one output item per recording. */
	async run(item) {
		const sessionId = item.sessionId();
		const limit = item.limit();
		const download = item.downloads(item.value('download', false) === true);
		const binaryPropertyName = download ? item.binaryPropertyName('binaryPropertyName') : '';
		const recordings = await collectPages(item.client, 'ListFiles', { sessionId, type: 'CallRecording' }, limit, item.call);
		if (item.asTool) return await fileItems(item, recordings, { download: false, sessionId });
		const output: INodeExecutionData[] = [];
		for (const recording of recordings) {
			const entry = item.item(recording);
			if (download) {
				entry.binary = {
					[binaryPropertyName]: await downloadFile(item.context, item.client, recording, item.call),
				};
			}
			output.push(entry);
		}
		return output;
	},
};
