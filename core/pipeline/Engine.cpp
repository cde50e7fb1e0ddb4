#include "pipeline/Engine.h"

#include "Logging.h"
#include "alert/AlertMonitor.h"
#include "analytics/AnalyticsEngine.h"
#include "pipeline/IngestWorker.h"
#include "pipeline/MetricsServer.h"
#include "pipeline/ReportLine.h"
#include "store/HistoryStore.h"
#include "transport/EmbeddedBroker.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>

namespace wt::pipeline {

using analytics::AnalyticsEngine;
using analytics::DashboardSnapshotPtr;

namespace {

constexpr int kReplayingState = 7; // ui::ConnectionState::Replaying
constexpr qint64 kFillSpanMs = analytics::kMaxLookbackMs; // fill the longest lookback once

// Runs fn on obj's thread and waits (obj must live on a running thread other than this one).
template <typename Fn>
void onThreadOf(QObject* obj, Fn fn)
{
    if (obj->thread() == QThread::currentThread())
        fn();
    else
        QMetaObject::invokeMethod(obj, std::move(fn), Qt::BlockingQueuedConnection);
}

void registerTypes()
{
    AnalyticsEngine::registerMetaTypes();
    qRegisterMetaType<wt::alert::Alert>();
    qRegisterMetaType<wt::ingest::ConnectionState>();
    qRegisterMetaType<wt::ingest::IngestCounters>();
    qRegisterMetaType<wt::store::StartupFill>();
    qRegisterMetaType<wt::store::WriteStats>();
    qRegisterMetaType<wt::store::LabelMap>();
    qRegisterMetaType<wt::transport::KafkaState>();
    qRegisterMetaType<wt::transport::KafkaLag>();
    qRegisterMetaType<wt::transport::KafkaSinkCounters>();
    qRegisterMetaType<wt::transport::KafkaSourceCounters>();
    qRegisterMetaType<wt::pipeline::HealthSnapshot>();
}

} // namespace

Engine::Engine(Settings settings, QVariantList alertRules, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_alertRules(std::move(alertRules)),
      m_ingestConfig(m_settings.ingestConfig())
{
    registerTypes();
    m_ingestConfig.countersIntervalMs = 1000;
    m_analyticsThread.setObjectName(QStringLiteral("analytics"));
    m_storeThread.setObjectName(QStringLiteral("storage"));
    m_sinkThread.setObjectName(QStringLiteral("kafka-produce"));
    m_sourceThread.setObjectName(QStringLiteral("kafka-consume"));
    m_healthTimer.setInterval(1000);
    connect(&m_healthTimer, &QTimer::timeout, this, &Engine::onHealthTick);
    m_metrics.describe(QStringLiteral("kafka_delivered_events"), MetricType::Counter,
                       QStringLiteral("Events the Kafka broker acknowledged."),
                       QStringLiteral("Kafka"));
    m_metrics.describe(QStringLiteral("kafka_delivery_failures"), MetricType::Counter,
                       QStringLiteral("Events Kafka could not deliver."), QStringLiteral("Kafka"));
    m_metrics.describe(QStringLiteral("kafka_dropped_events"), MetricType::Counter,
                       QStringLiteral("Events dropped before Kafka (local queue full)."),
                       QStringLiteral("Kafka"));
    m_metrics.describe(QStringLiteral("kafka_consumed_events"), MetricType::Counter,
                       QStringLiteral("Events read back from Kafka by the dashboard."),
                       QStringLiteral("Kafka"));
    m_metrics.describe(QStringLiteral("alerts_raised"), MetricType::Counter,
                       QStringLiteral("Alert notices raised."), QStringLiteral("Alerts"));
}

Engine::~Engine()
{
    stop();
}

quint16 Engine::metricsPort() const
{
    return m_metricsServer ? m_metricsServer->port() : 0;
}

bool Engine::wantsStartupFill() const
{
    // A replay's "now" is unknown before its first event: start full only for live data.
    if (m_settings.kafkaEnabled() && m_settings.role == KafkaRole::Dashboard)
        return true;
    return !isReplay();
}

bool Engine::start(QString* error)
{
    if (m_started)
        return true;
    m_started = true;
    if (m_settings.metricsPort >= 0) {
        if (!MetricsServer::available()) {
            *error = QStringLiteral("--metrics-port: this build has no HTTP server");
            return false;
        }
        m_metricsServer = std::make_unique<MetricsServer>(&m_metrics);
        QHostAddress address;
        if (!address.setAddress(m_settings.metricsAddress)) {
            *error = QStringLiteral("--metrics-address: '%1' is not an IP address")
                         .arg(m_settings.metricsAddress);
            return false;
        }
        const MetricsListenResult r = m_metricsServer->listen(quint16(m_settings.metricsPort), address);
        if (!r.ok) {
            *error = QStringLiteral("metrics endpoint: %1").arg(r.error);
            return false;
        }
        emit notice(QStringLiteral("metrics on http://%1:%2/metrics")
                        .arg(m_settings.metricsAddress)
                        .arg(r.port));
    }
    const bool analyticsWanted = !(m_settings.kafkaEnabled() && m_settings.role == KafkaRole::Ingest);
    if (analyticsWanted) {
        startStore();
        startAnalytics();
    }
    if (m_settings.kafkaEnabled() && !startKafka(error))
        return false;
    const bool ingestWanted =
        !(m_settings.kafkaEnabled() && m_settings.role == KafkaRole::Dashboard);
    if (ingestWanted) {
        if (m_source) {
            // Role all: start reading once the consumer owns its partitions, so nothing produced
            // before the assignment is missed when it reads only new messages.
            auto started = std::make_shared<bool>(false);
            auto go = [this, started] {
                if (*started || m_stopped)
                    return;
                *started = true;
                startIngest();
            };
            connect(m_source, &transport::KafkaSource::partitionsAssigned, this, go,
                    Qt::QueuedConnection);
            QTimer::singleShot(10000, this, go);
        } else {
            startIngest();
        }
    } else {
        emit connectionStateChanged(int(ingest::ConnectionState::Live),
                                    QStringLiteral("reading Kafka topic %1").arg(m_settings.topic),
                                    -1);
    }
    m_healthTimer.start();
    return true;
}

void Engine::startStore()
{
    store::HistoryStoreConfig sc;
    sc.database.path = m_settings.dbPath;
    sc.enabled = !m_settings.noHistory;
    sc.retentionDays = m_settings.retentionDays;
    sc.labels.enabled = !m_settings.offline;
    sc.labels.apiUrl = QUrl(m_settings.wikidataApi);
    sc.labels.language = m_settings.labelLanguage;
    m_store = new store::HistoryStore(sc);
    m_store->moveToThread(&m_storeThread);
    connect(&m_storeThread, &QThread::finished, m_store, &QObject::deleteLater);
    connect(m_store, &store::HistoryStore::opened, this, [this](const QString& path, int) {
        emit storageOpened(path);
        qCInfo(lcStore) << "history in" << path;
    });
    connect(m_store, &store::HistoryStore::storageError, this, [this](const QString& m) {
        m_metrics.set(QStringLiteral("store_memory_only"), 1);
        emit storageError(m);
    });
    connect(m_store, &store::HistoryStore::writeStatsChanged, this,
            [this](const store::WriteStats& w) {
                m_metrics.updateStoreWrite(w.lastMs, w.minutesWritten, w.minutesDropped);
                m_metrics.updateQueue(QStringLiteral("store_minutes"), quint64(w.pendingMinutes),
                                      4096, w.minutesDropped);
            });
    connect(m_store, &store::HistoryStore::startupFillReady, this, &Engine::onStartupFill);
    m_storeThread.start();
    QMetaObject::invokeMethod(m_store, &store::HistoryStore::open, Qt::QueuedConnection);
    // The known wikis are wanted in every mode; the minutes only where "now" is known.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QMetaObject::invokeMethod(
        m_store, [store = m_store, now] { store->requestStartupFill(now - kFillSpanMs, now); },
        Qt::QueuedConnection);
}

void Engine::startAnalytics()
{
    m_analytics = new AnalyticsEngine(m_settings.analyticsConfig());
    m_alertMonitor = new alert::AlertMonitor(&m_metrics);
    m_analytics->moveToThread(&m_analyticsThread);
    m_alertMonitor->moveToThread(&m_analyticsThread);
    connect(&m_analyticsThread, &QThread::finished, m_analytics, &QObject::deleteLater);
    connect(&m_analyticsThread, &QThread::finished, m_alertMonitor, &QObject::deleteLater);
    connect(m_analytics, &AnalyticsEngine::snapshotReady, this, &Engine::onSnapshot);
    connect(m_analytics, &AnalyticsEngine::keywordsRejected, this, &Engine::keywordRejected);
    if (m_store) {
        connect(m_analytics, &AnalyticsEngine::minuteClosed, m_store,
                &store::HistoryStore::storeMinute);
        connect(m_analytics, &AnalyticsEngine::minuteLateUpdated, m_store,
                &store::HistoryStore::storeMinute);
        store::LabelResolver* labels = m_store->labelResolver();
        if (labels) {
            connect(m_analytics, &AnalyticsEngine::labelsWanted, labels,
                    &store::LabelResolver::requestLabels);
            connect(labels, &store::LabelResolver::labelsReady, m_analytics,
                    &AnalyticsEngine::setLabels);
        }
    }
    connect(m_alertMonitor, &alert::AlertMonitor::alertRaised, this,
            [this](const alert::Alert& a) {
                ++m_alerts;
                emit alertRaised(a);
            });
    connect(m_alertMonitor, &alert::AlertMonitor::rulesRejected, this, &Engine::alertRulesRejected);
    if (!m_analyticsThread.isRunning())
        m_analyticsThread.start();
    QMetaObject::invokeMethod(m_alertMonitor,
                              [m = m_alertMonitor, rules = m_alertRules] { m->setRules(rules); });
    QMetaObject::invokeMethod(m_analytics, &AnalyticsEngine::start, Qt::QueuedConnection);
    if (!m_fill.empty() && wantsStartupFill())
        QMetaObject::invokeMethod(m_analytics,
                                  [a = m_analytics, fill = m_fill] { a->setHistoryFill(fill); });
}

bool Engine::startKafka(QString* error)
{
    transport::KafkaConfig config = m_settings.kafkaConfig();
    if (m_settings.embeddedKafka()) {
        m_broker = std::make_unique<transport::EmbeddedBroker>(1);
        if (!m_broker->ok()) {
            *error = QStringLiteral("embedded Kafka broker: %1").arg(m_broker->error());
            return false;
        }
        if (!m_broker->createTopic(config.topic, config.partitions)) {
            *error = QStringLiteral("embedded Kafka broker: cannot create topic %1")
                         .arg(QString::fromStdString(config.topic));
            return false;
        }
        config.brokers = m_broker->bootstraps();
        emit notice(QStringLiteral("embedded Kafka broker at %1 (topic %2)")
                        .arg(QString::fromStdString(config.brokers),
                             QString::fromStdString(config.topic)));
        emit notice(QString::fromUtf8(transport::EmbeddedBroker::limitsText()));
    }
    m_bootstraps = QString::fromStdString(config.brokers);
    qCInfo(lcTransport).noquote() << "Kafka settings:\n" << config.redactedDump();

    const bool produce = m_settings.role != KafkaRole::Dashboard;
    const bool consume = m_settings.role != KafkaRole::Ingest;
    // The mock broker answers an empty fetch only after the full wait and takes larger batches
    // than a real cluster's defaults allow; its tuning goes first so the user's -X still wins.
    auto tuned = [&config, this](std::vector<transport::KafkaConfig::Property> extra) {
        transport::KafkaConfig c = config;
        if (m_settings.embeddedKafka())
            c.properties.insert(c.properties.begin(), extra.begin(), extra.end());
        return c;
    };
    if (produce) {
        m_sink = new transport::KafkaSink(tuned(transport::EmbeddedBroker::producerProperties()));
        if (isBatchReplay())
            m_sink->setQueueFullPolicy(transport::KafkaSink::QueueFullPolicy::Block, 5000);
        m_sink->moveToThread(&m_sinkThread);
        connect(&m_sinkThread, &QThread::finished, m_sink, &QObject::deleteLater);
        connect(m_sink, &transport::KafkaSink::countersChanged, this,
                [this](const transport::KafkaSinkCounters& c) {
                    m_sinkCounters = c;
                    m_metrics.set(QStringLiteral("kafka_delivered_events"), double(c.delivered));
                    m_metrics.set(QStringLiteral("kafka_delivery_failures"),
                                  double(c.deliveryFailed));
                    m_metrics.set(QStringLiteral("kafka_dropped_events"), double(c.dropped));
                });
        connect(m_sink, &transport::KafkaSink::stateChanged, this,
                [this](transport::KafkaState s, const QString& m) {
                    emit kafkaStateChanged(QStringLiteral("producer"),
                                           QString::fromLatin1(transport::kafkaStateName(s)), m);
                });
        m_sinkThread.start();
        bool ok = false;
        onThreadOf(m_sink, [this, &ok] { ok = m_sink->start(); });
        if (!ok) {
            *error = QStringLiteral("Kafka producer: %1").arg(m_sink->stateMessage());
            return false;
        }
    }
    if (consume) {
        m_source = new transport::KafkaSource(tuned(transport::EmbeddedBroker::consumerProperties()));
        if (m_settings.embeddedKafka() && isReplay())
            m_source->setStartTimeMs(0); // a new topic: everything in it is this replay's
        else if (isReplay())
            m_source->setLookbackMs(0); // only what this process is about to produce
        else
            m_source->setLookbackMs(m_settings.lookbackMs);
        m_source->moveToThread(&m_sourceThread);
        connect(&m_sourceThread, &QThread::started, m_source, &transport::KafkaSource::start);
        connect(&m_sourceThread, &QThread::finished, m_source, &QObject::deleteLater);
        connect(m_source, &transport::KafkaSource::lagChanged, this, &Engine::onLag);
        connect(m_source, &transport::KafkaSource::countersChanged, this,
                [this](const transport::KafkaSourceCounters& c) {
                    m_sourceCounters = c;
                    m_metrics.set(QStringLiteral("kafka_consumed_events"), double(consumedEvents(c)));
                });
        connect(m_source, &transport::KafkaSource::stateChanged, this,
                [this](transport::KafkaState s, const QString& m) {
                    emit kafkaStateChanged(QStringLiteral("consumer"),
                                           QString::fromLatin1(transport::kafkaStateName(s)), m);
                });
        connectBatchSource(m_source, true);
        m_sourceThread.start();
    }
    return true;
}

void Engine::connectBatchSource(QObject* source, bool fromKafka)
{
    if (!m_analytics)
        return;
    if (fromKafka) {
        auto* s = static_cast<transport::KafkaSource*>(source);
        connect(s, &transport::KafkaSource::batchReady, m_analytics, &AnalyticsEngine::onBatch);
        connect(s, &transport::KafkaSource::batchReady, m_alertMonitor,
                &alert::AlertMonitor::processBatch);
    } else {
        auto* w = static_cast<IngestWorker*>(source);
        connect(w, &IngestWorker::batchReady, m_analytics, &AnalyticsEngine::onBatch);
        connect(w, &IngestWorker::batchReady, m_alertMonitor, &alert::AlertMonitor::processBatch);
    }
}

void Engine::startIngest()
{
    m_ingest = std::make_unique<IngestWorker>(m_ingestConfig);
    IngestWorker* w = m_ingest.get();
    if (m_sink)
        connect(w, &IngestWorker::batchReady, m_sink, &transport::KafkaSink::publish);
    else
        connectBatchSource(w, false);
    connect(w, &IngestWorker::countersReady, this, [this](const ingest::IngestCounters& c) {
        m_ingestCounters = c;
        m_metrics.updateIngest(c);
        if (m_analytics && !m_source)
            QMetaObject::invokeMethod(m_analytics, [a = m_analytics, c] { a->setIngestCounters(c); });
        emit ingestCountersReady(c);
    });
    const bool replay = m_ingestConfig.isReplay();
    const double speed = m_ingestConfig.speed;
    const bool batch = m_ingestConfig.batch;
    connect(w, &IngestWorker::stateChanged, this,
            [this, replay, speed, batch](ingest::ConnectionState s, const QString& d, int retry) {
                if (replay && s == ingest::ConnectionState::Live)
                    emit connectionStateChanged(kReplayingState,
                                                batch ? QStringLiteral("batch")
                                                      : QString::number(speed),
                                                -1);
                else
                    emit connectionStateChanged(int(s), d, retry);
            });
    connect(w, &IngestWorker::warning, this, &Engine::warning);
    connect(w, &IngestWorker::fatalError, this, &Engine::fatalError);
    connect(w, &IngestWorker::finished, this, &Engine::sourceFinished);
    w->start();
}

void Engine::stopIngest()
{
    if (!m_ingest)
        return;
    m_ingestCounters = m_ingest->stop();
    m_metrics.updateIngest(m_ingestCounters);
    m_metrics.updateQueue(QStringLiteral("ingest_batches"), 0,
                          quint64(m_ingestConfig.maxBatchesInFlight), m_ingestCounters.dropped);
    m_ingest.reset();
}

void Engine::stopAnalytics()
{
    if (!m_analytics)
        return;
    AnalyticsEngine* a = m_analytics;
    alert::AlertMonitor* m = m_alertMonitor;
    onThreadOf(a, [a] { a->stop(); });
    disconnect(a, nullptr, this, nullptr);
    disconnect(m, nullptr, this, nullptr);
    QMetaObject::invokeMethod(a, &QObject::deleteLater, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m, &QObject::deleteLater, Qt::QueuedConnection);
    m_analytics = nullptr;
    m_alertMonitor = nullptr;
}

DashboardSnapshotPtr Engine::drain(int kafkaTimeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    stopIngest(); // the source has ended: this gives its final counters
    if (m_sink) {
        transport::KafkaSinkCounters c;
        onThreadOf(m_sink, [this, &c, kafkaTimeoutMs] {
            m_sink->flush(kafkaTimeoutMs);
            c = m_sink->counters();
        });
        m_sinkCounters = c;
        if (m_source) {
            // Every delivered message must come back through the consumer before the end.
            for (;;) {
                transport::KafkaSourceCounters s;
                onThreadOf(m_source, [this, &s] { s = m_source->counters(); });
                m_sourceCounters = s;
                if (s.messages >= c.delivered || timer.elapsed() > kafkaTimeoutMs)
                    break;
                QThread::msleep(20);
            }
        }
    }
    if (!m_analytics)
        return {};
    DashboardSnapshotPtr last;
    const ingest::IngestCounters counters = m_ingestCounters;
    const bool fromKafka = m_source != nullptr;
    onThreadOf(m_analytics, [a = m_analytics, &last, counters, fromKafka] {
        if (!fromKafka)
            a->setIngestCounters(counters);
        a->closeAllMinutes();
        last = a->buildSnapshot();
    });
    m_latest = last;
    if (last)
        m_metrics.updateAnalytics(*last);
    return last;
}

void Engine::stop()
{
    if (m_stopped || !m_started) {
        m_stopped = true;
        return;
    }
    m_stopped = true;
    m_healthTimer.stop();
    stopIngest();
    if (m_sink) {
        transport::KafkaSinkCounters c;
        onThreadOf(m_sink, [this, &c] {
            m_sink->stop(); // flushes for up to 5 s
            c = m_sink->counters();
        });
        m_sinkCounters = c;
    }
    m_sinkThread.quit();
    m_sinkThread.wait();
    m_sink = nullptr;
    if (m_source) {
        onThreadOf(m_source, [this] {
            m_sourceCounters = m_source->counters();
            m_source->stop();
        });
    }
    m_sourceThread.quit();
    m_sourceThread.wait();
    m_source = nullptr;
    // Analytics takes what is queued first, then its closed minutes reach the store's queue
    // before the flush below.
    if (m_analytics)
        onThreadOf(m_analytics, [a = m_analytics] { a->stop(); });
    m_analyticsThread.quit();
    m_analyticsThread.wait();
    m_analytics = nullptr;
    m_alertMonitor = nullptr;
    if (m_store)
        onThreadOf(m_store, [s = m_store] { s->flush(); });
    m_storeThread.quit();
    m_storeThread.wait();
    m_store = nullptr;
    m_metricsServer.reset();
    m_broker.reset();
}

void Engine::setLookback(qint64 ms)
{
    m_settings.lookbackMs = ms;
    if (m_analytics)
        QMetaObject::invokeMethod(m_analytics, [a = m_analytics, ms] { a->setLookback(ms); });
}

void Engine::setRefreshInterval(int ms)
{
    m_settings.refreshMs = ms;
    if (m_analytics)
        QMetaObject::invokeMethod(m_analytics, [a = m_analytics, ms] { a->setRefreshInterval(ms); });
}

void Engine::setTopN(int n)
{
    m_settings.topN = n;
    if (m_analytics)
        QMetaObject::invokeMethod(m_analytics, [a = m_analytics, n] { a->setTopN(n); });
}

void Engine::setFilter(const analytics::Filter& filter)
{
    m_settings.filter = filter;
    if (m_analytics)
        QMetaObject::invokeMethod(m_analytics, [a = m_analytics, filter] { a->setFilter(filter); });
}

void Engine::setKeywords(const QStringList& keywords)
{
    m_settings.keywords = keywords;
    if (m_analytics)
        QMetaObject::invokeMethod(m_analytics,
                                  [a = m_analytics, keywords] { a->setKeywords(keywords); });
}

void Engine::setAlertRules(const QVariantList& rules)
{
    m_alertRules = rules;
    if (m_alertMonitor)
        QMetaObject::invokeMethod(m_alertMonitor,
                                  [m = m_alertMonitor, rules] { m->setRules(rules); });
}

void Engine::openRecording(const QString& path, double speed)
{
    if (m_stopped || (m_settings.kafkaEnabled() && m_settings.role == KafkaRole::Dashboard))
        return;
    stopIngest();
    m_ingestConfig.replayFile = path;
    m_ingestConfig.speed = std::clamp(speed, 0.1, 1000.0);
    m_ingestConfig.batch = false;
    m_ingestConfig.recordFile.clear();
    if (m_analytics && !m_source) {
        // A replay's clock is not the live one: keep what was closed, then start over.
        onThreadOf(m_analytics, [a = m_analytics] { a->closeAllMinutes(); });
        stopAnalytics();
        startAnalytics();
    }
    startIngest();
}

void Engine::goLive()
{
    if (m_stopped || (m_settings.kafkaEnabled() && m_settings.role == KafkaRole::Dashboard))
        return;
    stopIngest();
    m_ingestConfig = m_settings.ingestConfig();
    m_ingestConfig.replayFile.clear();
    m_ingestConfig.countersIntervalMs = 1000;
    if (m_analytics && !m_source) {
        stopAnalytics();
        startAnalytics();
    }
    startIngest();
}

void Engine::requestIngestCounters()
{
    if (m_ingest)
        m_ingest->requestCounters();
}

void Engine::onSnapshot(const DashboardSnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    m_latest = snapshot;
    m_metrics.updateAnalytics(*snapshot);
    emit snapshotReady(snapshot);
}

void Engine::onStartupFill(const store::StartupFill& fill)
{
    emit knownWikisChanged(fill.knownWikis);
    if (!wantsStartupFill() || fill.minutes.isEmpty())
        return;
    m_fill.assign(fill.minutes.begin(), fill.minutes.end());
    emit notice(QStringLiteral("started full: %1 stored minutes").arg(m_fill.size()));
    if (m_analytics)
        QMetaObject::invokeMethod(m_analytics,
                                  [a = m_analytics, f = m_fill] { a->setHistoryFill(f); });
}

void Engine::onHealthTick()
{
    m_metrics.updateProcess();
    if (m_ingest)
        m_metrics.updateQueue(QStringLiteral("ingest_batches"), quint64(m_ingest->batchesInFlight()),
                              quint64(m_ingestConfig.maxBatchesInFlight), m_ingestCounters.dropped);
    m_metrics.set(QStringLiteral("alerts_raised"), double(m_alerts));
    // Live data: the alert clock follows the wall clock, so a stalled stream still shows.
    if (m_alertMonitor && !isReplay()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QMetaObject::invokeMethod(m_alertMonitor, [m = m_alertMonitor, now] { m->advanceTo(now); });
    }
    emit healthUpdated(m_metrics.snapshot());
}

void Engine::onLag(const transport::KafkaLag& lag)
{
    m_lag = lag;
    m_metrics.clearSeries(QStringLiteral("kafka_consumer_lag"));
    QStringList parts;
    for (const auto& p : lag.partitions) {
        m_metrics.updateKafkaLag(m_settings.topic, p.partition, p.lag);
        parts << QStringLiteral("p%1: %2").arg(p.partition).arg(p.lag);
    }
    emit kafkaLagChanged(lag.total, parts.join(QStringLiteral(", ")));
}

} // namespace wt::pipeline
