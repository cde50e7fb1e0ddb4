#pragma once
// The SQLite history file: one connection, opened, migrated and written on the storage thread
// only (never shared across threads). Writes are batched transactions of prepared statements.

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <QString>
#include <QStringList>

#include "analytics/MinuteSummary.h"
#include "store/SqliteStatement.h"

struct sqlite3;

namespace wt::store {

struct DatabaseOptions {
    QString path;              // empty = defaultPath()
    bool readOnly = false;     // open with SQLITE_OPEN_READONLY (a read-only medium; tests)
    int busyTimeoutMs = 2000;  // how long to wait for another process' lock
    qint64 maxPageCount = 0;   // > 0 caps the file (PRAGMA max_page_count): a real SQLITE_FULL
};

class HistoryDatabase {
public:
    explicit HistoryDatabase(DatabaseOptions options);
    ~HistoryDatabase();
    HistoryDatabase(const HistoryDatabase&) = delete;
    HistoryDatabase& operator=(const HistoryDatabase&) = delete;

    // <XDG data location>/wikitide.sqlite (QStandardPaths::AppDataLocation).
    static QString defaultPath();

    DbResult open();
    void close();
    bool isOpen() const { return m_db != nullptr; }
    const QString& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    int schemaVersion() const;

    // Stores closed minutes in one transaction and keeps the hourly rollups up to date.
    // A minute stored again replaces the earlier one (its hour is recomputed).
    DbResult writeMinutes(const std::vector<analytics::MinuteSummaryPtr>& minutes);

    // Deletes one chunk of rows older than cutoffMs (at most chunkMinutes of minutes, the
    // matching hours, expired labels). *deleted gets the row count; 0 means nothing left.
    DbResult pruneStep(qint64 cutoffMs, qint64 nowMs, int chunkMinutes, qint64* deleted);

    // Wiki id for a name, creating it when absent; -1 on error.
    qint64 wikiId(std::string_view name);
    qint64 findWikiId(const QString& name) const; // -1 when unknown
    QStringList knownWikis() const;
    const std::vector<std::string>& wikiNamesById() const { return m_wikiNames; }
    const std::vector<int>& wikiRankById() const; // position of each id in name order

    QString integrityCheck();

private:
    DbResult prepareWriters();
    struct HourAccumulation;
    DbResult writeOne(const analytics::MinuteSummary& m, std::vector<qint64>& recomputeHours,
                      std::vector<HourAccumulation>& hours);
    DbResult mergeHour(HourAccumulation& hour);
    DbResult recomputeHour(qint64 hourStartMs);
    DbResult loadWikis();

    DatabaseOptions m_options;
    QString m_path;
    sqlite3* m_db = nullptr;

    std::unordered_map<std::string, qint64> m_wikiIds;
    std::vector<std::string> m_wikiNames; // index = id (ids are small, dense rowids)
    mutable std::vector<int> m_rankById;
    mutable bool m_rankDirty = true;

    SqliteStatement m_insertTotal;
    SqliteStatement m_replaceTotal;
    SqliteStatement m_putWikiMinute;
    SqliteStatement m_upsertHourTotal;
    SqliteStatement m_getWikiHour;
    SqliteStatement m_putWikiHour;
    std::string m_blob; // reused encoding buffer
    // The newest hour's per-wiki rollup as committed, so a live commit (one minute) need not
    // read and decode the hour's blob again. Dropped on rollback or rebuild.
    std::unique_ptr<HourAccumulation> m_hourCache;
    std::unique_ptr<HourAccumulation> m_hourCachePending;
    SqliteStatement m_insertWiki;
};

} // namespace wt::store
