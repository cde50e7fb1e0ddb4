#include "store/HistorySchema.h"

#include "store/WikiCountsCodec.h"

namespace wt::store::schema {

namespace {

// Version 1: totals and per-wiki minutes and hours, without per-type columns or label cache.
constexpr const char* kV1 = R"SQL(
CREATE TABLE wikis (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE minute_totals (
  minute_start INTEGER PRIMARY KEY,
  events INTEGER NOT NULL DEFAULT 0, bots INTEGER NOT NULL DEFAULT 0,
  anonymous INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0,
  registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0,
  late INTEGER NOT NULL DEFAULT 0);
CREATE TABLE wiki_minutes (
  minute_start INTEGER NOT NULL, wiki_id INTEGER NOT NULL,
  events INTEGER NOT NULL DEFAULT 0, bots INTEGER NOT NULL DEFAULT 0,
  anonymous INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0,
  registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0,
  late INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (minute_start, wiki_id)) WITHOUT ROWID;
CREATE INDEX wiki_minutes_by_wiki ON wiki_minutes (wiki_id, minute_start);
CREATE TABLE hourly_totals (
  hour_start INTEGER PRIMARY KEY, minutes INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0, bots INTEGER NOT NULL DEFAULT 0,
  anonymous INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0,
  registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0,
  late INTEGER NOT NULL DEFAULT 0);
CREATE TABLE wiki_hourly (
  hour_start INTEGER NOT NULL, wiki_id INTEGER NOT NULL,
  events INTEGER NOT NULL DEFAULT 0, bots INTEGER NOT NULL DEFAULT 0,
  anonymous INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0,
  registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0,
  late INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour_start, wiki_id)) WITHOUT ROWID;
CREATE INDEX wiki_hourly_by_wiki ON wiki_hourly (wiki_id, hour_start);
)SQL";

// Version 2: per action type counts everywhere, and the Wikidata label cache.
std::string v2Sql()
{
    std::string sql;
    for (const char* table : {"minute_totals", "wiki_minutes", "hourly_totals", "wiki_hourly"}) {
        for (const char* col : {"type_edit", "type_new", "type_log", "type_categorize",
                                "type_external", "type_other"}) {
            sql += "ALTER TABLE ";
            sql += table;
            sql += " ADD COLUMN ";
            sql += col;
            sql += " INTEGER NOT NULL DEFAULT 0;\n";
        }
    }
    sql += R"SQL(
CREATE TABLE wikidata_labels (
  qid TEXT NOT NULL, language TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
  label_language TEXT NOT NULL DEFAULT '',
  fetched_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  status INTEGER NOT NULL, -- 0 found, 1 missing (entity missing or no label in either language)
  PRIMARY KEY (qid, language)) WITHOUT ROWID;
CREATE INDEX wikidata_labels_expiry ON wikidata_labels (expires_at);
)SQL";
    return sql;
}

// Converts a per-wiki row table into one blob per time slot.
DbResult packTable(sqlite3* db, const char* from, const char* key, const char* to)
{
    SqliteStatement read(db, std::string("SELECT ") + key + ", wiki_id, " + columnList() + " FROM " + from +
                                 " ORDER BY " + key + ", wiki_id");
    SqliteStatement write(db, std::string("INSERT OR REPLACE INTO ") + to + " VALUES (?1, ?2)");
    if (!read.valid() || !write.valid())
        return DbResult::fromDb(db, sqlite3_errcode(db), QStringLiteral("cannot convert %1").arg(QLatin1String(from)));
    std::string blob;
    qint64 current = 0;
    bool any = false;
    auto flush = [&]() -> int {
        if (!any)
            return SQLITE_DONE;
        write.reset();
        write.bind(1, current);
        write.bindBlob(2, blob);
        const int rc = write.step();
        blob.clear();
        return rc;
    };
    int rc;
    while ((rc = read.step()) == SQLITE_ROW) {
        const qint64 slot = read.int64(0);
        if (any && slot != current && flush() != SQLITE_DONE)
            return DbResult::fromDb(db, sqlite3_errcode(db), QStringLiteral("cannot convert history"));
        current = slot;
        any = true;
        codec::append(blob, read.int64(1), readCounts(read, 2));
    }
    if (rc != SQLITE_DONE || flush() != SQLITE_DONE)
        return DbResult::fromDb(db, sqlite3_errcode(db), QStringLiteral("cannot convert history"));
    return {};
}

// Version 4: small key/value state that must survive a kill, e.g. which hour's per-wiki rollup
// was not written yet (the store keeps the newest hour in memory and writes it once an hour).
constexpr const char* kV4 = "CREATE TABLE store_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;";

DbResult toVersion3(sqlite3* db)
{
    DbResult r = execSql(db, "BEGIN IMMEDIATE");
    if (!r.ok())
        return r;
    r = execSql(db, "CREATE TABLE wiki_minute_blobs (minute_start INTEGER PRIMARY KEY, data BLOB NOT NULL);"
                    "CREATE TABLE wiki_hour_blobs (hour_start INTEGER PRIMARY KEY, data BLOB NOT NULL);");
    if (r.ok())
        r = packTable(db, "wiki_minutes", "minute_start", "wiki_minute_blobs");
    if (r.ok())
        r = packTable(db, "wiki_hourly", "hour_start", "wiki_hour_blobs");
    if (r.ok())
        r = execSql(db, "DROP TABLE wiki_minutes; DROP TABLE wiki_hourly; PRAGMA user_version = 3; COMMIT;");
    if (!r.ok())
        execSql(db, "ROLLBACK");
    return r;
}

DbResult step(sqlite3* db, int toVersion, const std::string& sql)
{
    DbResult r = execSql(db, "BEGIN IMMEDIATE");
    if (!r.ok())
        return r;
    r = execSql(db, sql.c_str());
    if (r.ok())
        r = execSql(db, ("PRAGMA user_version = " + std::to_string(toVersion)).c_str());
    if (r.ok())
        r = execSql(db, "COMMIT");
    if (!r.ok())
        execSql(db, "ROLLBACK");
    return r;
}

} // namespace

std::string columnList(const char* prefix)
{
    std::string out;
    for (const char* c : kCountColumns) {
        if (!out.empty())
            out += ", ";
        out += prefix;
        out += c;
    }
    return out;
}

void bindCounts(SqliteStatement& st, int first, const analytics::MinuteCounts& c)
{
    int i = first;
    st.bind(i++, std::int64_t(c.events));
    st.bind(i++, std::int64_t(c.bots));
    st.bind(i++, std::int64_t(c.anonymous));
    st.bind(i++, std::int64_t(c.temporary));
    st.bind(i++, std::int64_t(c.registered));
    st.bind(i++, c.bytesAdded);
    st.bind(i++, c.bytesRemoved);
    st.bind(i++, std::int64_t(c.newPages));
    for (std::uint64_t t : c.byType)
        st.bind(i++, std::int64_t(t));
    st.bind(i++, std::int64_t(c.late));
}

analytics::MinuteCounts readCounts(const SqliteStatement& st, int first)
{
    analytics::MinuteCounts c;
    int i = first;
    c.events = std::uint64_t(st.int64(i++));
    c.bots = std::uint64_t(st.int64(i++));
    c.anonymous = std::uint64_t(st.int64(i++));
    c.temporary = std::uint64_t(st.int64(i++));
    c.registered = std::uint64_t(st.int64(i++));
    c.bytesAdded = st.int64(i++);
    c.bytesRemoved = st.int64(i++);
    c.newPages = std::uint64_t(st.int64(i++));
    for (auto& t : c.byType)
        t = std::uint64_t(st.int64(i++));
    c.late = std::uint64_t(st.int64(i++));
    return c;
}

void addCounts(analytics::MinuteCounts& a, const analytics::MinuteCounts& b) { codec::addCounts(a, b); }

int userVersion(sqlite3* db)
{
    SqliteStatement st(db, "PRAGMA user_version");
    return st.step() == SQLITE_ROW ? int(st.int64(0)) : -1;
}

DbResult migrate(sqlite3* db)
{
    // Reading the version is the first access to the file: a corrupt header fails here.
    SqliteStatement probe(db, "PRAGMA user_version");
    if (!probe.valid())
        return DbResult::fromDb(db, probe.prepareCode(), QStringLiteral("cannot read the schema"));
    const int rc = probe.step();
    if (rc != SQLITE_ROW)
        return DbResult::fromDb(db, rc, QStringLiteral("cannot read the schema"));
    int version = int(probe.int64(0));
    probe = SqliteStatement();

    if (version > kCurrentVersion) {
        DbResult r;
        r.code = SQLITE_MISMATCH;
        r.message = QStringLiteral("the database has schema version %1, newer than this WikiTide "
                                   "(%2); it was left untouched")
                        .arg(version)
                        .arg(kCurrentVersion);
        return r;
    }
    if (version < 1) {
        DbResult r = step(db, 1, kV1);
        if (!r.ok())
            return r;
        version = 1;
    }
    if (version < 2) {
        DbResult r = step(db, 2, v2Sql());
        if (!r.ok())
            return r;
        version = 2;
    }
    if (version < 3) {
        DbResult r = toVersion3(db);
        if (!r.ok())
            return r;
        version = 3;
    }
    if (version < 4) {
        DbResult r = step(db, 4, kV4);
        if (!r.ok())
            return r;
    }
    return {};
}

const char* version1Sql() { return kV1; }

} // namespace wt::store::schema
