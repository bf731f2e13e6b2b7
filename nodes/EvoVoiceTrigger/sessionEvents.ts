/**
 * The trigger's bookkeeping, free of I/O: what it remembers between polls, and which events a
 * poll's readings make. Every session a poll saw, from whichever request, goes through one
 * accounting, so each session is reported started once and ended once.
 */
import type { SessionInfo } from '../EvoVoice/transport/dto';
import {
	SESSION_CALL_STATES,
	SESSION_DIAL_STATES,
	SESSION_HOLD_REASONS,
	SESSION_MEMBER_CALL_STATES,
	SESSION_QUEUE_STATES,
} from '../EvoVoice/transport/dto';

export type SessionEventName = 'sessionStarted' | 'sessionChanged' | 'sessionEnded';

/** The watched session fields and the values Evo Voice documents for each (kept as one character). */
const WATCHED_FIELDS = [
	['callState', SESSION_CALL_STATES],
	['queueState', SESSION_QUEUE_STATES],
	['dialState', SESSION_DIAL_STATES],
	['holdReason', SESSION_HOLD_REASONS],
] as const;

const ENDED_REPORTED = 'E';
const SEPARATOR = '|';

/**
 * The state kept in the node's static data. Arrays rather than objects keyed by session id, so
 * no id (`__proto__`, `constructor`) can reach a prototype, and a few dozen bytes per session.
 */
export interface TriggerState {
	v: 2;
	/**
	 * A hash of the filters that chose the tracked sessions: under other filters the state says
	 * nothing about what is watched. Missing from states saved before it was recorded.
	 */
	filtersHash?: string;
	/** Each tracked session: [id, watched code] (see `watchedCode`). */
	live: Array<[string, string]>;
	/**
	 * Include Sessions Between Polls has its cursor: ListSessions was read with it on, so a listed
	 * session created after `since` (any, while no session has been seen) is new. Without it, what
	 * ListSessions lists may be older than the option being switched on.
	 */
	betweenPolls?: true;
	/** Include Sessions Between Polls: every session created before this instant is accounted for… */
	since?: string;
	/** …and those created at that instant with these ids. */
	sinceIds?: string[];
	/** A ListSessions backlog cut short by the poll budget: the page to read on from. */
	resumePage?: number;
	/** Ids created at or after `since` already reported while a backlog is read. */
	carried?: string[];
}

export interface SessionEvent {
	event: SessionEventName;
	session: SessionInfo;
	/** For Session Changed: each watched field that changed → its previous value (null if new). */
	changes?: Record<string, string | null>;
	/** For Session Ended: whether `session` is the session's final record, or only its id. */
	finalRecord?: boolean;
}

/**
 * A short, stable hash (FNV-1a, base 36): names a member without keeping its 34-character SID,
 * and the filters a state was made under.
 */
export function shortHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	}
	return hash.toString(36).padStart(7, '0');
}

function encodeValue(value: unknown, known: readonly string[]): string {
	const text = String(value ?? '');
	const index = known.indexOf(text);
	return index >= 0 ? index.toString(36) : `=${encodeURIComponent(text)}`;
}

function decodeValue(code: string, known: readonly string[]): string {
	return code.startsWith('=') ? decodeURIComponent(code.slice(1)) : (known[parseInt(code, 36)] ?? '');
}

function memberKey(member: { callSid?: unknown; identity?: unknown }): string {
	return String(member.callSid || member.identity || '');
}

/**
 * The watched fields of a session as one short string: one character per documented enum value,
 * the conference SID, and per member a hash of its call SID (or identity) with its call state.
 * Equal codes mean nothing watched changed; the previous values of the fields stay readable.
 */
export function watchedCode(session: SessionInfo, endedReported: boolean): string {
	const record = session as unknown as Record<string, unknown>;
	const members = Array.isArray(session.members) ? session.members : [];
	return [
		endedReported ? ENDED_REPORTED : '',
		...WATCHED_FIELDS.map(([field, known]) => encodeValue(record[field], known)),
		encodeURIComponent(String(session.conferenceSid ?? '')),
		...members.map((member) => shortHash(memberKey(member)) + encodeValue(member.callState, SESSION_MEMBER_CALL_STATES)),
	].join(SEPARATOR);
}

function endedReportedIn(code: string): boolean {
	return code.startsWith(ENDED_REPORTED);
}

/** Each watched field that changed → its previous value, read back from the previous code. */
function changesSince(previousCode: string, session: SessionInfo): Record<string, string | null> {
	const [, ...previous] = previousCode.split(SEPARATOR);
	const [, ...current] = watchedCode(session, false).split(SEPARATOR);
	const changes: Record<string, string | null> = {};
	WATCHED_FIELDS.forEach(([field, known], index) => {
		if (previous[index] !== current[index]) changes[field] = decodeValue(previous[index] ?? '', known);
	});
	const conference = WATCHED_FIELDS.length;
	if (previous[conference] !== current[conference]) {
		changes.conferenceSid = decodeURIComponent(previous[conference] ?? '');
	}
	const previousMembers = new Map(previous.slice(conference + 1).map((entry) => [entry.slice(0, 7), entry.slice(7)]));
	const members = Array.isArray(session.members) ? session.members : [];
	for (const member of members) {
		const hash = shortHash(memberKey(member));
		const before = previousMembers.get(hash);
		previousMembers.delete(hash);
		if (before === undefined) changes[`members.${memberKey(member)}.callState`] = null;
		else if (before !== encodeValue(member.callState, SESSION_MEMBER_CALL_STATES)) {
			changes[`members.${memberKey(member)}.callState`] = decodeValue(before, SESSION_MEMBER_CALL_STATES);
		}
	}
	// A member that left can no longer be named (only its hash was kept): counted instead.
	if (previousMembers.size > 0) changes.membersLeft = String(previousMembers.size);
	return changes;
}

export function createdAt(session: SessionInfo): number {
	return Date.parse(session.dateCreated);
}

/** Whether a record can be accounted for: a non-empty string id and a readable creation date. */
export function isUsableSession(session: SessionInfo): boolean {
	return (
		typeof session.id === 'string' &&
		session.id !== '' &&
		typeof session.dateCreated === 'string' &&
		!Number.isNaN(Date.parse(session.dateCreated))
	);
}

function byCreation(a: SessionInfo, b: SessionInfo): number {
	return createdAt(a) - createdAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Everything one poll read; every list holds usable, channel-filtered records only. */
export interface PollReadings {
	/** AppGetActiveSessions: the live list. */
	live: SessionInfo[];
	/** ListSessions: sessions created since the previous poll (Include Sessions Between Polls). */
	recent: SessionInfo[];
	/** Final records of tracked sessions that left the live list, by id (ListSessions specificIds). */
	finals: Map<string, SessionInfo>;
	/** Tracked sessions that left the live list whose final record was not looked up this poll. */
	deferred: Set<string>;
}

/** The outcome of one accounting: events in order, the tracked sessions after it. */
export interface Accounting {
	events: SessionEvent[];
	live: Array<[string, string]>;
}

/** The tracked sessions of a state, by id. */
export function trackedSessions(state: TriggerState): Map<string, string> {
	return new Map(state.live);
}

/** A session known only by id, for a Session Ended item without a final record. */
function endedWithoutRecord(id: string): SessionInfo {
	return { id, ended: true } as SessionInfo;
}

/**
 * One accounting of every session a poll saw. `isNew` says whether a session the state does not
 * track was created after the previous poll's readings (so it is reported started).
 */
export function accountFor(
	tracked: Map<string, string>,
	readings: PollReadings,
	isNew: (session: SessionInfo) => boolean,
): Accounting {
	const events: SessionEvent[] = [];
	const next = new Map<string, string>();
	const seen = new Map<string, SessionInfo>();
	// The live list wins over the other readings of the same session: it is the current one.
	for (const session of [...readings.recent, ...readings.finals.values()]) seen.set(session.id, session);
	for (const session of readings.live) seen.set(session.id, session);
	const liveIds = new Set(readings.live.map((session) => session.id));

	for (const session of [...seen.values()].sort(byCreation)) {
		const previousCode = tracked.get(session.id);
		const live = liveIds.has(session.id);
		if (previousCode === undefined) {
			// An unknown live session is new whenever it started; a listed one only if created since.
			if (!live && !isNew(session)) continue;
			events.push({ event: 'sessionStarted', session });
		} else if (!session.ended) {
			const changes = changesSince(previousCode, session);
			if (Object.keys(changes).length > 0) events.push({ event: 'sessionChanged', session, changes });
		}
		const endReported = previousCode !== undefined && endedReportedIn(previousCode);
		if (session.ended && !endReported) events.push({ event: 'sessionEnded', session, finalRecord: true });
		// Tracked while listed (an ended one with its end reported) or not over, whichever request showed it.
		if (live || !session.ended) next.set(session.id, watchedCode(session, session.ended));
	}

	for (const [id, code] of tracked) {
		if (seen.has(id)) continue;
		if (readings.deferred.has(id)) next.set(id, code);
		else if (!endedReportedIn(code)) {
			events.push({ event: 'sessionEnded', session: endedWithoutRecord(id), finalRecord: false });
		}
	}
	return { events, live: [...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/** The newest creation instant among `sessions` and a previous one, with the ids created then. */
export function newestCreation(
	sessions: SessionInfo[],
	previous: { since?: string; sinceIds?: string[] },
): { since?: string; sinceIds?: string[] } {
	let newest = previous.since === undefined ? -Infinity : Date.parse(previous.since);
	let ids = new Set(previous.sinceIds ?? []);
	for (const session of sessions) {
		const instant = createdAt(session);
		if (instant > newest) {
			newest = instant;
			ids = new Set([session.id]);
		} else if (instant === newest) {
			ids.add(session.id);
		}
	}
	return newest === -Infinity ? {} : { since: new Date(newest).toISOString(), sinceIds: [...ids].sort() };
}

/** Whether a session was created after everything `state` accounts for. */
export function createdAfter(state: { since?: string; sinceIds?: string[] }): (session: SessionInfo) => boolean {
	if (state.since === undefined) return () => true;
	const since = Date.parse(state.since);
	const ids = new Set(state.sinceIds ?? []);
	return (session) => createdAt(session) > since || (createdAt(session) === since && !ids.has(session.id));
}

export function isTriggerState(value: unknown): value is TriggerState {
	const state = value as Partial<TriggerState> | undefined;
	return (
		typeof state === 'object' &&
		state !== null &&
		state.v === 2 &&
		Array.isArray(state.live) &&
		state.live.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string')
	);
}
