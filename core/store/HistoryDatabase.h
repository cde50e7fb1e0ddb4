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
#include "store/WikiCountsCodec.h"

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
    struct OpenHour {
        qint64 hourStartMs = 0;
        codec::WikiAccumulator wikis;
        bool dirty = false; // holds minutes wiki_hour_blobs does not have yet
    };

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
    // The newest hour's per-wiki rollup lives in memory (openHour()) and is written when a newer
    // hour starts, on flushOpenHour() and on destruction; until then store_state marks that
    // hour, and open() rebuilds a marked hour from its minutes (after a kill).
    DbResult writeMinutes(const std::vector<analytics::MinuteSummaryPtr>& minutes);
    DbResult flushOpenHour(); // writes the newest hour's per-wiki rollup if it changed

    // The newest hour's per-wiki rollup as committed (nullptr when none is held): the truth
    // for that hour, which wiki_hour_blobs may not have yet.
    const OpenHour* openHour() const { return m_openHour.get(); }

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
    DbResult openNewHour(qint64 hourStartMs);
    DbResult writeOpenHour();
    DbResult syncMarker();
    DbResult mergeHour(HourAccumulation& hour);
    DbResult recomputeHour(qint64 hourStartMs, codec::WikiAccumulator* rebuilt = nullptr);
    DbResult repairMarkedHour();
    DbResult loadWikis();
    void rememberWikis(const analytics::MinuteSummary& m);
    DbResult run(SqliteStatement& st, const char* what); // steps a statement without rows

    DatabaseOptions m_options;
    QString m_path;
    sqlite3* m_db = nullptr;

    // Transparent hashing: a lookup by string_view builds no string.
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, qint64, NameHash, std::equal_to<>> m_wikiIds;
    std::vector<std::string> m_wikiNames; // index = id (ids are small, dense rowids)
    mutable std::vector<int> m_rankById;
    mutable bool m_rankDirty = true;

    SqliteStatement m_insertTotal;
    SqliteStatement m_replaceTotal;
    SqliteStatement m_putWikiMinute;
    SqliteStatement m_upsertHourTotal;
    SqliteStatement m_getWikiHour;
    SqliteStatement m_putWikiHour;
    std::vector<std::pair<std::string, qint64>> m_recentWikis; // the last minute's, by name
    SqliteStatement m_begin;
    SqliteStatement m_commit;
    SqliteStatement m_setMarker;
    SqliteStatement m_clearMarker;
    std::string m_blob; // reused encoding buffers
    std::string m_hourBlob;
    // The newest hour's per-wiki rollup: a live commit adds its minute here instead of reading,
    // decoding, re-encoding and rewriting the hour's blob every minute. Dropped on rollback.
    std::unique_ptr<OpenHour> m_openHour;
    qint64 m_markedHour = -1;      // the dirty hour store_state holds on disk (-1: none)
    bool m_repairPending = false;  // a rollback left the marked hour unknown in memory
    SqliteStatement m_insertWiki;
};

} // namespace wt::store
