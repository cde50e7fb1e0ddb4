#include "store/HistoryDatabase.h"

#include <algorithm>
#include <numeric>

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

#include "store/HistorySchema.h"
#include "store/WikiCountsCodec.h"

namespace wt::store {

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;

qint64 hourOf(qint64 ms) { return ms - (((ms % kHourMs) + kHourMs) % kHourMs); }

std::string placeholders(int first, int count)
{
    std::string out;
    for (int i = 0; i < count; ++i) {
        if (i)
            out += ", ";
        out += '?' + std::to_string(first + i);
    }
    return out;
}

std::string addAssignments()
{
    std::string out;
    for (const char* c : schema::kCountColumns) {
        if (!out.empty())
            out += ", ";
        out += std::string(c) + " = " + c + " + excluded." + c;
    }
    return out;
}

std::string sumList()
{
    std::string out;
    for (const char* c : schema::kCountColumns) {
        if (!out.empty())
            out += ", ";
        out += std::string("SUM(") + c + ")";
    }
    return out;
}

} // namespace

HistoryDatabase::HistoryDatabase(DatabaseOptions options) : m_options(std::move(options))
{
    m_path = m_options.path.isEmpty() ? defaultPath() : m_options.path;
}

struct HistoryDatabase::HourAccumulation {
    qint64 hourStartMs = 0;
    codec::WikiAccumulator wikis;
};

DbResult HistoryDatabase::run(SqliteStatement& st, const char* what)
{
    st.reset();
    const int rc = st.step();
    st.reset(); // a finished COMMIT must not keep the statement active
    return rc == SQLITE_DONE ? DbResult{} : DbResult::fromDb(m_db, rc, QString::fromLatin1(what));
}

HistoryDatabase::~HistoryDatabase()
{
    flushOpenHour();
    close();
}

QString HistoryDatabase::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/wikitide");
    return dir + QStringLiteral("/wikitide.sqlite");
}

DbResult HistoryDatabase::open()
{
    close();
    if (!m_options.readOnly)
        QDir().mkpath(QFileInfo(m_path).absolutePath());
    const int flags = (m_options.readOnly ? SQLITE_OPEN_READONLY
                                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const QByteArray file = QFile::encodeName(m_path);
    int rc = sqlite3_open_v2(file.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        DbResult r = DbResult::fromDb(m_db, rc, QStringLiteral("cannot open the file"));
        close();
        return r;
    }
    sqlite3_extended_result_codes(m_db, 0);
    sqlite3_busy_timeout(m_db, m_options.busyTimeoutMs);

    auto fail = [this](DbResult r) {
        close();
        return r;
    };
    // The first read of the header: a file that is not a database fails here, before any write.
    DbResult r = schema::migrate(m_db);
    if (!r.ok())
        return fail(r);
    if (sqlite3_db_readonly(m_db, "main") == 1) {
        return fail({SQLITE_READONLY,
                     QStringLiteral("the file is read-only, history cannot be written")});
    }
    // WAL: readers never block the writer and a killed process cannot tear the file; NORMAL
    // sync is safe with WAL (a power cut may lose the last commits, never consistency).
    r = execSql(m_db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32000;");
    if (!r.ok())
        return fail(r);
    if (m_options.maxPageCount > 0) {
        const std::string sql = "PRAGMA max_page_count = " + std::to_string(m_options.maxPageCount);
        execSql(m_db, sql.c_str());
    }
    r = loadWikis();
    if (r.ok())
        r = prepareWriters();
    if (r.ok())
        r = repairMarkedHour();
    if (!r.ok())
        return fail(r);
    return {};
}

void HistoryDatabase::close()
{
    // No write here: close() also follows failures. An unwritten hour stays marked on disk.
    m_openHour.reset();
    m_markedHour = -1;
    m_repairPending = false;
    m_setMarker = {};
    m_clearMarker = {};
    m_begin = {};
    m_commit = {};
    m_insertTotal = {};
    m_replaceTotal = {};
    m_putWikiMinute = {};
    m_upsertHourTotal = {};
    m_getWikiHour = {};
    m_putWikiHour = {};
    m_insertWiki = {};
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

int HistoryDatabase::schemaVersion() const { return m_db ? schema::userVersion(m_db) : -1; }

DbResult HistoryDatabase::loadWikis()
{
    m_recentWikis.clear();
    m_wikiIds.clear();
    m_wikiNames.clear();
    m_rankDirty = true;
    SqliteStatement st(m_db, "SELECT id, name FROM wikis");
    if (!st.valid())
        return DbResult::fromDb(m_db, st.prepareCode(), QStringLiteral("cannot read wikis"));
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        const qint64 id = st.int64(0);
        if (id < 0 || id > 10'000'000)
            continue;
        std::string name(st.textView(1));
        if (std::size_t(id) >= m_wikiNames.size())
            m_wikiNames.resize(std::size_t(id) + 1);
        m_wikiNames[std::size_t(id)] = name;
        m_wikiIds.emplace(std::move(name), id);
    }
    return rc == SQLITE_DONE ? DbResult{} : DbResult::fromDb(m_db, rc, QStringLiteral("cannot read wikis"));
}

DbResult HistoryDatabase::prepareWriters()
{
    const std::string cols = schema::columnList();
    const int n = int(schema::kCountColumns.size());
    m_insertTotal = SqliteStatement(m_db, "INSERT INTO minute_totals (minute_start, " + cols +
                                              ") VALUES (?1, " + placeholders(2, n) +
                                              ") ON CONFLICT (minute_start) DO NOTHING");
    m_replaceTotal = SqliteStatement(m_db, "INSERT OR REPLACE INTO minute_totals (minute_start, " +
                                               cols + ") VALUES (?1, " + placeholders(2, n) + ")");
    m_putWikiMinute = SqliteStatement(m_db, "INSERT OR REPLACE INTO wiki_minute_blobs (minute_start, data) VALUES (?1, ?2)");
    m_upsertHourTotal = SqliteStatement(
        m_db, "INSERT INTO hourly_totals (hour_start, minutes, " + cols + ") VALUES (?1, 1, " +
                  placeholders(2, n) +
                  ") ON CONFLICT (hour_start) DO UPDATE SET minutes = minutes + 1, " +
                  addAssignments());
    m_getWikiHour = SqliteStatement(m_db, "SELECT data FROM wiki_hour_blobs WHERE hour_start = ?1");
    m_putWikiHour = SqliteStatement(m_db, "INSERT OR REPLACE INTO wiki_hour_blobs (hour_start, data) VALUES (?1, ?2)");
    m_insertWiki = SqliteStatement(m_db, "INSERT INTO wikis (name) VALUES (?1)");
    m_setMarker = SqliteStatement(m_db, "INSERT OR REPLACE INTO store_state (key, value) VALUES ('open_hour', ?1)");
    m_clearMarker = SqliteStatement(m_db, "DELETE FROM store_state WHERE key = 'open_hour'");
    m_begin = SqliteStatement(m_db, "BEGIN IMMEDIATE");
    m_commit = SqliteStatement(m_db, "COMMIT");
    for (const SqliteStatement* st : {&m_insertTotal, &m_replaceTotal, &m_putWikiMinute, &m_upsertHourTotal,
                                      &m_getWikiHour, &m_putWikiHour, &m_insertWiki, &m_setMarker,
                                      &m_clearMarker, &m_begin, &m_commit}) {
        if (!st->valid())
            return DbResult::fromDb(m_db, st->prepareCode(), QStringLiteral("cannot prepare writes"));
    }
    return {};
}

qint64 HistoryDatabase::wikiId(std::string_view name)
{
    if (auto it = m_wikiIds.find(name); it != m_wikiIds.end())
        return it->second;
    m_insertWiki.reset();
    m_insertWiki.bindText(1, name);
    if (m_insertWiki.step() != SQLITE_DONE)
        return -1;
    const qint64 id = sqlite3_last_insert_rowid(m_db);
    if (std::size_t(id) >= m_wikiNames.size())
        m_wikiNames.resize(std::size_t(id) + 1);
    m_wikiNames[std::size_t(id)] = std::string(name);
    m_wikiIds.emplace(std::string(name), id);
    m_rankDirty = true;
    return id;
}

qint64 HistoryDatabase::findWikiId(const QString& name) const
{
    const QByteArray utf8 = name.toUtf8();
    auto it = m_wikiIds.find(std::string_view(utf8.constData(), std::size_t(utf8.size())));
    return it == m_wikiIds.end() ? -1 : it->second;
}

QStringList HistoryDatabase::knownWikis() const
{
    QStringList out;
    out.reserve(qsizetype(m_wikiIds.size()));
    for (const auto& [name, id] : m_wikiIds)
        out << QString::fromStdString(name);
    out.sort();
    return out;
}

const std::vector<int>& HistoryDatabase::wikiRankById() const
{
    if (m_rankDirty) {
        std::vector<int> ids(m_wikiNames.size());
        std::iota(ids.begin(), ids.end(), 0);
        std::sort(ids.begin(), ids.end(), [this](int a, int b) { return m_wikiNames[a] < m_wikiNames[b]; });
        m_rankById.assign(m_wikiNames.size(), 0);
        for (std::size_t pos = 0; pos < ids.size(); ++pos)
            m_rankById[std::size_t(ids[pos])] = int(pos);
        m_rankDirty = false;
    }
    return m_rankById;
}

DbResult HistoryDatabase::writeOne(const analytics::MinuteSummary& m, std::vector<qint64>& recomputeHours,
                                   std::vector<HourAccumulation>& hours)
{
    const qint64 minute = m.minuteStartMs;
    const qint64 hour = hourOf(minute);
    m_insertTotal.reset();
    m_insertTotal.bind(1, minute);
    schema::bindCounts(m_insertTotal, 2, m.total);
    int rc = m_insertTotal.step();
    if (rc != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot write a minute"));
    const bool fresh = sqlite3_changes(m_db) == 1;
    if (!fresh) {
        // The same minute again (a re-close after late events): replace it and rebuild its hour
        // from the minutes, so the rollup never counts a minute twice.
        m_replaceTotal.reset();
        m_replaceTotal.bind(1, minute);
        schema::bindCounts(m_replaceTotal, 2, m.total);
        if ((rc = m_replaceTotal.step()) != SQLITE_DONE)
            return DbResult::fromDb(m_db, rc, QStringLiteral("cannot rewrite a minute"));
        recomputeHours.push_back(hour);
    } else {
        m_upsertHourTotal.reset();
        m_upsertHourTotal.bind(1, hour);
        schema::bindCounts(m_upsertHourTotal, 2, m.total);
        if ((rc = m_upsertHourTotal.step()) != SQLITE_DONE)
            return DbResult::fromDb(m_db, rc, QStringLiteral("cannot update the hourly rollup"));
    }
    codec::WikiAccumulator* acc = nullptr;
    if (fresh) {
        if (!m_openHour || hour > m_openHour->hourStartMs) {
            if (DbResult r = openNewHour(hour); !r.ok())
                return r;
        }
        if (hour == m_openHour->hourStartMs) {
            acc = &m_openHour->wikis;
            m_openHour->dirty = true;
        } else {
            // An older hour (a replay into an older file): read-modify-write once per batch.
            auto it = std::find_if(hours.begin(), hours.end(), [hour](const auto& h) { return h.hourStartMs == hour; });
            if (it == hours.end()) {
                hours.push_back({});
                hours.back().hourStartMs = hour;
                it = hours.end() - 1;
            }
            acc = &it->wikis;
        }
    }
    // The buffer only grows (resize() would clear it every minute); the blob is its prefix.
    if (m_blob.size() < m.perWiki.size() * codec::kMaxEntryBytes)
        m_blob.resize(m.perWiki.size() * codec::kMaxEntryBytes);
    char* const begin = m_blob.data();
    char* p = begin;
    // Consecutive minutes name (nearly) the same wikis in the same order: walk the previous
    // minute's names alongside instead of hashing every name.
    std::size_t cursor = 0;
    bool missed = false;
    for (const analytics::WikiMinute& w : m.perWiki) {
        const bool next = cursor < m_recentWikis.size() && m_recentWikis[cursor].first == w.wiki;
        if (!next) {
            while (cursor < m_recentWikis.size() && m_recentWikis[cursor].first < w.wiki)
                ++cursor;
        }
        qint64 id;
        if (next || (cursor < m_recentWikis.size() && m_recentWikis[cursor].first == w.wiki)) {
            id = m_recentWikis[cursor++].second;
        } else {
            missed = true;
            if ((id = wikiId(w.wiki)) < 0)
                return DbResult::fromDb(m_db, sqlite3_errcode(m_db), QStringLiteral("cannot add a wiki"));
        }
        p = codec::put(p, id, w.counts);
        if (acc)
            acc->add(id, w.counts);
    }
    const std::string_view blob(begin, std::size_t(p - begin));
    if (missed || m_recentWikis.size() != m.perWiki.size())
        rememberWikis(m);
    m_putWikiMinute.reset();
    m_putWikiMinute.bind(1, minute);
    m_putWikiMinute.bindBlob(2, blob);
    if ((rc = m_putWikiMinute.step()) != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot write a minute's wikis"));
    return {};
}

void HistoryDatabase::rememberWikis(const analytics::MinuteSummary& m)
{
    m_recentWikis.clear();
    if (!std::is_sorted(m.perWiki.begin(), m.perWiki.end(), [](const auto& a, const auto& b) { return a.wiki < b.wiki; }))
        return; // the walk needs name order; hashing still works
    m_recentWikis.reserve(m.perWiki.size());
    for (const analytics::WikiMinute& w : m.perWiki)
        m_recentWikis.emplace_back(w.wiki, wikiId(w.wiki));
}

DbResult HistoryDatabase::openNewHour(qint64 hourStartMs)
{
    // Once an hour: the previous hour is complete, write it; start the new one from what the
    // file holds for it (usually nothing; something after a restart mid-hour).
    if (DbResult r = writeOpenHour(); !r.ok())
        return r;
    auto next = std::make_unique<OpenHour>();
    next->hourStartMs = hourStartMs;
    if (m_openHour) { // reuse the previous hour's arrays
        std::swap(next->wikis, m_openHour->wikis);
        next->wikis.clear();
    }
    m_getWikiHour.reset();
    m_getWikiHour.bind(1, hourStartMs);
    const int rc = m_getWikiHour.step();
    if (rc == SQLITE_ROW)
        next->wikis.addBlob(m_getWikiHour.blobView(0));
    m_getWikiHour.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot read a wiki hour"));
    m_openHour = std::move(next);
    return {};
}

DbResult HistoryDatabase::writeOpenHour()
{
    if (!m_openHour || !m_openHour->dirty)
        return {};
    const std::string_view blob = m_openHour->wikis.encodeInto(m_hourBlob);
    m_putWikiHour.reset();
    m_putWikiHour.bind(1, m_openHour->hourStartMs);
    m_putWikiHour.bindBlob(2, blob);
    const int rc = m_putWikiHour.step();
    if (rc != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot update a wiki's hourly rollup"));
    m_openHour->dirty = false;
    return {};
}

// Makes store_state name the hour whose rollup is only in memory, in the current transaction.
DbResult HistoryDatabase::syncMarker()
{
    const qint64 want = m_openHour && m_openHour->dirty ? m_openHour->hourStartMs : -1;
    if (want == m_markedHour)
        return {};
    SqliteStatement& st = want >= 0 ? m_setMarker : m_clearMarker;
    st.reset();
    if (want >= 0)
        st.bind(1, want);
    const int rc = st.step();
    if (rc != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot mark the open hour"));
    return {};
}

DbResult HistoryDatabase::flushOpenHour()
{
    if (!m_db || !m_openHour || !m_openHour->dirty)
        return {};
    DbResult r = execSql(m_db, "BEGIN IMMEDIATE");
    if (!r.ok())
        return r;
    r = writeOpenHour();
    if (r.ok())
        r = syncMarker();
    if (r.ok())
        r = execSql(m_db, "COMMIT");
    if (r.ok()) {
        m_markedHour = -1;
    } else {
        execSql(m_db, "ROLLBACK");
        m_openHour.reset(); // the marker on disk still names it; the next write rebuilds it
        m_repairPending = true;
    }
    return r;
}

DbResult HistoryDatabase::repairMarkedHour()
{
    m_repairPending = false;
    SqliteStatement st(m_db, "SELECT value FROM store_state WHERE key = 'open_hour'");
    const int rc = st.step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot read the store state"));
    m_markedHour = rc == SQLITE_ROW ? st.int64(0) : -1;
    st = {};
    if (m_markedHour < 0)
        return {};
    // A kill (or a failed write) left this hour's per-wiki rollup behind its minutes.
    const bool own = sqlite3_get_autocommit(m_db) != 0;
    DbResult r = own ? execSql(m_db, "BEGIN IMMEDIATE") : DbResult{};
    if (!r.ok())
        return r;
    r = recomputeHour(m_markedHour);
    if (r.ok()) {
        m_clearMarker.reset();
        const int drc = m_clearMarker.step();
        if (drc != SQLITE_DONE)
            r = DbResult::fromDb(m_db, drc, QStringLiteral("cannot clear the store state"));
    }
    if (own)
        r = r.ok() ? execSql(m_db, "COMMIT") : (execSql(m_db, "ROLLBACK"), r);
    if (r.ok())
        m_markedHour = -1;
    return r;
}

DbResult HistoryDatabase::mergeHour(HourAccumulation& hour)
{
    m_getWikiHour.reset();
    m_getWikiHour.bind(1, hour.hourStartMs);
    int rc = m_getWikiHour.step();
    if (rc == SQLITE_ROW)
        hour.wikis.addBlob(m_getWikiHour.blobView(0));
    else if (rc != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot read a wiki hour"));
    m_getWikiHour.reset();
    const std::string_view blob = hour.wikis.encodeInto(m_hourBlob);
    m_putWikiHour.reset();
    m_putWikiHour.bind(1, hour.hourStartMs);
    m_putWikiHour.bindBlob(2, blob);
    if ((rc = m_putWikiHour.step()) != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot update a wiki's hourly rollup"));
    return {};
}

DbResult HistoryDatabase::recomputeHour(qint64 hourStartMs, codec::WikiAccumulator* rebuilt)
{
    const std::string cols = schema::columnList();
    const std::string sql[] = {
        "DELETE FROM hourly_totals WHERE hour_start = ?1",
        "INSERT INTO hourly_totals (hour_start, minutes, " + cols + ") SELECT ?1, COUNT(*), " + sumList() +
            " FROM minute_totals WHERE minute_start >= ?1 AND minute_start < ?1 + 3600000 HAVING COUNT(*) > 0",
    };
    for (const std::string& s : sql) {
        SqliteStatement st(m_db, s);
        st.bind(1, hourStartMs);
        const int rc = st.step();
        if (rc != SQLITE_DONE)
            return DbResult::fromDb(m_db, rc, QStringLiteral("cannot rebuild an hour"));
    }
    codec::WikiAccumulator local;
    codec::WikiAccumulator& hour = rebuilt ? *rebuilt : local;
    hour.clear();
    SqliteStatement minutes(m_db, "SELECT data FROM wiki_minute_blobs WHERE minute_start >= ?1 AND minute_start < ?1 + 3600000");
    minutes.bind(1, hourStartMs);
    int rc;
    while ((rc = minutes.step()) == SQLITE_ROW)
        hour.addBlob(minutes.blobView(0));
    if (rc != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot rebuild an hour"));
    const std::string_view blob = hour.encodeInto(m_hourBlob);
    m_putWikiHour.reset();
    m_putWikiHour.bind(1, hourStartMs);
    m_putWikiHour.bindBlob(2, blob);
    if ((rc = m_putWikiHour.step()) != SQLITE_DONE)
        return DbResult::fromDb(m_db, rc, QStringLiteral("cannot rebuild an hour"));
    return {};
}

DbResult HistoryDatabase::writeMinutes(const std::vector<analytics::MinuteSummaryPtr>& minutes)
{
    if (!m_db)
        return {SQLITE_MISUSE, QStringLiteral("the history database is not open")};
    DbResult r = run(m_begin, "cannot start writing history");
    if (!r.ok())
        return r;
    if (m_repairPending)
        r = repairMarkedHour();
    std::vector<qint64> recompute;
    std::vector<HourAccumulation> hours;
    for (const auto& m : minutes) {
        if (!r.ok())
            break;
        if (m)
            r = writeOne(*m, recompute, hours);
    }
    if (r.ok()) {
        std::sort(recompute.begin(), recompute.end());
        recompute.erase(std::unique(recompute.begin(), recompute.end()), recompute.end());
        // Older hours: one read-modify-write per hour and batch; rebuilt hours already include
        // this batch's fresh minutes.
        for (HourAccumulation& h : hours) {
            if (!std::binary_search(recompute.begin(), recompute.end(), h.hourStartMs) && !(r = mergeHour(h)).ok())
                break;
        }
    }
    if (r.ok()) {
        for (qint64 h : recompute) {
            const bool open = m_openHour && m_openHour->hourStartMs == h;
            if (!(r = recomputeHour(h, open ? &m_openHour->wikis : nullptr)).ok())
                break;
            if (open)
                m_openHour->dirty = false; // just written whole
        }
    }
    if (r.ok())
        r = syncMarker();
    if (r.ok())
        r = run(m_commit, "cannot commit history");
    if (r.ok()) {
        m_markedHour = m_openHour && m_openHour->dirty ? m_openHour->hourStartMs : -1;
    } else {
        execSql(m_db, "ROLLBACK");
        loadWikis(); // ids handed out inside the rolled-back transaction are gone
        // The memory holds minutes the file does not: forget it; the marker (if any) on disk
        // names the hour to rebuild before the next write.
        m_openHour.reset();
        m_repairPending = true;
    }
    return r;
}

DbResult HistoryDatabase::pruneStep(qint64 cutoffMs, qint64 nowMs, int chunkMinutes, qint64* deleted)
{
    *deleted = 0;
    if (!m_db)
        return {};
    qint64 lo = cutoffMs;
    for (const char* sql : {"SELECT MIN(minute_start) FROM minute_totals",
                            "SELECT MIN(minute_start) FROM wiki_minute_blobs",
                            "SELECT MIN(hour_start) FROM hourly_totals",
                            "SELECT MIN(hour_start) FROM wiki_hour_blobs"}) {
        SqliteStatement st(m_db, sql);
        if (st.step() == SQLITE_ROW && !st.isNull(0))
            lo = std::min<qint64>(lo, st.int64(0));
    }
    const qint64 bound = std::min(cutoffMs, lo + qint64(chunkMinutes) * kMinuteMs);
    // An hour's rollup goes only when the whole hour is older than the cutoff.
    const qint64 hourBound = std::min(hourOf(cutoffMs), std::max(hourOf(bound), lo + kHourMs));
    DbResult r = execSql(m_db, "BEGIN IMMEDIATE");
    if (!r.ok())
        return r;
    // The open hour's rollup row goes with its hour: forget it and its marker.
    const bool dropOpen = m_openHour && m_openHour->hourStartMs < hourBound;
    if (dropOpen && m_markedHour >= 0 && m_markedHour < hourBound) {
        m_clearMarker.reset();
        if (m_clearMarker.step() != SQLITE_DONE)
            r = DbResult::fromDb(m_db, sqlite3_errcode(m_db), QStringLiteral("cannot prune history"));
    }
    const std::pair<const char*, qint64> deletes[] = {
        {"DELETE FROM wiki_minute_blobs WHERE minute_start < ?1", bound},
        {"DELETE FROM minute_totals WHERE minute_start < ?1", bound},
        {"DELETE FROM wiki_hour_blobs WHERE hour_start < ?1", hourBound},
        {"DELETE FROM hourly_totals WHERE hour_start < ?1", hourBound},
        {"DELETE FROM wikidata_labels WHERE (qid, language) IN (SELECT qid, language FROM "
         "wikidata_labels WHERE expires_at < ?1 LIMIT 500)",
         nowMs},
    };
    for (const auto& [sql, bindValue] : deletes) {
        if (!r.ok())
            break;
        SqliteStatement st(m_db, sql);
        st.bind(1, bindValue);
        const int rc = st.step();
        if (rc != SQLITE_DONE) {
            r = DbResult::fromDb(m_db, rc, QStringLiteral("cannot prune history"));
            break;
        }
        *deleted += sqlite3_changes(m_db);
    }
    if (r.ok())
        r = execSql(m_db, "COMMIT");
    if (!r.ok()) {
        execSql(m_db, "ROLLBACK");
    } else if (dropOpen) {
        if (m_markedHour >= 0 && m_markedHour < hourBound)
            m_markedHour = -1;
        m_openHour.reset();
    }
    return r;
}

QString HistoryDatabase::integrityCheck()
{
    if (!m_db)
        return QStringLiteral("not open");
    SqliteStatement st(m_db, "PRAGMA integrity_check");
    QStringList rows;
    while (st.step() == SQLITE_ROW)
        rows << st.text(0);
    return rows.join(QLatin1Char('\n'));
}

} // namespace wt::store
