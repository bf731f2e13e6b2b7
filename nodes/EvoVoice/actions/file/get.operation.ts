import type { OperationDeclaration } from '../declaration';
import { BINARY_PROPERTY_OPTION, DOWNLOAD_PROPERTY, SIMPLIFY_FILE_PROPERTY, downloadChoice, fileIdProperty, fileItems } from './fileProperties';

export const get: OperationDeclaration = {
	resource: 'file',
	operation: 'get',
	name: 'Get',
	description: 'Get one file (recording, voicemail, fax…) by ID, optionally with its bytes',
	action: 'Get a recording, voicemail or fax file by ID',
	endpoints: ['GetFile'],
	properties: [fileIdProperty('The ID of the file to get, as File → Get Many or Recording → Get Many gives it'), SIMPLIFY_FILE_PROPERTY, DOWNLOAD_PROPERTY],
	options: [{ ...BINARY_PROPERTY_OPTION, displayOptions: { show: { '/download': [true] } } }],
	/** GetFile: GET /files/{fileId}; the bytes from the file's `uri` when Download is on. */
	async run(item) {
		const fileId = item.id('fileId');
		const choice = downloadChoice(item);
		const file = await item.request('GetFile', { path: { fileId } });
		return await fileItems(item, [file], choice);
	},
};
