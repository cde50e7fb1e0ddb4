#include "transport/KafkaConfig.h"

#include <algorithm>
#include <cctype>

#include <librdkafka/rdkafka.h>

namespace wt::transport {

namespace {

bool containsNoCase(std::string_view haystack, std::string_view needle)
{
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                       [](char a, char b) {
                           return std::tolower(static_cast<unsigned char>(a)) == b;
                       })
        != haystack.end();
}

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

} // namespace

bool KafkaConfig::isSecret(std::string_view key)
{
    return containsNoCase(key, "password") || containsNoCase(key, "secret")
        || containsNoCase(key, "ssl.key.pem") || containsNoCase(key, "sasl.oauthbearer.config")
        || containsNoCase(key, "ssl_key");
}

bool KafkaConfig::addProperty(std::string_view assignment, QString* error)
{
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        if (error) {
            // Without '=' the whole argument may be a secret typed in the wrong place: do not echo it.
            *error = QStringLiteral("-X expects key=value (e.g. -X security.protocol=SSL)");
        }
        return false;
    }
    std::string key(assignment.substr(0, eq));
    std::string value(assignment.substr(eq + 1));
    auto it = std::find_if(properties.begin(), properties.end(),
                           [&](const Property& p) { return p.first == key; });
    if (it != properties.end())
        it->second = std::move(value); // last one wins, as with kcat
    else
        properties.emplace_back(std::move(key), std::move(value));
    return true;
}

QStringList KafkaConfig::redactedProperties() const
{
    QStringList out;
    for (const auto& [key, value] : properties)
        out << q(key) + QLatin1Char('=') + (isSecret(key) ? QStringLiteral("***") : q(value));
    return out;
}

QString KafkaConfig::redactedDump() const
{
    QStringList lines;
    lines << QStringLiteral("bootstrap.servers=") + q(brokers);
    lines << QStringLiteral("topic=") + q(topic);
    lines << QStringLiteral("partitions=") + QString::number(partitions);
    if (!group.empty())
        lines << QStringLiteral("group.id=") + q(group);
    lines << redactedProperties();
    return lines.join(QLatin1Char('\n'));
}

std::vector<KafkaConfig::Property> KafkaConfig::producerDefaults()
{
    return {
        {"enable.idempotence", "true"},       // retries without duplicates or reordering per key
        {"acks", "all"},                      // required by idempotence
        {"compression.type", "lz4"},          // cheapest CPU per byte saved; zstd also built in
        {"linger.ms", "10"},                  // fill batches: events arrive in bursts of a chunk
        {"batch.num.messages", "10000"},
        {"batch.size", "1000000"},
        {"queue.buffering.max.messages", "200000"}, // the bounded local queue (QUEUE_FULL beyond)
        {"queue.buffering.max.kbytes", "262144"},
        {"message.timeout.ms", "300000"},     // a delivery error after 5 min of broker outage
        {"reconnect.backoff.max.ms", "2000"},
        {"client.id", "wikitide-ingest"},
    };
}

std::vector<KafkaConfig::Property> KafkaConfig::consumerDefaults()
{
    return {
        {"enable.auto.commit", "false"},      // we assign partitions and seek by time ourselves
        {"enable.auto.offset.store", "false"},
        {"auto.offset.reset", "earliest"},    // an offset out of range: read what is retained
        {"enable.partition.eof", "false"},
        {"fetch.wait.max.ms", "100"},
        {"fetch.min.bytes", "1"},
        {"queued.max.messages.kbytes", "65536"}, // bounded prefetch per partition
        {"reconnect.backoff.max.ms", "2000"},
        {"topic.metadata.refresh.interval.ms", "10000"}, // notice new partitions soon
        {"client.id", "wikitide-dashboard"},
    };
}

bool KafkaConfig::apply(rd_kafka_conf_t* conf, const std::vector<Property>& defaults,
                        QString* error) const
{
    char errstr[512];
    auto set = [&](const std::string& key, const std::string& value) {
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr)
            == RD_KAFKA_CONF_OK)
            return true;
        if (error) {
            *error = isSecret(key) ? QStringLiteral("invalid value for Kafka property %1").arg(q(key))
                                   : QStringLiteral("Kafka property %1: %2").arg(q(key), QString::fromUtf8(errstr));
        }
        return false;
    };
    for (const auto& [key, value] : defaults)
        if (!set(key, value))
            return false;
    if (!brokers.empty() && !set("bootstrap.servers", brokers))
        return false;
    for (const auto& [key, value] : properties)
        if (!set(key, value))
            return false;
    return true;
}

bool KafkaConfig::applyProducer(rd_kafka_conf_t* conf, QString* error) const
{
    return apply(conf, producerDefaults(), error);
}

bool KafkaConfig::applyConsumer(rd_kafka_conf_t* conf, QString* error) const
{
    auto defaults = consumerDefaults();
    defaults.emplace_back("group.id", group);
    return apply(conf, defaults, error);
}

} // namespace wt::transport
