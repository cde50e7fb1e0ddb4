#include "transport/KafkaSink.h"

#include "transport/EventCodec.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <librdkafka/rdkafka.h>

namespace wt::transport {

namespace {

constexpr int kPollIntervalMs = 50;
constexpr int kTopicTimeoutMs = 3000;
constexpr int kTopicRetryMs = 2000;
constexpr char kSchemaValue[] = "1";

QString err2str(rd_kafka_resp_err_t err)
{
    return QString::fromUtf8(rd_kafka_err2str(err));
}

} // namespace

KafkaSink::KafkaSink(KafkaConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config)),
      m_pollTimer(this) // a child, so moveToThread() takes it along
{
    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &KafkaSink::poll);
}

KafkaSink::~KafkaSink()
{
    stop();
}

void KafkaSink::setQueueFullPolicy(QueueFullPolicy policy, int maxBlockMs)
{
    m_queuePolicy = policy;
    m_maxBlockMs = maxBlockMs;
}

void KafkaSink::setState(KafkaState state, const QString& message)
{
    if (state == m_state && message == m_stateMessage)
        return;
    m_state = state;
    m_stateMessage = message;
    emit stateChanged(state, message);
}

bool KafkaSink::start()
{
    if (m_rk)
        return true;
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    QString error;
    if (!m_config.applyProducer(conf, &error)) {
        rd_kafka_conf_destroy(conf);
        setState(KafkaState::Failed, error);
        return false;
    }
    rd_kafka_conf_set_opaque(conf, this);
    rd_kafka_conf_set_dr_msg_cb(conf, &KafkaSink::onDelivery);
    rd_kafka_conf_set_error_cb(conf, &KafkaSink::onError);
    char errstr[512];
    m_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!m_rk) {
        rd_kafka_conf_destroy(conf);
        setState(
            KafkaState::Failed,
            QStringLiteral("cannot create the Kafka producer: %1").arg(QString::fromUtf8(errstr)));
        return false;
    }
    m_topic = rd_kafka_topic_new(m_rk, m_config.topic.c_str(), nullptr);
    setState(
        KafkaState::Starting,
        QStringLiteral("connecting to Kafka at %1").arg(QString::fromStdString(m_config.brokers)));
    ensureTopic();
    m_pollTimer.start();
    return true;
}

void KafkaSink::stop()
{
    m_pollTimer.stop();
    if (!m_rk)
        return;
    const int left = flush(5000);
    if (left > 0) {
        m_counters.dropped += static_cast<std::uint64_t>(left);
        m_counters.lastError = QStringLiteral("%1 events not acknowledged at shutdown").arg(left);
    }
    if (m_topic)
        rd_kafka_topic_destroy(m_topic);
    m_topic = nullptr;
    rd_kafka_destroy(m_rk);
    m_rk = nullptr;
    setState(KafkaState::Stopped, QStringLiteral("Kafka producer stopped"));
    emit countersChanged(counters());
}

// Checks the topic without auto-creating it (a metadata request for all topics), then creates
// it with our partition count. Blocking for at most a few seconds, on the ingest thread at start.
void KafkaSink::ensureTopic()
{
    m_nextTopicCheckMs = QDateTime::currentMSecsSinceEpoch() + kTopicRetryMs;
    const rd_kafka_metadata_t* md = nullptr;
    auto err = rd_kafka_metadata(m_rk, 1, nullptr, &md, kTopicTimeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        setState(KafkaState::WaitingForBroker,
                 QStringLiteral(
                     "Kafka broker %1 not reachable (%2); retrying, events are queued locally")
                     .arg(QString::fromStdString(m_config.brokers), err2str(err)));
        return;
    }
    bool exists = false;
    for (int i = 0; i < md->topic_cnt; ++i)
        exists = exists || (m_config.topic == md->topics[i].topic &&
                            md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_metadata_destroy(md);
    m_topicReady = true; // whatever happens below, producing may proceed
    if (exists || !m_config.createTopic) {
        setState(KafkaState::Running,
                 QStringLiteral("producing to %1").arg(QString::fromStdString(m_config.topic)));
        return;
    }
    char errstr[512];
    rd_kafka_NewTopic_t* newTopic =
        rd_kafka_NewTopic_new(m_config.topic.c_str(), m_config.partitions,
                              m_config.replicationFactor, errstr, sizeof errstr);
    if (!newTopic) {
        setState(KafkaState::Running,
                 QStringLiteral("not creating topic: %1").arg(QString::fromUtf8(errstr)));
        return;
    }
    rd_kafka_queue_t* queue = rd_kafka_queue_new(m_rk);
    rd_kafka_AdminOptions_t* options =
        rd_kafka_AdminOptions_new(m_rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_request_timeout(options, kTopicTimeoutMs, errstr, sizeof errstr);
    rd_kafka_CreateTopics(m_rk, &newTopic, 1, options, queue);
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, kTopicTimeoutMs + 500);
    QString outcome = QStringLiteral("no answer from the broker (it may auto-create the topic)");
    if (event) {
        const auto* result = rd_kafka_event_CreateTopics_result(event);
        size_t count = 0;
        const rd_kafka_topic_result_t** topics =
            result ? rd_kafka_CreateTopics_result_topics(result, &count) : nullptr;
        if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR)
            outcome = QString::fromUtf8(rd_kafka_event_error_string(event));
        else if (count == 1 &&
                 rd_kafka_topic_result_error(topics[0]) != RD_KAFKA_RESP_ERR_NO_ERROR &&
                 rd_kafka_topic_result_error(topics[0]) != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            outcome = QString::fromUtf8(rd_kafka_topic_result_error_string(topics[0]));
        else
            outcome = QStringLiteral("created with %1 partitions").arg(m_config.partitions);
        rd_kafka_event_destroy(event);
    }
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_NewTopic_destroy(newTopic);
    rd_kafka_queue_destroy(queue);
    setState(KafkaState::Running, QStringLiteral("producing to %1 (topic %2)")
                                      .arg(QString::fromStdString(m_config.topic), outcome));
}

void KafkaSink::publish(wt::event::EventBatchPtr batch)
{
    if (batch)
        publishBatch(*batch);
}

void KafkaSink::publishBatch(const event::EventBatch& batch)
{
    if (!m_rk) {
        m_counters.dropped += batch.size();
        m_counters.lastError = QStringLiteral("Kafka producer not started");
        return;
    }
    for (const auto& event : batch)
        produceOne(event);
    rd_kafka_poll(m_rk, 0); // serve delivery reports without waiting for the timer
}

bool KafkaSink::produceOne(const event::EditEvent& event)
{
    const std::size_t max = EventCodec::maxEncodedSize(event);
    if (m_buffer.size() < max)
        m_buffer.resize(max); // grows to the largest event seen, then stays
    const std::size_t size =
        static_cast<std::size_t>(EventCodec::encodeTo(event, m_buffer.data()) - m_buffer.data());
    const qint64 deadline = m_queuePolicy == QueueFullPolicy::Block
                                ? QDateTime::currentMSecsSinceEpoch() + m_maxBlockMs
                                : 0;
    for (;;) {
        rd_kafka_headers_t* headers = rd_kafka_headers_new(1);
        rd_kafka_header_add(headers, kSchemaHeader, -1, kSchemaValue, 1);
        const auto err = rd_kafka_producev(
            m_rk, RD_KAFKA_V_RKT(m_topic), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_KEY(event.wiki.data(), event.wiki.size()),
            RD_KAFKA_V_VALUE(m_buffer.data(), size),
            RD_KAFKA_V_TIMESTAMP(m_timestampFromEvent ? event.timeMs : 0),
            RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++m_counters.enqueued;
            m_counters.encodedBytes += size;
            return true;
        }
        rd_kafka_headers_destroy(headers); // ownership passes only on success
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL && m_queuePolicy == QueueFullPolicy::Block &&
            QDateTime::currentMSecsSinceEpoch() < deadline) {
            rd_kafka_poll(m_rk, 10); // room appears as deliveries are acknowledged
            continue;
        }
        ++m_counters.dropped;
        m_counters.lastError = err == RD_KAFKA_RESP_ERR__QUEUE_FULL
                                   ? QStringLiteral("local Kafka queue full: events dropped")
                                   : QStringLiteral("produce failed: %1").arg(err2str(err));
        return false;
    }
}

int KafkaSink::flush(int timeoutMs)
{
    if (!m_rk)
        return 0;
    rd_kafka_flush(m_rk, timeoutMs);
    return rd_kafka_outq_len(m_rk);
}

KafkaSinkCounters KafkaSink::counters() const
{
    KafkaSinkCounters c = m_counters;
    c.inFlight = m_rk ? static_cast<std::uint64_t>(rd_kafka_outq_len(m_rk)) : 0;
    return c;
}

void KafkaSink::poll()
{
    if (!m_rk)
        return;
    rd_kafka_poll(m_rk, 0);
    if (!m_topicReady && QDateTime::currentMSecsSinceEpoch() >= m_nextTopicCheckMs)
        ensureTopic();
    if (m_counters.delivered != m_lastReportedDelivered ||
        m_counters.deliveryFailed != m_lastReportedFailed) {
        m_lastReportedDelivered = m_counters.delivered;
        m_lastReportedFailed = m_counters.deliveryFailed;
        emit countersChanged(counters());
    }
}

void KafkaSink::onDelivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque)
{
    auto* self = static_cast<KafkaSink*>(opaque);
    if (msg->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        ++self->m_counters.delivered;
        if (self->m_state == KafkaState::WaitingForBroker)
            self->setState(KafkaState::Running,
                           QStringLiteral("producing to %1 (broker back)")
                               .arg(QString::fromStdString(self->m_config.topic)));
        return;
    }
    ++self->m_counters.deliveryFailed;
    self->m_counters.lastError = QStringLiteral("delivery failed: %1").arg(err2str(msg->err));
}

void KafkaSink::onError(rd_kafka_t* rk, int err, const char* reason, void* opaque)
{
    auto* self = static_cast<KafkaSink*>(opaque);
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    self->m_counters.lastError = QString::fromUtf8(reason);
    if (code == RD_KAFKA_RESP_ERR__FATAL) {
        char fatal[512];
        rd_kafka_fatal_error(rk, fatal, sizeof fatal);
        self->setState(KafkaState::Failed,
                       QStringLiteral("Kafka producer failed: %1").arg(QString::fromUtf8(fatal)));
    } else if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
               code == RD_KAFKA_RESP_ERR__TRANSPORT || code == RD_KAFKA_RESP_ERR__RESOLVE) {
        self->setState(
            KafkaState::WaitingForBroker,
            QStringLiteral(
                "Kafka broker %1 not reachable (%2); retrying, events are queued locally")
                .arg(QString::fromStdString(self->m_config.brokers), QString::fromUtf8(reason)));
    }
}

} // namespace wt::transport
