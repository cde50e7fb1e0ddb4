#pragma once
// The whole WikiTide pipeline behind one object: ingest thread (IngestWorker), optional Kafka
// (embedded broker, producer thread, consumer thread), analytics thread (AnalyticsEngine +
// AlertMonitor), storage thread (HistoryStore + LabelResolver), health metrics and the metrics
// endpoint. Lives on the main thread; every command is forwarded queued to the thread that owns
// the state, every answer comes back as a signal on the main thread. Used by the headless runner
// and by the window alike.

#include "alert/Alert.h"
#include "analytics/AnalyticsConfig.h"
#include "analytics/DashboardSnapshot.h"
#include "ingest/IngestCounters.h"
#include "pipeline/HealthMetrics.h"
#include "pipeline/Settings.h"
#include "store/StoreTypes.h"
#include "transport/KafkaTypes.h"

#include <QObject>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVariantList>
#include <memory>

namespace wt::analytics {
class AnalyticsEngine;
}
namespace wt::alert {
class AlertMonitor;
}
namespace wt::store {
class HistoryStore;
}
namespace wt::transport {
class EmbeddedBroker;
class KafkaSink;
class KafkaSource;
} // namespace wt::transport

namespace wt::pipeline {

class IngestWorker;
class MetricsServer;

class Engine : public QObject {
    Q_OBJECT
public:
    // alertRules: the stored form (AlertRule.h rulesToVariant); empty = no alerts.
    explicit Engine(Settings settings, QVariantList alertRules = {}, QObject* parent = nullptr);
    ~Engine() override; // stop()

    // Builds and starts every thread. False (with *error) when something the user asked for
    // cannot work: the embedded broker, a bad Kafka property, the metrics port.
    bool start(QString* error);
    // Stops in order: ingest, Kafka producer (flushed), Kafka consumer, analytics (drained),
    // storage (flushed), then joins the threads. Idempotent.
    void stop();

    const Settings& settings() const { return m_settings; }
    HealthMetrics& metrics() { return m_metrics; }
    quint16 metricsPort() const;
    store::HistoryStore* store() const { return m_store; } // null in the Kafka ingest role
    bool hasAnalytics() const { return m_analytics != nullptr; }
    bool isReplay() const { return !m_ingestConfig.replayFile.isEmpty(); }
    bool isBatchReplay() const { return isReplay() && m_ingestConfig.batch; }
    QString bootstrapServers() const { return m_bootstraps; }
    ingest::IngestCounters ingestCounters() const { return m_ingestCounters; }
    transport::KafkaSinkCounters sinkCounters() const { return m_sinkCounters; }
    transport::KafkaSourceCounters sourceCounters() const { return m_sourceCounters; }
    transport::KafkaLag kafkaLag() const { return m_lag; }
    analytics::DashboardSnapshotPtr latestSnapshot() const { return m_latest; }
    quint64 alertsRaised() const { return m_alerts; }

    // End of a batch replay (after sourceFinished): waits until Kafka (if any) has delivered and
    // the analytics thread has taken every batch, closes every open minute (they go to the
    // store) and returns the final snapshot. Null without analytics.
    analytics::DashboardSnapshotPtr drain(int kafkaTimeoutMs = 30000);

public slots:
    void setLookback(qint64 ms);
    void setRefreshInterval(int ms);
    void setTopN(int n);
    void setFilter(const wt::analytics::Filter& filter);
    void setKeywords(const QStringList& keywords);
    void setAlertRules(const QVariantList& rules);
    // Restart ingest: a recording at `speed` (real time by event time), or the live stream.
    // The analytics state starts over (a replay's clock is not the live clock).
    void openRecording(const QString& path, double speed);
    void goLive();
    void requestIngestCounters();

signals:
    void snapshotReady(wt::analytics::DashboardSnapshotPtr snapshot);
    // state: ingest::ConnectionState values, plus 7 = replaying (detail = the speed).
    void connectionStateChanged(int state, const QString& detail, int retryInMs);
    void ingestCountersReady(const wt::ingest::IngestCounters& counters);
    void alertRaised(const wt::alert::Alert& alert);
    void alertRulesRejected(const QStringList& errors);
    void keywordRejected(const QString& pattern, const QString& error);
    void healthUpdated(const wt::pipeline::HealthSnapshot& snapshot); // about once a second
    void storageOpened(const QString& path);
    void storageError(const QString& message);
    void knownWikisChanged(const QStringList& wikis);
    void kafkaLagChanged(qint64 total, const QString& detail);
    void kafkaStateChanged(const QString& side, const QString& state, const QString& message);
    void notice(const QString& message);  // one line for stderr / the status bar
    void warning(const QString& message); // ingest warnings
    void sourceFinished();                // replay ended, or the server said 204
    void fatalError(const QString& message);

private:
    void startStore();
    void startAnalytics();
    bool startKafka(QString* error);
    void startIngest();
    void stopIngest();
    void stopAnalytics();
    void connectBatchSource(QObject* source, bool fromKafka);
    void onSnapshot(const analytics::DashboardSnapshotPtr& snapshot);
    void onStartupFill(const store::StartupFill& fill);
    void onHealthTick();
    void onLag(const transport::KafkaLag& lag);
    bool wantsStartupFill() const;

    Settings m_settings;
    QVariantList m_alertRules;
    IngestConfig m_ingestConfig;
    HealthMetrics m_metrics;
    std::unique_ptr<MetricsServer> m_metricsServer;
    std::unique_ptr<transport::EmbeddedBroker> m_broker;
    QString m_bootstraps;

    std::unique_ptr<IngestWorker> m_ingest;
    QThread m_analyticsThread;
    QThread m_storeThread;
    QThread m_sinkThread;
    QThread m_sourceThread;
    analytics::AnalyticsEngine* m_analytics = nullptr; // lives on m_analyticsThread
    alert::AlertMonitor* m_alertMonitor = nullptr;     // lives on m_analyticsThread
    store::HistoryStore* m_store = nullptr;            // lives on m_storeThread
    transport::KafkaSink* m_sink = nullptr;            // lives on m_sinkThread
    transport::KafkaSource* m_source = nullptr;        // lives on m_sourceThread

    QTimer m_healthTimer;
    analytics::DashboardSnapshotPtr m_latest;
    ingest::IngestCounters m_ingestCounters;
    transport::KafkaSinkCounters m_sinkCounters;
    transport::KafkaSourceCounters m_sourceCounters;
    transport::KafkaLag m_lag;
    std::vector<analytics::MinuteSummaryPtr> m_fill; // the startup fill, kept for restarts
    quint64 m_alerts = 0;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace wt::pipeline
