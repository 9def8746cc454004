// Reads the stored state the hostile-inputs drill guards, with plain SQL on a connection of its own: the
// bot's repositories are what is under test, and a Prisma round trip per table per step would cost more
// than the step itself (about 1 ms each on SQLite). better-sqlite3 answers these in microseconds.
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqlitePath } from '../../src/storage/database.ts';

type Row = Record<string, unknown>;

export interface GroundTruth {
  dialect: 'sqlite' | 'postgresql';
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** Opens a reader on the database at `url`; SQL is written with `?` placeholders (or $n on PostgreSQL only) and quoted identifiers. */
export async function openGroundTruth(url: string): Promise<GroundTruth> {
  if (url.startsWith('file:')) {
    const db = new Database(sqlitePath(url), { readonly: true, fileMustExist: true });
    const cache = new Map<string, Database.Statement>();
    return {
      dialect: 'sqlite',
      async all(sql, params = []) {
        let statement = cache.get(sql);
        if (!statement) cache.set(sql, (statement = db.prepare(sql)));
        return statement.all(...params) as Row[];
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    dialect: 'postgresql',
    async all(sql, params = []) {
      let n = 0;
      // `?` placeholders are numbered in order; SQL written with $n already is sent as it is.
      const text = /\$\d/.test(sql) ? sql : sql.replace(/\?/g, () => `$${++n}`);
      return (await client.query(text, params)).rows as Row[];
    },
    async close() {
      await client.end();
    },
  };
}

export interface VoteRow {
  status: string;
  mode: string;
  meetingId: number;
  seq: number;
  result: string | null;
}

export interface Snapshot {
  /** Current members: id → their fields as JSON. */
  members: Map<number, string>;
  /** Linked accounts of current members on the memory channel: account → member. */
  accounts: Map<string, number>;
  votes: Map<number, VoteRow>;
  /** Show-of-hands ballots (member → choice) of the votes open now or in `previous`. */
  ballots: Map<number, Map<number, string>>;
  /** Electronic secret ballots open now or in `previous`: how many voted, and the counters' sum. */
  secret: Map<number, { voters: number; tally: number }>;
}

export const emptySnapshot = (): Snapshot => ({ members: new Map(), accounts: new Map(), votes: new Map(), ballots: new Map(), secret: new Map() });

const list = (ids: number[]) => ids.map(() => '?').join(', ');

/**
 * PostgreSQL: the whole snapshot in one round trip (six separate queries cost the drill more time than the
 * bot spent); the votes watched are those open now or open at the previous snapshot.
 */
const PG_SNAPSHOT = `
  WITH watched AS (SELECT "id", "mode" FROM "Vote" WHERE "cellId" = $1 AND ("status" = 'OPEN' OR "id" = ANY($2::int[])))
  SELECT
    (SELECT coalesce(json_agg(json_build_array(m."id", m."seq", m."fullName", m."membership", m."status", m."role", m."phone", m."admittedOn")), '[]')
       FROM "Member" m WHERE m."cellId" = $1 AND m."removedAt" IS NULL) AS members,
    (SELECT coalesce(json_agg(json_build_array(i."externalId", i."memberId")), '[]')
       FROM "MemberIdentity" i JOIN "Member" m ON m."id" = i."memberId" WHERE i."cellId" = $1 AND i."channel" = 'memory' AND m."removedAt" IS NULL) AS accounts,
    (SELECT coalesce(json_agg(json_build_array(v."id", v."status", v."mode", v."meetingId", v."seq", v."result")), '[]')
       FROM "Vote" v WHERE v."cellId" = $1) AS votes,
    (SELECT coalesce(json_agg(json_build_array(b."voteId", b."memberId", b."choice")), '[]')
       FROM "OpenBallot" b JOIN watched w ON w."id" = b."voteId" WHERE w."mode" = 'OPEN') AS ballots,
    (SELECT coalesce(json_agg(s."voteId"), '[]')
       FROM "SecretVoter" s JOIN watched w ON w."id" = s."voteId" WHERE w."mode" = 'ELECTRONIC') AS voters,
    (SELECT coalesce(json_agg(json_build_array(t."voteId", t."count")), '[]')
       FROM "SecretTally" t JOIN watched w ON w."id" = t."voteId" WHERE w."mode" = 'ELECTRONIC') AS tallies`;

async function readSnapshotPg(db: GroundTruth, cellId: number, previous: Snapshot | null): Promise<Snapshot> {
  const wasOpen = [...(previous?.votes ?? [])].filter(([, v]) => v.status === 'OPEN').map(([id]) => id);
  const [row] = await db.all(PG_SNAPSHOT, [cellId, wasOpen]);
  const r = row as { members: unknown[][]; accounts: [string, number][]; votes: unknown[][]; ballots: [number, number, string][]; voters: number[]; tallies: [number, number][] };
  const members = new Map(r.members.map(([id, ...fields]) => [Number(id), JSON.stringify(fields)]));
  const accounts = new Map(r.accounts.map(([account, member]) => [String(account), Number(member)]));
  const votes = new Map<number, VoteRow>(
    r.votes.map(([id, status, mode, meetingId, seq, result]) => [Number(id), { status: String(status), mode: String(mode), meetingId: Number(meetingId), seq: Number(seq), result: result === null ? null : String(result) }]),
  );
  const watched = new Set(wasOpen);
  for (const [id, v] of votes) if (v.status === 'OPEN') watched.add(id);
  const ballots = new Map<number, Map<number, string>>([...watched].filter((id) => votes.get(id)?.mode === 'OPEN').map((id) => [id, new Map()]));
  for (const [voteId, memberId, choice] of r.ballots) ballots.get(voteId)?.set(memberId, choice);
  const secret = new Map<number, { voters: number; tally: number }>([...watched].filter((id) => votes.get(id)?.mode === 'ELECTRONIC').map((id) => [id, { voters: 0, tally: 0 }]));
  for (const voteId of r.voters) secret.get(voteId)!.voters++;
  for (const [voteId, count] of r.tallies) secret.get(voteId)!.tally += count;
  return { members, accounts, votes, ballots, secret };
}

export async function readSnapshot(db: GroundTruth, cellId: number, previous: Snapshot | null): Promise<Snapshot> {
  if (!cellId) return emptySnapshot();
  if (db.dialect === 'postgresql') return readSnapshotPg(db, cellId, previous);
  const members = new Map(
    (await db.all('SELECT "id", "seq", "fullName", "membership", "status", "role", "phone", "admittedOn" FROM "Member" WHERE "cellId" = ? AND "removedAt" IS NULL', [cellId])).map(
      (m) => [Number(m.id), JSON.stringify([m.seq, m.fullName, m.membership, m.status, m.role, m.phone, m.admittedOn])],
    ),
  );
  const accounts = new Map(
    (
      await db.all(
        'SELECT i."externalId", i."memberId" FROM "MemberIdentity" i JOIN "Member" m ON m."id" = i."memberId" WHERE i."cellId" = ? AND i."channel" = ? AND m."removedAt" IS NULL',
        [cellId, 'memory'],
      )
    ).map((a) => [String(a.externalId), Number(a.memberId)]),
  );
  const votes = new Map<number, VoteRow>(
    (await db.all('SELECT "id", "status", "mode", "meetingId", "seq", "result" FROM "Vote" WHERE "cellId" = ?', [cellId])).map((v) => [
      Number(v.id),
      { status: String(v.status), mode: String(v.mode), meetingId: Number(v.meetingId), seq: Number(v.seq), result: v.result === null ? null : String(v.result) },
    ]),
  );
  const watched = new Set<number>();
  for (const [id, v] of votes) if (v.status === 'OPEN') watched.add(id);
  for (const [id, v] of previous?.votes ?? []) if (v.status === 'OPEN') watched.add(id);
  const showIds = [...watched].filter((id) => votes.get(id)?.mode === 'OPEN');
  const secretIds = [...watched].filter((id) => votes.get(id)?.mode === 'ELECTRONIC');
  const ballots = new Map<number, Map<number, string>>(showIds.map((id) => [id, new Map()]));
  if (showIds.length) {
    for (const b of await db.all(`SELECT "voteId", "memberId", "choice" FROM "OpenBallot" WHERE "voteId" IN (${list(showIds)})`, showIds)) {
      ballots.get(Number(b.voteId))!.set(Number(b.memberId), String(b.choice));
    }
  }
  const secret = new Map<number, { voters: number; tally: number }>(secretIds.map((id) => [id, { voters: 0, tally: 0 }]));
  if (secretIds.length) {
    for (const v of await db.all(`SELECT "voteId" FROM "SecretVoter" WHERE "voteId" IN (${list(secretIds)})`, secretIds)) secret.get(Number(v.voteId))!.voters++;
    for (const t of await db.all(`SELECT "voteId", "count" FROM "SecretTally" WHERE "voteId" IN (${list(secretIds)})`, secretIds)) secret.get(Number(t.voteId))!.tally += Number(t.count);
  }
  return { members, accounts, votes, ballots, secret };
}

/** Ballots of the given votes as sorted [member, choice] pairs in JSON, vote by vote. */
export async function readBallots(db: GroundTruth, voteIds: number[]): Promise<Map<number, string>> {
  const rows = voteIds.length ? await db.all(`SELECT "voteId", "memberId", "choice" FROM "OpenBallot" WHERE "voteId" IN (${list(voteIds)})`, voteIds) : [];
  return new Map(voteIds.map((id) => [id, ballotsJson(rows.filter((r) => Number(r.voteId) === id).map((r) => [Number(r.memberId), String(r.choice)]))]));
}

export const ballotsJson = (pairs: [number, string][]): string => JSON.stringify([...pairs].sort((a, b) => a[0] - b[0]));

/** Accounts the bot is waiting on for a typed answer in a chat. */
export async function awaitingAccounts(db: GroundTruth, chatId: string): Promise<string[]> {
  return (await db.all('SELECT DISTINCT "awaitUserId" FROM "Prompt" WHERE "channel" = ? AND "chatId" = ? AND "closedAt" IS NULL AND "awaitUserId" IS NOT NULL', ['memory', chatId])).map((r) => String(r.awaitUserId));
}
