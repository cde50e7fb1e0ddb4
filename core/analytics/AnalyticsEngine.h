#pragma once
// The analytics stage: takes event batches, keeps event-time aggregates, and publishes one
// immutable DashboardSnapshot per refresh tick. Lives on the analytics thread (all slots are
// meant for queued calls); fully usable synchronously in tests and benchmarks (ingest(),
// buildSnapshot(), closeAllMinutes()) without an event loop. See EventTimeAggregator.h for the
// event-time rules and SnapshotBuilder.h for the leaderboard order.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include "analytics/AnalyticsConfig.h"
#include "analytics/DashboardSnapshot.h"
#include "analytics/EventTimeAggregator.h"
#include "analytics/HistoryFill.h"
#include "analytics/MinuteSummary.h"
#include "analytics/WikidataLabels.h"
#include "event/EditEvent.h"
#include "ingest/IngestCounters.h"
#include "store/StoreTypes.h"

namespace wt::analytics {

class AnalyticsEngine : public QObject {
    Q_OBJECT
public:
    explicit AnalyticsEngine(AnalyticsConfig config = {}, QObject* parent = nullptr);

    // Synchronous core. ingest() emits minuteClosed / minuteLateUpdated for what it closes.
    void ingest(const event::EventBatch& batch);
    DashboardSnapshotPtr buildSnapshot();
    // End of a batch replay: raise the watermark past every open minute, close and emit them.
    std::vector<MinuteSummaryPtr> closeAllMinutes();
    QString keywordError(const QString& pattern) const; // empty when valid

    const AnalyticsConfig& config() const { return m_config; }
    const EventTimeAggregator& aggregator() const { return m_agg; }

    static void registerMetaTypes();

public slots:
    void onBatch(wt::event::EventBatchPtr batch);
    void setLookback(qint64 ms);     // 60 s .. 3 h, clamped
    void setRefreshInterval(int ms); // 100 ms .. 60 s
    void setTopN(int n);             // 5 .. 100
    void setFilter(const wt::analytics::Filter& f);
    void setKeywords(const QStringList& patterns);
    void setIngestCounters(const wt::ingest::IngestCounters& c);
    // Answers of the Wikidata label resolver (connect LabelResolver::labelsReady here): kept in
    // a bounded LRU (50,000) and shown as LeaderRow::label / RecentEdit::label of Q-id titles.
    void setLabels(const wt::store::LabelMap& labels);
    // Start full: stored minutes shown where the lookback has no raw events yet (HistoryFill.h).
    void setHistoryFill(const std::vector<wt::analytics::MinuteSummaryPtr>& minutes);
    void start(); // the refresh timer: one snapshotReady per tick
    void stop();

signals:
    void snapshotReady(wt::analytics::DashboardSnapshotPtr snapshot);
    void minuteClosed(wt::analytics::MinuteSummaryPtr minute);
    // A minute already closed got a late event: the same minute again with a higher `late`
    // (the store should replace its row). Emitted at most once per late event.
    void minuteLateUpdated(wt::analytics::MinuteSummaryPtr minute);
    void keywordsRejected(const QString& pattern, const QString& error);
    // Q-ids of top pages and recent edits (www.wikidata.org items) that have no label yet and
    // were not asked for in the last 10 minutes; at most once per snapshot, at most 500 ids,
    // each once (connect to LabelResolver::requestLabels).
    void labelsWanted(const QStringList& qids);

private:
    void emitMinutes();
    void tick();

    AnalyticsConfig m_config;
    EventTimeAggregator m_agg;
    ingest::IngestCounters m_ingest;
    WikidataLabels m_labels;
    HistoryFill m_history;
    QTimer m_timer;
    std::uint64_t m_sequence = 0;
};

} // namespace wt::analytics

Q_DECLARE_METATYPE(wt::ingest::IngestCounters)
