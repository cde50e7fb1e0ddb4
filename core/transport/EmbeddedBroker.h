#pragma once
// An in-process Kafka cluster (librdkafka's mock cluster) for --kafka embedded, tests and benches.
// Create and destroy on one thread (any); the brokers run on librdkafka's own threads.

#include <QString>
#include <string>
#include <utility>
#include <vector>

using rd_kafka_t = struct rd_kafka_s;
using rd_kafka_mock_cluster_t = struct rd_kafka_mock_cluster_s;

namespace wt::transport {

class EmbeddedBroker {
public:
    // Starts brokerCount brokers on random 127.0.0.1 ports. Check ok() / error().
    explicit EmbeddedBroker(int brokerCount = 1);
    ~EmbeddedBroker();
    EmbeddedBroker(const EmbeddedBroker&) = delete;
    EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

    bool ok() const { return m_cluster != nullptr; }
    QString error() const { return m_error; }

    // "127.0.0.1:port,..." for bootstrap.servers, kcat -b, other WikiTide processes.
    std::string bootstraps() const;

    // The mock cannot create topics through the admin API (librdkafka 2.0.2), and auto-creates
    // unknown ones with 4 partitions: create ours up front with the partitions asked for.
    bool createTopic(const std::string& topic, int partitions, int replicationFactor = 1);

    // For fault injection (rd_kafka_mock_broker_set_down, push_request_errors, ...).
    rd_kafka_mock_cluster_t* cluster() const { return m_cluster; }
    int brokerCount() const { return m_brokerCount; }

    // The limits to print with the bootstrap address and in --help.
    static const char* limitsText();

    // Client properties (key, value) worth adding on top of KafkaConfig's defaults when the
    // embedded broker is the cluster (each list only for its kind of client: librdkafka warns
    // about properties of the other kind).
    // Consumer: the mock answers a fetch that finds no data only after the full
    // fetch.wait.max.ms, even when data arrives meanwhile (a real broker answers at once): a short
    // wait keeps a dashboard that has caught up from stalling 100 ms at a time.
    // Producer: the mock returns one producer batch per partition per fetch, so bigger batches
    // mean fewer round trips for the consumer, and fewer, larger batches cost less CPU on both
    // sides (bench_kafka: -20% CPU per event). Not for real clusters: a broker's default
    // message.max.bytes (1 MB) refuses such batches.
    static std::vector<std::pair<std::string, std::string>> consumerProperties();
    static std::vector<std::pair<std::string, std::string>> producerProperties();

private:
    rd_kafka_t* m_host = nullptr; // the mock cluster lives on this handle's threads
    rd_kafka_mock_cluster_t* m_cluster = nullptr;
    int m_brokerCount = 0;
    QString m_error;
};

} // namespace wt::transport
