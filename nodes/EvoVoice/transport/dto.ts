/**
 * Evo Voice's ServiceStack DTOs as they travel on the wire (JSON, camelCase), mirroring the
 * metadata pages in shared/seeds. Enums travel as their names, so they are string unions here.
 */

export const SESSION_DIAL_STATES = ['None', 'Active'] as const;
export type SessionDialState = (typeof SESSION_DIAL_STATES)[number];

export const SESSION_CALL_STATES = ['Disconnected', 'Ringing', 'Connected', 'Hold', 'Passive'] as const;
export type SessionCallState = (typeof SESSION_CALL_STATES)[number];

export const SESSION_QUEUE_STATES = [
	'None',
	'Queued',
	'Ringing',
	'Connected',
	'Hold',
	'Disconnected',
] as const;
export type SessionQueueState = (typeof SESSION_QUEUE_STATES)[number];

export const SESSION_DIRECTIONS = ['Incoming', 'Outgoing'] as const;
export type SessionDirection = (typeof SESSION_DIRECTIONS)[number];

export const SESSION_HOLD_REASONS = ['None', 'Transferring'] as const;
export type SessionHoldReason = (typeof SESSION_HOLD_REASONS)[number];

export const FLOW_CHANNELS = ['Voice', 'Chat', 'Fax'] as const;
export type FlowChannel = (typeof FLOW_CHANNELS)[number];

export const SESSION_MEMBER_CALL_STATES = ['None', 'Ringing', 'Connected', 'Hold'] as const;
export type SessionMemberCallState = (typeof SESSION_MEMBER_CALL_STATES)[number];

export const SESSION_MEMBER_ROLES = ['None', 'Caller', 'Agent', 'Transfer'] as const;
export type SessionMemberRole = (typeof SESSION_MEMBER_ROLES)[number];

/** Voice.Api.EntityInfo: the base of every stored object. */
export interface EntityInfo {
	id: string;
	dateCreated: string;
	dateLastModified: string;
	createdBy: string;
	lastModifiedBy: string;
}

/** Voice.Api.Customers.CustomerBreadcrumb */
export interface CustomerBreadcrumb {
	id: string;
	name: string;
}

/** Voice.Api.Sessions.SessionLogInfo */
export interface SessionLogInfo {
	date: string;
	message: string;
}

/** Voice.Api.Sessions.SessionMemberInfo */
export interface SessionMemberInfo {
	identity: string;
	endpointId: string;
	displayName: string;
	isOriginalMember: boolean;
	avatarUrl: string;
	applicationData: Record<string, string>;
	callState: SessionMemberCallState;
	role: SessionMemberRole;
	callSid: string;
	muted: boolean;
}

/** Voice.Api.Sessions.SessionInfo: what every session operation returns. */
export interface SessionInfo extends EntityInfo {
	dialState: SessionDialState;
	callState: SessionCallState;
	queueState: SessionQueueState;
	accountId: string;
	accountName: string;
	customerId: string;
	customerBreadcrumb: CustomerBreadcrumb[];
	customerName: string;
	endpointId: string;
	endpointName: string;
	dateCompleted: string;
	destination: string;
	toAddress: string;
	fromAddress: string;
	fromName: string;
	answeredByName: string;
	queueMemberId: string;
	channel: FlowChannel;
	ended: boolean;
	outcome: string;
	callSid: string;
	consoleData: string;
	holdQueueName: string;
	heldByUserId: string;
	holdReason: SessionHoldReason;
	conferenceSid: string;
	displayName: string;
	log: SessionLogInfo[];
	members: SessionMemberInfo[];
	callbackNumber: string;
	answeredById: string;
	direction: SessionDirection;
	fromPhoneNumber: string;
	mostRecentParticipantCallSid: string;
	wasMissed: boolean;
	ringQueueId: string;
}

/** Voice.Api.App.Portal.AppGetActiveSessions: GET /portal/active-sessions (query). */
export interface AppGetActiveSessions {
	accountId?: string;
	customerId?: string;
	startDate?: string;
}

export const SORT_ORDERS = ['Ascend', 'Descend'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** ServiceStack's ListRequest<T>: the paging fields every List* operation takes (query). */
export interface ListRequest {
	page?: number;
	all?: boolean;
	countPerPage?: number;
	/** Sent comma-joined, as ServiceStack reads lists from a query string. */
	specificIds?: string;
	sortField?: string;
	sortOrder?: SortOrder;
	simplifiedPaging?: boolean;
}

/** ServiceStack's ListResponse<T> */
export interface ListResponse<T> {
	items: T[];
	totalCount?: number;
	totalPages?: number;
	hasMorePages?: boolean;
}

/** Voice.Api.Sessions.ListSessions: GET /sessions (query); list fields comma-joined. */
export interface ListSessions extends ListRequest {
	accountIds?: string;
	searchArchive?: boolean;
	startDate?: string;
	endDate?: string;
	customerIds?: string;
	endpointIds?: string;
	from?: string;
	to?: string;
	log?: string;
	parentSessionId?: string;
}

/** Voice.Api.Sessions.HoldSession: POST /sessions/{sessionId}/hold */
export interface HoldSession {
	sessionId: string;
	callSid?: string;
	reason: SessionHoldReason;
}

/** Voice.Api.Sessions.AddConferenceMember: POST /sessions/{sessionId}/conference/members */
export interface AddConferenceMember {
	sessionId: string;
	callSid?: string;
	destination: string;
	fromNumber?: string;
}

/** Voice.Api.Sessions.InviteChatMember: POST /sessions/{sessionId}/members */
export interface InviteChatMember {
	sessionId: string;
	memberToAdd: string;
	callerId?: string;
}

/** ServiceStack's ResponseError: one field's validation failure. */
export interface ResponseError {
	errorCode: string;
	fieldName: string;
	message: string;
	meta?: Record<string, string>;
}

/** ServiceStack's ResponseStatus: the body of every failed request. */
export interface ResponseStatus {
	errorCode: string;
	message?: string;
	stackTrace?: string;
	errors?: ResponseError[];
	meta?: Record<string, string>;
}

/** ServiceStack's Authenticate request: POST /auth/credentials */
export interface Authenticate {
	provider: 'credentials';
	userName: string;
	password: string;
	rememberMe: boolean;
}

/** ServiceStack's AuthenticateResponse (the fields Evo Voice fills). */
export interface AuthenticateResponse {
	userId: string;
	sessionId: string;
	userName: string;
	displayName: string;
	roles?: string[];
	permissions?: string[];
	responseStatus?: ResponseStatus;
}

/** Voice.Api.Auth.UserInfo: GET /auth/status */
export interface UserInfo {
	id: string;
	isAuthenticated: boolean;
	firstName: string;
	lastName: string;
	name: string;
	avatarUrl: string;
	emailAddress: string;
	roles: string[];
	accountIds: string[];
	accountNames: string[];
}

/** Voice.Api.Sessions.EndSession: DELETE /sessions/{sessionId}?callSid= (no answer body shown). */
export interface EndSession {
	sessionId: string;
	callSid?: string;
}

/** Voice.Api.Sessions.RedirectSession: POST /sessions/{sessionId}/redirect, a blind transfer. */
export interface RedirectSession {
	sessionId: string;
	destination: string;
	callerId?: string;
}

export const MESSAGE_DIRECTIONS = ['Incoming', 'Outgoing'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/** Voice.Api.Messaging.SendMessage: POST /sessions/{sessionId}/messages */
export interface SendMessage {
	sessionId: string;
	body: string;
}

/** Voice.Api.Messaging.MessageInfo: what SendMessage answers. */
export interface MessageInfo {
	id: string;
	accountId: string;
	customerId: string;
	endpointId: string;
	endpointDisplayName: string;
	date: string;
	direction: MessageDirection;
	otherAddress: string;
	sender: string;
	text: string;
	isUnread: boolean;
}

/** Voice.Api.Sessions.GetChatTranscript: GET /sessions/{sessionId}/transcript (query). */
// Messaging: SMS outside a session, the message history, conversations.

/**
 * Voice.Api.Messaging.SendMessage at POST /messages: an SMS from a phone-number endpoint, outside
 * any session (with a `sessionId` Evo Voice would ignore `endpointId` and `toAddress`, so none is sent).
 */
export interface SendMessageToAddress {
	endpointId: string;
	toAddress: string;
	body: string;
}

/** Voice.Api.Messaging.ListMessages: GET /messages (query); list fields comma-joined. No direction filter. */
export interface ListMessages extends ListRequest {
	accountIds?: string;
	customerIds?: string;
	endpointIds?: string;
	conversationIds?: string;
	afterDate?: string;
}

/** Voice.Api.Messaging.ListConversations: GET /conversations (query); not paged. */
export interface ListConversations {
	accountIds?: string;
	customerIds?: string;
	endpointIds?: string;
	afterDate?: string;
}

/** Voice.Api.Messaging.ConversationInfo: one phone number endpoint with one other party. */
export interface ConversationInfo {
	id: string;
	endpointId: string;
	otherAddress: string;
	mostRecentMessage?: MessageInfo;
}

export interface ListConversationsResponse {
	conversations: ConversationInfo[];
}

export interface GetChatTranscript {
	includeHistorical?: boolean;
	historicalCutOffDate?: string;
}

/** Voice.Api.Sessions.ChatTranscriptMessage: every field is a string. */
export interface ChatTranscriptMessage {
	date: string;
	from: string;
	body: string;
	mediaUri: string;
	mediaContentType: string;
}

export interface GetChatTranscriptResponse {
	messages: ChatTranscriptMessage[];
}

/** Voice.Api.Sessions.DeleteChatMember: DELETE /sessions/{sessionId}/members/{memberId}?memberToRemove= */
export interface DeleteChatMember {
	sessionId: string;
	memberToRemove: string;
}

/** Voice.Api.Files.FileTypes, as Evo Voice names them (VoiceMessage is a voicemail). */
export const FILE_TYPES = ['Upload', 'VoiceMessage', 'CallRecording', 'Fax', 'Attachment', 'FaxOutgoing'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/**
 * Voice.Api.Files.FileInfo, as the ListFiles and GetFile pages show it. The node relies on `id`,
 * `dateCreated` and `uri`, and passes the rest through as Evo Voice sends them. FileInfo has no
 * session field (the session is a ListFiles filter only); the simulator adds one for its own use.
 */
export interface FileInfo extends EntityInfo {
	type?: FileType;
	accountId?: string;
	accountName?: string;
	customerId?: string;
	customerName?: string;
	userId?: string;
	userName?: string;
	/** "The original file name" */
	fileName?: string;
	/** "The URI of the file": the bytes are there, not in GetFile's answer. */
	uri: string;
	contentType?: string;
	contentLength?: number;
	recordingSid?: string;
	/** Seconds. */
	recordingDuration?: number;
	recordingFrom?: string;
	transcription?: string;
	fromAddress?: string;
	toAddress?: string;
	aiTranscription?: string;
}

/** Voice.Api.Files.ListFiles: GET /files (query); list fields comma-joined, `type` one value per request. */
export interface ListFiles extends ListRequest {
	accountIds?: string;
	customerIds?: string;
	sessionId?: string;
	fileName?: string;
	contentType?: string;
	type?: FileType;
	dateCreatedStart?: string;
	dateCreatedEnd?: string;
	userId?: string;
	transcriptionContains?: string;
}

/** Voice.Api.Sessions.NewOutgoingSession: POST /sessions/outgoing (Manager role; no answer shown). */
export interface NewOutgoingSession {
	flowId: string;
	numberToDial: string;
	callerId?: string;
}

// Directory: endpoints (phone numbers, users, teams), flows, customers, the signed-in user's accounts.

/** Voice.Api.Endpoints.EndpointTypes, as the CLI lists them (the enum was cut off the metadata pages). */
export const ENDPOINT_TYPES = [
	'PhoneNumber',
	'User',
	'Team',
	'Email',
	'Fax',
	'EmergencyAddress',
	'SipTrunk',
	'AssistantBot',
] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

/**
 * Voice.Api.Endpoints.EndpointInfo. The fields up to `isVirtualPhoneNumber` are on the metadata
 * page; `phoneNumber`, `emailAddress` and `userMode` are inferred from the filter names (the
 * page was cut off), so they are optional and only ever read for labels.
 */
export interface EndpointInfo extends EntityInfo {
	accountId: string;
	accountName: string;
	customerId?: string;
	customerName?: string;
	referenceId?: string;
	customerBreadcrumb?: CustomerBreadcrumb[];
	displayName: string;
	type: EndpointType;
	extraInformation?: string;
	flowId?: string;
	flowName?: string;
	flowParams?: Struct;
	disableSms?: boolean;
	isVirtualPhoneNumber?: boolean;
	phoneNumber?: string;
	emailAddress?: string;
	userMode?: string;
}

/** Voice.Api.Endpoints.ListEndpoints: GET /endpoints (query); list fields comma-joined. */
export interface ListEndpoints extends ListRequest {
	accountIds?: string;
	customerIds?: string;
	flowIds?: string;
	nameFilter?: string;
	phoneNumberFilter?: string;
	type?: EndpointType;
}

/** Voice.Api.Flows.FlowInfo: lists may leave `nodes` out. */
export interface FlowInfo extends EntityInfo {
	name: string;
	roles?: string[];
	description?: string;
	notes?: string;
	accountId: string;
	accountName: string;
	customerId?: string;
	customerName?: string;
	customerBreadcrumb?: CustomerBreadcrumb[];
	nodeCount?: number;
}

/** Voice.Api.Flows.ListFlows: GET /flows (query). */
export interface ListFlows extends ListRequest {
	accountIds?: string;
	customerIds?: string;
	nameFilter?: string;
}

/**
 * Google's Struct as Evo Voice carries custom data: each field's name is a key, each value an
 * object naming its kind ({"stringValue": "East"}, {"numberValue": 12}, {"boolValue": true}).
 */
export interface StructValue {
	boolValue?: boolean;
	stringValue?: string;
	numberValue?: number;
	listValue?: Struct[];
	structValue?: Struct;
}
export type Struct = Record<string, StructValue>;

/** Voice.Api.Customers.CustomerInfo: note `breadcrumb`, where other records have `customerBreadcrumb`. */
export interface CustomerInfo extends EntityInfo {
	accountId: string;
	accountName: string;
	parentCustomerId?: string;
	breadcrumb?: CustomerBreadcrumb[];
	isStaging?: boolean;
	name: string;
	referenceId?: string;
	data?: Struct;
}

/** Voice.Api.Customers.ListCustomers: GET /customers (query). */
export interface ListCustomers extends ListRequest {
	accountIds?: string;
	nameFilter?: string;
	parentCustomerIds?: string;
}

/** Voice.Api.Customers.NewCustomer: POST /customers (body). */
export interface NewCustomer {
	accountId: string;
	name: string;
	referenceId?: string;
	parentCustomerId?: string;
	data?: Struct;
}

/** Voice.Api.Customers.PatchCustomer: PATCH /customers/{customerId}; only the fields to change are sent. */
export interface PatchCustomer {
	name?: string;
	referenceId?: string;
	parentCustomerId?: string;
	data?: Struct;
}
