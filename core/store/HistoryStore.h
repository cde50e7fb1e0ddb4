#pragma once
// The storage stage: keeps closed minutes in the SQLite history, maintains rollups, prunes old
// rows and answers history queries. Lives on the storage thread (the owner moves it to a
// QThread, then invokes open()); every slot runs there and every answer goes back as a signal.

#include <functional>
#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QTimeZone>

#include "analytics/MinuteSummary.h"
#include "store/HistoryDatabase.h"
#include "store/LabelResolver.h"
#include "store/StoreTypes.h"

class QTimer;

namespace wt::store {

class LabelCache;

struct HistoryStoreConfig {
    DatabaseOptions database;          // path empty = HistoryDatabase::defaultPath()
    bool enabled = true;               // false: memory only from the start, no file touched
    int retentionDays = 30;            // minutes and hours older than this are pruned
    int commitIntervalMs = 1000;       // a queued minute waits at most this long for its commit
    int commitBatchMinutes = 64;       // ... or commits as soon as this many are queued
    int maxPendingMinutes = 4096;      // bounded queue; overflow is dropped and counted
    int pruneIntervalMs = 3'600'000;   // background retention pass
    int pruneChunkMinutes = 60;        // rows of at most this many minutes per delete step
    QTimeZone heatmapZone = QTimeZone::systemTimeZone(); // weekday/hour cells in this zone
    std::function<qint64()> clock;     // wall clock (ms) for retention; default: system clock
    LabelResolverConfig labels;
};

class HistoryStore : public QObject {
    Q_OBJECT
public:
    explicit HistoryStore(HistoryStoreConfig config, QObject* parent = nullptr);
    ~HistoryStore() override;

    // Synchronous API, for tests, benchmarks and code already on the storage thread.
    bool openNow();                  // false (and storageError) when storage is unavailable
    bool commitNow();                // commits the queued minutes; false on failure
    QVector<MinutePoint> minutes(qint64 fromMs, qint64 toMs, const QString& wiki);
    QVector<HourPoint> hourly(qint64 fromMs, qint64 toMs, const QString& wiki);
    WeekdayHeatmap weekdayHeatmap(const QString& wiki, qint64 fromMs, qint64 toMs);
    // Totals for [from, to); per-wiki minutes for [detailFrom, to) (at start: the engine's
    // lookback, now - analytics::kMaxLookbackMs). By default per wiki for the whole range.
    StartupFill startupFill(qint64 fromMs, qint64 toMs, qint64 detailFromMs = StartupFill::kWholeRange);
    qint64 pruneAll();               // runs prune steps until nothing is older than retention
    WriteStats stats() const;
    bool isMemoryOnly() const { return m_failed; }
    HistoryDatabase& database() { return *m_db; }
    LabelCache& labelCache() { return *m_labelCache; }
    LabelResolver* labelResolver() { return m_labels; } // child: moves with the store

public slots:
    void open();                     // open/migrate the file, start timers; emits opened/storageError
    void storeMinute(const wt::analytics::MinuteSummaryPtr& minute);
    void flush();                    // commit now (call before quitting the storage thread)
    void setRetentionDays(int days);

    void requestMinutes(qint64 fromMs, qint64 toMs, const QString& wiki, quint64 requestId);
    void requestHourly(qint64 fromMs, qint64 toMs, const QString& wiki, quint64 requestId);
    void requestWeekdayHeatmap(const QString& wiki, qint64 fromMs, qint64 toMs, quint64 requestId);
    void requestStartupFill(qint64 fromMs, qint64 toMs, qint64 detailFromMs = StartupFill::kWholeRange);

signals:
    void opened(const QString& path, int schemaVersion);
    void storageError(const QString& message); // once; the store then works in memory only
    void minutesReady(quint64 requestId, const QVector<wt::store::MinutePoint>& points);
    void hourlyReady(quint64 requestId, const QVector<wt::store::HourPoint>& points);
    void heatmapReady(quint64 requestId, const wt::store::WeekdayHeatmap& heatmap);
    void startupFillReady(const wt::store::StartupFill& fill);
    void writeStatsChanged(const wt::store::WriteStats& stats); // after each batch

private:
    void fail(const QString& message);
    void pruneStep();
    qint64 now() const;

    HistoryStoreConfig m_config;
    std::unique_ptr<HistoryDatabase> m_db;
    std::unique_ptr<LabelCache> m_labelCache;
    LabelResolver* m_labels = nullptr;
    std::vector<analytics::MinuteSummaryPtr> m_pending;
    QTimer* m_commitTimer = nullptr;
    QTimer* m_pruneTimer = nullptr;
    bool m_opened = false;
    bool m_failed = false;
    WriteStats m_stats;
    double m_totalWriteMs = 0;
};

} // namespace wt::store
