// Broker faults injected through the mock cluster (real Kafka protocol on 127.0.0.1): a broker
// lost mid-stream, request errors, leader changes, no broker at start. No event may be lost and
// none doubled after dedup.

#include <functional>

#include <QTest>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "support/KafkaHarness.h"
#include "transport/EmbeddedBroker.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

using namespace wt;
using namespace wt::transport;

class tst_KafkaFaults : public QObject {
    Q_OBJECT
private slots:
    void brokerDownMidStream();
    void produceAndFetchRequestErrors();
    void leaderChange();
    void brokerDownAtStart();

private:
    // Produces half the recording, applies fault, produces the rest, heals, then checks.
    void runWithFault(const std::function<void(EmbeddedBroker&)>& fault,
                      const std::function<void(EmbeddedBroker&)>& heal);
};

namespace {
constexpr int kPartitions = 6;
const char* kTopic = "faults";
} // namespace

void tst_KafkaFaults::runWithFault(const std::function<void(EmbeddedBroker&)>& fault,
                                   const std::function<void(EmbeddedBroker&)>& heal)
{
    EmbeddedBroker broker(3);
    QVERIFY(broker.ok());
    QVERIFY(broker.createTopic(kTopic, kPartitions, 3));
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = kTopic;

    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    test::SourceRunner runner(source);
    runner.start();
    QVERIFY(test::waitFor([&] { return runner.assigned == kPartitions; }, 10000));

    const auto events = test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"));
    const std::size_t half = events.size() / 2;
    KafkaSink sink(config);
    QVERIFY(sink.start());
    sink.publishBatch(event::EventBatch(events.begin(), events.begin() + half));
    QCOMPARE(sink.flush(10000), 0);

    fault(broker);
    sink.publishBatch(event::EventBatch(events.begin() + half, events.end()));
    QTest::qWait(800); // let the fault bite: requests fail and are retried
    heal(broker);

    QCOMPARE(sink.flush(30000), 0);
    const auto sc = sink.counters();
    QCOMPARE(sc.delivered, events.size());
    QCOMPARE(sc.deliveryFailed, 0u);
    QCOMPARE(sc.dropped, 0u);
    QVERIFY2(runner.waitForEvents(events.size(), 30000), qPrintable(QString::number(runner.events.size())));
    QTest::qWait(300);
    runner.stop();
    const QString verdict = test::exactlyOnce(events, runner.events);
    QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
    qInfo("consumer: %llu messages, %llu duplicates dropped, %llu consume errors",
          static_cast<unsigned long long>(runner.counters.messages),
          static_cast<unsigned long long>(runner.counters.duplicates),
          static_cast<unsigned long long>(runner.counters.consumeErrors));
}

void tst_KafkaFaults::brokerDownMidStream()
{
    runWithFault([](EmbeddedBroker& b) { QCOMPARE(rd_kafka_mock_broker_set_down(b.cluster(), 2), RD_KAFKA_RESP_ERR_NO_ERROR); },
                 [](EmbeddedBroker& b) { QCOMPARE(rd_kafka_mock_broker_set_up(b.cluster(), 2), RD_KAFKA_RESP_ERR_NO_ERROR); });
}

void tst_KafkaFaults::produceAndFetchRequestErrors()
{
    runWithFault(
        [](EmbeddedBroker& b) {
            constexpr int16_t kProduce = 0, kFetch = 1;
            rd_kafka_mock_push_request_errors(b.cluster(), kProduce, 4, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                              RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                              RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE);
            rd_kafka_mock_push_request_errors(b.cluster(), kFetch, 2, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                              RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT);
        },
        [](EmbeddedBroker&) {});
}

void tst_KafkaFaults::leaderChange()
{
    runWithFault(
        [](EmbeddedBroker& b) {
            for (int p = 0; p < kPartitions; ++p)
                QCOMPARE(rd_kafka_mock_partition_set_leader(b.cluster(), kTopic, p, (p + 1) % 3 + 1), RD_KAFKA_RESP_ERR_NO_ERROR);
        },
        [](EmbeddedBroker& b) {
            for (int p = 0; p < kPartitions; ++p)
                rd_kafka_mock_partition_set_leader(b.cluster(), kTopic, p, (p + 2) % 3 + 1);
        });
}

void tst_KafkaFaults::brokerDownAtStart()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic(kTopic, 2));
    QCOMPARE(rd_kafka_mock_broker_set_down(broker.cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = kTopic;

    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    source->setMetadataIntervalMs(500);
    test::SourceRunner runner(source);
    runner.start();
    QVERIFY(test::waitFor([&] { return !runner.states.empty() && runner.states.back() == KafkaState::WaitingForBroker; }, 10000));
    QVERIFY2(runner.messages.back().contains(QLatin1String("not reachable")), qPrintable(runner.messages.back()));
    QVERIFY(runner.messages.back().contains(QString::fromStdString(config.brokers)));

    KafkaSink sink(config);
    QVERIFY(sink.start()); // an unreachable broker is a state, not a failure
    QCOMPARE(sink.state(), KafkaState::WaitingForBroker);
    const auto events = test::recordingEvents(QStringLiteral("dataplumbhub.ndjson"));
    sink.publishBatch(events); // queued locally meanwhile
    QTest::qWait(500);
    QCOMPARE(sink.counters().delivered, 0u);
    QVERIFY(runner.events.empty());

    QCOMPARE(rd_kafka_mock_broker_set_up(broker.cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    QCOMPARE(sink.flush(20000), 0);
    QCOMPARE(sink.counters().delivered, events.size());
    QVERIFY(runner.waitForEvents(events.size(), 20000));
    QTest::qWait(300);
    runner.stop();
    QVERIFY(test::exactlyOnce(events, runner.events).isEmpty());
    QVERIFY(std::find(runner.states.begin(), runner.states.end(), KafkaState::Running) != runner.states.end());
}

QTEST_GUILESS_MAIN(tst_KafkaFaults)
#include "tst_KafkaFaults.moc"
