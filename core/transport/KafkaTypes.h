#pragma once
// Values the Kafka sink and source report (state, counters, consumer lag). Copied across threads
// through queued signals, so all plain values.

#include <cstdint>
#include <vector>

#include <QMetaType>
#include <QString>

namespace wt::transport {

enum class KafkaState : std::uint8_t {
    Starting,         // handle created, first contact pending
    WaitingForBroker, // no broker reachable: retrying on its own, message says where
    WaitingForTopic,  // broker up, topic absent (consumer): retrying
    Running,          // events flow
    Failed,           // configuration or fatal error: no retry (message says why)
    Stopped,
};

const char* kafkaStateName(KafkaState state);

struct KafkaSinkCounters {
    std::uint64_t enqueued = 0;       // handed to librdkafka
    std::uint64_t delivered = 0;      // acknowledged by the broker
    std::uint64_t deliveryFailed = 0; // delivery report with an error (after librdkafka's retries)
    std::uint64_t dropped = 0;        // local queue full (or produce refused): never sent
    std::uint64_t encodedBytes = 0;
    std::uint64_t inFlight = 0;       // in the local queue or awaiting acknowledgement
    QString lastError;                // most recent delivery/produce error, plain text
};

struct PartitionLag {
    std::int32_t partition = 0;
    std::int64_t position = -1; // next offset the dashboard will read (-1: not known yet)
    std::int64_t high = -1;     // high watermark (offset of the next message produced)
    std::int64_t lag = 0;       // high - position, 0 when unknown
};

struct KafkaLag {
    std::vector<PartitionLag> partitions;
    std::int64_t total = 0;
};

struct KafkaSourceCounters {
    std::uint64_t messages = 0;     // messages read from Kafka
    std::uint64_t events = 0;       // events emitted (decoded, not duplicate, inside the lookback)
    std::uint64_t duplicates = 0;   // same meta.id already seen
    std::uint64_t badMessages = 0;  // not decodable (neither our schema nor raw recentchange)
    std::uint64_t rawEvents = 0;    // messages that were raw recentchange JSON (decoded by ingest)
    std::uint64_t olderThanLookback = 0; // backlog messages skipped because older than the lookback
    std::uint64_t consumeErrors = 0;     // errors reported by the consumer (broker down, ...)
    std::uint64_t bytes = 0;
    QString lastError;
};

} // namespace wt::transport

Q_DECLARE_METATYPE(wt::transport::KafkaState)
Q_DECLARE_METATYPE(wt::transport::KafkaSinkCounters)
Q_DECLARE_METATYPE(wt::transport::KafkaSourceCounters)
Q_DECLARE_METATYPE(wt::transport::KafkaLag)
