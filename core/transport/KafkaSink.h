#pragma once
// Produces enriched events to the Kafka topic (key = wiki, value = EventCodec JSON, schema header).
// Lives on the ingest thread: publish(), the poll timer and every librdkafka callback run there.

#include "event/EditEvent.h"
#include "transport/KafkaConfig.h"
#include "transport/KafkaTypes.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <string>
#include <vector>

using rd_kafka_t = struct rd_kafka_s;
using rd_kafka_topic_t = struct rd_kafka_topic_s;
using rd_kafka_message_t = struct rd_kafka_message_s;

namespace wt::transport {

class KafkaSink : public QObject {
    Q_OBJECT
public:
    // Drop: a full local queue drops the event (counted) - live streams never stall.
    // Block: wait up to maxBlockMs for room (replays in batch mode), then drop.
    enum class QueueFullPolicy { Drop, Block };

    explicit KafkaSink(KafkaConfig config, QObject* parent = nullptr);
    ~KafkaSink() override; // flushes for up to 5 s, then counts what is left as dropped

    // Creates the producer and makes sure the topic exists (creating it when allowed). Returns
    // false only for errors that retrying cannot fix (bad -X property); an unreachable broker
    // is a state (WaitingForBroker), and librdkafka keeps retrying.
    bool start();
    void stop();

    void setQueueFullPolicy(QueueFullPolicy policy, int maxBlockMs = 1000);
    // Message timestamp = event time (default), so consumers can seek by event time.
    void setTimestampFromEvent(bool on) { m_timestampFromEvent = on; }

    // Produces every event of the batch (asynchronously; delivery is counted when acknowledged).
    void publishBatch(const event::EventBatch& batch);

    // Serves delivery reports until everything is acknowledged or timeoutMs passed; returns the
    // number of messages still in flight.
    int flush(int timeoutMs);

    KafkaSinkCounters counters() const; // call on the sink's thread; others use countersChanged
    KafkaState state() const { return m_state; }
    QString stateMessage() const { return m_stateMessage; }
    const KafkaConfig& config() const { return m_config; }

public slots:
    void publish(wt::event::EventBatchPtr batch);

signals:
    void stateChanged(wt::transport::KafkaState state, const QString& message);
    void countersChanged(const wt::transport::KafkaSinkCounters& counters);

private:
    static void onDelivery(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);
    static void onError(rd_kafka_t* rk, int err, const char* reason, void* opaque);
    void poll();
    void ensureTopic();
    bool produceOne(const event::EditEvent& event);
    void setState(KafkaState state, const QString& message);

    KafkaConfig m_config;
    rd_kafka_t* m_rk = nullptr;
    rd_kafka_topic_t* m_topic = nullptr;
    QTimer m_pollTimer;
    QueueFullPolicy m_queuePolicy = QueueFullPolicy::Drop;
    int m_maxBlockMs = 1000;
    bool m_timestampFromEvent = true;
    bool m_topicReady = false;
    qint64 m_nextTopicCheckMs = 0;
    KafkaState m_state = KafkaState::Stopped;
    QString m_stateMessage;
    KafkaSinkCounters m_counters;
    std::uint64_t m_lastReportedDelivered = ~0ull;
    std::uint64_t m_lastReportedFailed = 0;
    std::vector<char> m_buffer; // reused encode buffer (EventCodec::encodeTo)
};

} // namespace wt::transport
