#pragma once
// Consumes the Kafka topic for a dashboard: assigns itself every partition (no shared group),
// seeks by time to now - lookback, decodes, deduplicates and emits batches. Lives on its own
// QThread: moveToThread(), then call start() there (e.g. connect QThread::started to start).

#include <functional>
#include <map>
#include <memory>
#include <string_view>

#include <QObject>
#include <QTimer>

#include "event/EditEvent.h"
#include "transport/KafkaConfig.h"
#include "transport/KafkaTypes.h"

using rd_kafka_t = struct rd_kafka_s;
using rd_kafka_queue_t = struct rd_kafka_queue_s;
using rd_kafka_message_t = struct rd_kafka_message_s;

namespace wt::ingest {
class Deduper;
class IngestChain;
}

namespace wt::transport {

class EventCodec;

class KafkaSource : public QObject {
    Q_OBJECT
public:
    // Turns a message that is not our schema (raw recentchange JSON, e.g. produced by kcat from a
    // recording) into events; true when it produced any. Runs on the source's thread.
    // Default: an IngestChain of its own (parse, enrich, dedup), as the in-process path does.
    using RawDecoder = std::function<bool(std::string_view raw, event::EventBatch& out)>;

    explicit KafkaSource(KafkaConfig config, QObject* parent = nullptr);
    ~KafkaSource() override;

    // Before start(): where reading begins. Default: now - 3 h. lookbackMs <= 0: only new events.
    void setLookbackMs(qint64 lookbackMs) { m_lookbackMs = lookbackMs; }
    // An absolute start (event time, ms) instead of now - lookback: replays and tests.
    void setStartTimeMs(qint64 startMs) { m_startTimeMs = startMs; }
    void setRawDecoder(RawDecoder decoder) { m_rawDecoder = std::move(decoder); }
    void setMaxBatch(int maxMessages) { m_maxBatch = maxMessages; }
    // How often metadata is checked for new partitions (and retried while the broker is down).
    void setMetadataIntervalMs(int ms) { m_metadataIntervalMs = ms; }

    KafkaSourceCounters counters() const { return m_counters; } // on the source's thread
    KafkaLag lag() const;                                      // on the source's thread
    KafkaState state() const { return m_state; }
    qint64 cutoffMs() const { return m_cutoffMs; }

public slots:
    void start();
    void stop();

signals:
    void batchReady(wt::event::EventBatchPtr batch);
    void stateChanged(wt::transport::KafkaState state, const QString& message);
    void lagChanged(const wt::transport::KafkaLag& lag);
    void countersChanged(const wt::transport::KafkaSourceCounters& counters);
    // Partitions newly assigned and the offsets they start at (tests and the status log).
    void partitionsAssigned(int assignedTotal);

private:
    struct Partition {
        std::int64_t startOffset = -1;
        std::int64_t backlogEnd = -1; // high watermark at assignment: older messages are backlog
        bool timeFilter = false;      // drop backlog messages older than the cutoff
    };

    void refreshAssignment();
    void pollOnce();
    void reportLag();
    void handleMessage(const rd_kafka_message_t* msg, event::EventBatch& out);
    void noteError(int err, const QString& text);
    void setState(KafkaState state, const QString& message);
    static void onError(rd_kafka_t* rk, int err, const char* reason, void* opaque);

    KafkaConfig m_config;
    rd_kafka_t* m_rk = nullptr;
    rd_kafka_queue_t* m_queue = nullptr;
    QTimer m_pollTimer;
    QTimer m_metadataTimer;
    QTimer m_lagTimer;
    qint64 m_lookbackMs = 3 * 3600 * 1000;
    qint64 m_startTimeMs = -1;
    qint64 m_cutoffMs = 0;
    int m_maxBatch = 10000;
    int m_metadataIntervalMs = 2000;
    RawDecoder m_rawDecoder;
    std::map<std::int32_t, Partition> m_partitions;
    std::unique_ptr<EventCodec> m_codec;
    std::unique_ptr<ingest::Deduper> m_seen;
    std::unique_ptr<ingest::IngestChain> m_rawChain; // the default RawDecoder
    KafkaState m_state = KafkaState::Stopped;
    QString m_stateMessage;
    KafkaSourceCounters m_counters;
    std::vector<rd_kafka_message_t*> m_messages;
};

} // namespace wt::transport
