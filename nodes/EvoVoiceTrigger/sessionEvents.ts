import type { IDataObject } from 'n8n-workflow';

import { simplifySession } from '../EvoVoice/helpers/simplify';
import type { SessionInfo } from '../EvoVoice/transport/dto';

export type SessionEventName = 'sessionStarted' | 'sessionChanged' | 'sessionEnded';

/** The session fields whose change is a Session Changed event, besides each member's callState. */
export const WATCHED_SESSION_FIELDS = [
	'callState',
	'queueState',
	'dialState',
	'holdReason',
	'conferenceSid',
] as const satisfies ReadonlyArray<keyof SessionInfo>;

/** What the trigger remembers of one live session until the next poll. */
export interface TrackedSession {
	/** The simplified session, for the Session Ended item once it has left the live list. */
	snapshot: IDataObject;
	/** Watched field (or `members.<call SID or identity>.callState`) → value. */
	watched: Record<string, string>;
	/** Whether Session Ended was already reported while it was still listed. */
	endedReported: boolean;
}

/**
 * The trigger's memory between polls: the live sessions, and the newest creation date seen
 * (with the ids created at that instant), to recognise sessions that came and went between
 * two polls. It is bounded by the live set: ended sessions are forgotten.
 */
export interface TriggerState {
	sessions: Record<string, TrackedSession>;
	newestCreated: string;
	newestCreatedIds: string[];
}

export interface SessionEvent {
	event: SessionEventName;
	session: IDataObject;
	/** For Session Changed: each watched field that changed → its previous value (null if new). */
	changes?: Record<string, string | null>;
}

export function watchedValues(session: SessionInfo): Record<string, string> {
	const values: Record<string, string> = {};
	for (const field of WATCHED_SESSION_FIELDS) values[field] = String(session[field] ?? '');
	for (const member of session.members ?? []) {
		values[`members.${member.callSid || member.identity}.callState`] = String(member.callState);
	}
	return values;
}

function changesBetween(
	previous: Record<string, string>,
	current: Record<string, string>,
): Record<string, string | null> {
	const changes: Record<string, string | null> = {};
	for (const key of new Set([...Object.keys(previous), ...Object.keys(current)])) {
		if (previous[key] !== current[key]) changes[key] = previous[key] ?? null;
	}
	return changes;
}

function createdAt(session: { dateCreated?: unknown }): number {
	const parsed = Date.parse(String(session.dateCreated ?? ''));
	return Number.isNaN(parsed) ? 0 : parsed;
}

function byCreation(a: SessionInfo, b: SessionInfo): number {
	return createdAt(a) - createdAt(b) || a.id.localeCompare(b.id);
}

function track(session: SessionInfo, endedReported: boolean): TrackedSession {
	return { snapshot: simplifySession(session), watched: watchedValues(session), endedReported };
}

/** The newest creation instant among `sessions` and the previous one, with its ids. */
function newestCreation(
	sessions: SessionInfo[],
	previous: Pick<TriggerState, 'newestCreated' | 'newestCreatedIds'>,
): Pick<TriggerState, 'newestCreated' | 'newestCreatedIds'> {
	let newest = previous.newestCreated === '' ? 0 : Date.parse(previous.newestCreated);
	let ids = new Set(previous.newestCreatedIds);
	for (const session of sessions) {
		const instant = createdAt(session);
		if (instant > newest) {
			newest = instant;
			ids = new Set([session.id]);
		} else if (instant === newest) {
			ids.add(session.id);
		}
	}
	return {
		newestCreated: newest === 0 ? '' : new Date(newest).toISOString(),
		newestCreatedIds: [...ids].sort(),
	};
}

/** The state a first poll records: everything live now is known, nothing is reported. */
export function baselineState(live: SessionInfo[], recent: SessionInfo[]): TriggerState {
	const sessions: Record<string, TrackedSession> = {};
	for (const session of live) sessions[session.id] = track(session, session.ended);
	return { sessions, ...newestCreation([...live, ...recent], { newestCreated: '', newestCreatedIds: [] }) };
}

/**
 * Compares a poll with the previous state.
 * - `live`: the sessions listed as active now.
 * - `recent`: sessions created since the previous poll's newest creation, live or not (empty
 *   unless the trigger looks for sessions that started and ended between two polls).
 */
export function sessionEvents(
	previous: TriggerState,
	live: SessionInfo[],
	recent: SessionInfo[],
	toJson: (session: SessionInfo) => IDataObject,
): { events: SessionEvent[]; next: TriggerState } {
	const events: SessionEvent[] = [];
	const sessions: Record<string, TrackedSession> = {};
	const liveIds = new Set(live.map((session) => session.id));
	const previousNewest = previous.newestCreated === '' ? 0 : Date.parse(previous.newestCreated);
	const createdSincePrevious = (session: SessionInfo) =>
		createdAt(session) > previousNewest ||
		(createdAt(session) === previousNewest && !previous.newestCreatedIds.includes(session.id));

	for (const session of [...live].sort(byCreation)) {
		const known = previous.sessions[session.id];
		if (!known) events.push({ event: 'sessionStarted', session: toJson(session) });
		const endedNow = session.ended && !known?.endedReported;
		if (endedNow) {
			events.push({ event: 'sessionEnded', session: toJson(session) });
		} else if (known) {
			const changes = changesBetween(known.watched, watchedValues(session));
			if (Object.keys(changes).length > 0) {
				events.push({ event: 'sessionChanged', session: toJson(session), changes });
			}
		}
		sessions[session.id] = track(session, session.ended);
	}

	const recentById = new Map(recent.map((session) => [session.id, session]));
	for (const [id, known] of Object.entries(previous.sessions)) {
		if (liveIds.has(id) || known.endedReported) continue;
		const finalRecord = recentById.get(id);
		events.push({
			event: 'sessionEnded',
			session: finalRecord ? toJson(finalRecord) : { ...known.snapshot, ended: true },
		});
	}

	// Sessions that started, and here ended too, between the previous poll and this one.
	for (const session of [...recent].sort(byCreation)) {
		if (liveIds.has(session.id) || previous.sessions[session.id] || !createdSincePrevious(session)) continue;
		events.push({ event: 'sessionStarted', session: toJson(session) });
		if (session.ended) events.push({ event: 'sessionEnded', session: toJson(session) });
	}

	return { events, next: { sessions, ...newestCreation([...live, ...recent], previous) } };
}
