#include "transport/EmbeddedBroker.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace wt::transport {

EmbeddedBroker::EmbeddedBroker(int brokerCount) : m_brokerCount(brokerCount)
{
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    // The host handle never connects anywhere; silence its "no bootstrap.servers" warning.
    rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "client.id", "wikitide-embedded-broker", errstr, sizeof errstr);
    m_host = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!m_host) {
        rd_kafka_conf_destroy(conf);
        m_error =
            QStringLiteral("cannot start the embedded broker: %1").arg(QString::fromUtf8(errstr));
        return;
    }
    m_cluster = rd_kafka_mock_cluster_new(m_host, brokerCount);
    if (!m_cluster)
        m_error = QStringLiteral("cannot start the embedded broker (librdkafka mock cluster)");
}

EmbeddedBroker::~EmbeddedBroker()
{
    if (m_cluster)
        rd_kafka_mock_cluster_destroy(m_cluster);
    if (m_host)
        rd_kafka_destroy(m_host);
}

std::string EmbeddedBroker::bootstraps() const
{
    return m_cluster ? std::string(rd_kafka_mock_cluster_bootstraps(m_cluster)) : std::string();
}

bool EmbeddedBroker::createTopic(const std::string& topic, int partitions, int replicationFactor)
{
    if (!m_cluster)
        return false;
    const int rf = replicationFactor < 1 ? 1 : std::min(replicationFactor, m_brokerCount);
    const auto err = rd_kafka_mock_topic_create(m_cluster, topic.c_str(), partitions, rf);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        m_error = QStringLiteral("cannot create topic %1: %2")
                      .arg(QString::fromStdString(topic), QString::fromUtf8(rd_kafka_err2str(err)));
        return false;
    }
    return true;
}

std::vector<std::pair<std::string, std::string>> EmbeddedBroker::consumerProperties()
{
    return {{"fetch.wait.max.ms", "10"}};
}

std::vector<std::pair<std::string, std::string>> EmbeddedBroker::producerProperties()
{
    return {{"batch.size", "4000000"}, {"message.max.bytes", "4000000"}};
}

const char* EmbeddedBroker::limitsText()
{
    return "Embedded Kafka broker (librdkafka mock cluster): memory only, only a few MB kept per "
           "partition (older messages are dropped), everything lost when this process exits, no "
           "authentication, listening on 127.0.0.1 only. For trying the Kafka path and for tests; "
           "use a real cluster for anything else.";
}

} // namespace wt::transport
