#pragma once
// Everything the Kafka path needs to connect: brokers, topic, the -X pass-through properties.
// A plain value built on the main thread from the command line and copied to the Kafka threads.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <QString>
#include <QStringList>

using rd_kafka_conf_t = struct rd_kafka_conf_s;

namespace wt::transport {

struct KafkaConfig {
    using Property = std::pair<std::string, std::string>;

    std::string brokers;                           // bootstrap.servers ("host:port,...")
    std::string topic = "wikitide.recentchange";
    int partitions = 6;                            // when the producer creates the topic
    int replicationFactor = -1;                    // -1: the broker's default
    bool createTopic = true;                       // producer creates a missing topic
    std::string group;                             // consumer group.id; empty: unique per instance
    std::vector<Property> properties;              // -X key=value, in command-line order

    // Parses one "-X key=value" argument. On failure error says why (never echoes a secret).
    bool addProperty(std::string_view assignment, QString* error = nullptr);

    // Properties whose values are never logged or saved: anything containing "password" or
    // "secret", private keys and OAUTHBEARER configs.
    static bool isSecret(std::string_view key);

    // The effective settings as text for logs: "key=value" per line, secrets as "***".
    QString redactedDump() const;
    // The -X properties safe to store in a settings file (secrets replaced by "***").
    QStringList redactedProperties() const;

    // Fills conf with our tuned defaults for the role, then bootstrap.servers, then every -X
    // property (so -X wins). conf stays owned by the caller.
    bool applyProducer(rd_kafka_conf_t* conf, QString* error) const;
    bool applyConsumer(rd_kafka_conf_t* conf, QString* error) const;

    // Defaults chosen for throughput (see docs/kafka-schema.md, "Producer settings").
    static std::vector<Property> producerDefaults();
    static std::vector<Property> consumerDefaults();

private:
    bool apply(rd_kafka_conf_t* conf, const std::vector<Property>& defaults, QString* error) const;
};

// Command-line help texts the app wires (kept here so they stay next to the behaviour).
namespace help {
inline constexpr const char* kKafka =
    "Send events through Kafka. BROKERS is a bootstrap list (host:port,...), or 'embedded' for an "
    "in-process test broker (librdkafka mock cluster on 127.0.0.1; its address is printed so other "
    "WikiTide processes and kcat can connect). The embedded broker keeps everything in memory only, "
    "keeps just a few MB per partition (older messages are dropped), loses all data when WikiTide "
    "exits and has no security: for trying things out, never for production. "
    "Default: off (events stay in-process). Environment: WIKITIDE_KAFKA_BROKERS.";
inline constexpr const char* kRole =
    "With --kafka: 'ingest' only reads the stream and produces to Kafka (headless service); "
    "'dashboard' only consumes from Kafka (GUI or headless); 'all' does both in one process. "
    "Default: all.";
inline constexpr const char* kTopic = "Kafka topic for the events. Created if missing (6 partitions, "
                                      "broker default replication) when the broker allows it. "
                                      "Default: wikitide.recentchange.";
inline constexpr const char* kProperty =
    "Set any librdkafka property, as kcat does (repeatable), e.g. -X security.protocol=SASL_SSL "
    "-X sasl.mechanisms=PLAIN -X sasl.username=me -X sasl.password=... Overrides WikiTide's "
    "defaults. Values of properties containing 'password' or 'secret' are never logged or saved.";
inline constexpr const char* kGroup =
    "Consumer group.id of the dashboard (for broker ACLs and monitoring). The dashboard still "
    "reads every partition itself and never commits offsets, so dashboards sharing a group do "
    "not share events. Default: wikitide-dashboard-<host>-<pid>.";
inline constexpr const char* kPartitions = "Partitions of a topic WikiTide creates. Default: 6.";
} // namespace help

} // namespace wt::transport
