#include "store/HistoryDatabase.h"

#include <algorithm>
#include <numeric>

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

#include "store/HistorySchema.h"

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

HistoryDatabase::~HistoryDatabase() { close(); }

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
    r = execSql(m_db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    if (!r.ok())
        return fail(r);
    if (m_options.maxPageCount > 0) {
        const std::string sql = "PRAGMA max_page_count = " + std::to_string(m_options.maxPageCount);
        execSql(m_db, sql.c_str());
    }
    r = loadWikis();
    if (r.ok())
        r = prepareWriters();
    if (!r.ok())
        return fail(r);
    return {};
}

void HistoryDatabase::close()
{
    m_insertTotal = {};
    m_replaceTotal = {};
    m_deleteWikiMinute = {};
    m_insertWikiMinute = {};
    m_upsertHourTotal = {};
    m_upsertWikiHour = {};
    m_insertWiki = {};
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

int HistoryDatabase::schemaVersion() const { return m_db ? schema::userVersion(m_db) : -1; }

DbResult HistoryDatabase::loadWikis()
{
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
    m_deleteWikiMinute = SqliteStatement(m_db, "DELETE FROM wiki_minutes WHERE minute_start = ?1");
    m_insertWikiMinute =
        SqliteStatement(m_db, "INSERT OR REPLACE INTO wiki_minutes (minute_start, wiki_id, " + cols +
                                  ") VALUES (?1, ?2, " + placeholders(3, n) + ")");
    m_upsertHourTotal = SqliteStatement(
        m_db, "INSERT INTO hourly_totals (hour_start, minutes, " + cols + ") VALUES (?1, 1, " +
                  placeholders(2, n) +
                  ") ON CONFLICT (hour_start) DO UPDATE SET minutes = minutes + 1, " +
                  addAssignments());
    m_upsertWikiHour = SqliteStatement(
        m_db, "INSERT INTO wiki_hourly (hour_start, wiki_id, " + cols + ") VALUES (?1, ?2, " +
                  placeholders(3, n) + ") ON CONFLICT (hour_start, wiki_id) DO UPDATE SET " +
                  addAssignments());
    m_insertWiki = SqliteStatement(m_db, "INSERT INTO wikis (name) VALUES (?1)");
    for (const SqliteStatement* st : {&m_insertTotal, &m_replaceTotal, &m_deleteWikiMinute,
                                      &m_insertWikiMinute, &m_upsertHourTotal, &m_upsertWikiHour,
                                      &m_insertWiki}) {
        if (!st->valid())
            return DbResult::fromDb(m_db, st->prepareCode(), QStringLiteral("cannot prepare writes"));
    }
    return {};
}

qint64 HistoryDatabase::wikiId(std::string_view name)
{
    if (auto it = m_wikiIds.find(std::string(name)); it != m_wikiIds.end())
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
    auto it = m_wikiIds.find(name.toStdString());
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

DbResult HistoryDatabase::writeOne(const analytics::MinuteSummary& m, std::vector<qint64>& recomputeHours)
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
        m_deleteWikiMinute.reset();
        m_deleteWikiMinute.bind(1, minute);
        if ((rc = m_replaceTotal.step()) != SQLITE_DONE || (rc = m_deleteWikiMinute.step()) != SQLITE_DONE)
            return DbResult::fromDb(m_db, rc, QStringLiteral("cannot rewrite a minute"));
        recomputeHours.push_back(hour);
    } else {
        m_upsertHourTotal.reset();
        m_upsertHourTotal.bind(1, hour);
        schema::bindCounts(m_upsertHourTotal, 2, m.total);
        if ((rc = m_upsertHourTotal.step()) != SQLITE_DONE)
            return DbResult::fromDb(m_db, rc, QStringLiteral("cannot update the hourly rollup"));
    }
    for (const analytics::WikiMinute& w : m.perWiki) {
        const qint64 id = wikiId(w.wiki);
        if (id < 0)
            return DbResult::fromDb(m_db, sqlite3_errcode(m_db), QStringLiteral("cannot add a wiki"));
        m_insertWikiMinute.reset();
        m_insertWikiMinute.bind(1, minute);
        m_insertWikiMinute.bind(2, id);
        schema::bindCounts(m_insertWikiMinute, 3, w.counts);
        if ((rc = m_insertWikiMinute.step()) != SQLITE_DONE)
            return DbResult::fromDb(m_db, rc, QStringLiteral("cannot write a wiki minute"));
        if (fresh) {
            m_upsertWikiHour.reset();
            m_upsertWikiHour.bind(1, hour);
            m_upsertWikiHour.bind(2, id);
            schema::bindCounts(m_upsertWikiHour, 3, w.counts);
            if ((rc = m_upsertWikiHour.step()) != SQLITE_DONE)
                return DbResult::fromDb(m_db, rc, QStringLiteral("cannot update a wiki's hourly rollup"));
        }
    }
    return {};
}

DbResult HistoryDatabase::recomputeHour(qint64 hourStartMs)
{
    const std::string cols = schema::columnList();
    const std::string sums = sumList();
    const std::string sql[] = {
        "DELETE FROM hourly_totals WHERE hour_start = ?1",
        "INSERT INTO hourly_totals (hour_start, minutes, " + cols + ") SELECT ?1, COUNT(*), " + sums +
            " FROM minute_totals WHERE minute_start >= ?1 AND minute_start < ?1 + 3600000 HAVING COUNT(*) > 0",
        "DELETE FROM wiki_hourly WHERE hour_start = ?1",
        "INSERT INTO wiki_hourly (hour_start, wiki_id, " + cols + ") SELECT ?1, wiki_id, " + sums +
            " FROM wiki_minutes WHERE minute_start >= ?1 AND minute_start < ?1 + 3600000 GROUP BY wiki_id",
    };
    for (const std::string& s : sql) {
        SqliteStatement st(m_db, s);
        if (!st.valid())
            return DbResult::fromDb(m_db, st.prepareCode(), QStringLiteral("cannot rebuild an hour"));
        st.bind(1, hourStartMs);
        const int rc = st.step();
        if (rc != SQLITE_DONE)
            return DbResult::fromDb(m_db, rc, QStringLiteral("cannot rebuild an hour"));
    }
    return {};
}

DbResult HistoryDatabase::writeMinutes(const std::vector<analytics::MinuteSummaryPtr>& minutes)
{
    if (!m_db)
        return {SQLITE_MISUSE, QStringLiteral("the history database is not open")};
    DbResult r = execSql(m_db, "BEGIN IMMEDIATE");
    if (!r.ok())
        return r;
    std::vector<qint64> recompute;
    for (const auto& m : minutes) {
        if (m && (r = writeOne(*m, recompute)).ok())
            continue;
        if (!r.ok())
            break;
    }
    if (r.ok()) {
        std::sort(recompute.begin(), recompute.end());
        recompute.erase(std::unique(recompute.begin(), recompute.end()), recompute.end());
        for (qint64 h : recompute)
            if (!(r = recomputeHour(h)).ok())
                break;
    }
    if (r.ok())
        r = execSql(m_db, "COMMIT");
    if (!r.ok()) {
        execSql(m_db, "ROLLBACK");
        loadWikis(); // ids handed out inside the rolled-back transaction are gone
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
                            "SELECT MIN(minute_start) FROM wiki_minutes",
                            "SELECT MIN(hour_start) FROM hourly_totals",
                            "SELECT MIN(hour_start) FROM wiki_hourly"}) {
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
    const std::pair<const char*, qint64> deletes[] = {
        {"DELETE FROM wiki_minutes WHERE minute_start < ?1", bound},
        {"DELETE FROM minute_totals WHERE minute_start < ?1", bound},
        {"DELETE FROM wiki_hourly WHERE hour_start < ?1", hourBound},
        {"DELETE FROM hourly_totals WHERE hour_start < ?1", hourBound},
        {"DELETE FROM wikidata_labels WHERE (qid, language) IN (SELECT qid, language FROM "
         "wikidata_labels WHERE expires_at < ?1 LIMIT 500)",
         nowMs},
    };
    for (const auto& [sql, bindValue] : deletes) {
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
    if (!r.ok())
        execSql(m_db, "ROLLBACK");
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
