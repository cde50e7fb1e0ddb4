// The Kafka path end to end through librdkafka's mock cluster (real Kafka protocol on 127.0.0.1):
// every real event arrives once with identical fields, per-wiki order holds, lag and counters.

#include <QTest>

#include "support/KafkaHarness.h"
#include "transport/EmbeddedBroker.h"
#include "transport/KafkaConfig.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

using namespace wt;
using namespace wt::transport;

class tst_KafkaTransport : public QObject {
    Q_OBJECT
private slots:
    void roundTripsRealRecordings();
    void keepsEachWikiInOrder();
    void producerCountsDeliveryFailures();
    void sourceIgnoresBadMessagesAndDuplicates();
};

namespace {

KafkaConfig configFor(const EmbeddedBroker& broker, const std::string& topic)
{
    KafkaConfig c;
    c.brokers = broker.bootstraps();
    c.topic = topic;
    return c;
}

} // namespace

void tst_KafkaTransport::roundTripsRealRecordings()
{
    EmbeddedBroker broker(3);
    QVERIFY2(broker.ok(), qPrintable(broker.error()));
    QVERIFY(broker.createTopic("rt", 6, 3));
    const KafkaConfig config = configFor(broker, "rt");

    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0); // everything the topic holds
    test::SourceRunner runner(source);
    runner.start();
    QVERIFY(test::waitFor([&] { return runner.assigned == 6; }, 10000));

    event::EventBatch produced = test::recordingEvents(QStringLiteral("editgroups.ndjson"));
    const auto rag = test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"));
    produced.insert(produced.end(), rag.begin(), rag.end());
    QCOMPARE(produced.size(), std::size_t(5815 + 336));

    KafkaSink sink(config);
    QVERIFY(sink.start());
    for (std::size_t i = 0; i < produced.size(); i += 500) // chunks, as ingest hands them over
        sink.publishBatch(event::EventBatch(produced.begin() + i, produced.begin() + std::min(produced.size(), i + 500)));
    QCOMPARE(sink.flush(10000), 0);
    const auto sc = sink.counters();
    QCOMPARE(sc.enqueued, produced.size());
    QCOMPARE(sc.delivered, produced.size());
    QCOMPARE(sc.deliveryFailed, 0u);
    QCOMPARE(sc.dropped, 0u);
    QCOMPARE(sink.state(), KafkaState::Running);

    QVERIFY2(runner.waitForEvents(produced.size(), 20000), qPrintable(QString::number(runner.events.size())));
    QTest::qWait(300); // anything extra (a duplicate) would arrive now
    const int reportsBefore = runner.lagReports;
    QVERIFY(test::waitFor([&] { return runner.lagReports > reportsBefore; }, 3000)); // once a second
    runner.stop();
    const QString verdict = test::exactlyOnce(produced, runner.events);
    QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
    QCOMPARE(runner.counters.messages, produced.size());
    QCOMPARE(runner.counters.badMessages, 0u);
    QCOMPARE(runner.counters.duplicates, 0u);
    QCOMPARE(runner.counters.events, produced.size());
    QVERIFY(runner.batches < int(produced.size()) / 10); // batches, not one signal per event
    QCOMPARE(runner.lag.partitions.size(), std::size_t(6));
    QCOMPARE(runner.lag.total, 0);
}

void tst_KafkaTransport::keepsEachWikiInOrder()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("order", 4));
    const KafkaConfig config = configFor(broker, "order");
    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    test::SourceRunner runner(source);
    runner.start();
    QVERIFY(test::waitFor([&] { return runner.assigned == 4; }, 10000));

    event::EventBatch produced;
    for (const char* f : {"dataplumbhub.ndjson", "visaalpathak_streaming_kafka.ndjson", "amommendes_wikimedia_stream.ndjson"}) {
        auto part = test::recordingEvents(QString::fromLatin1(f));
        produced.insert(produced.end(), part.begin(), part.end());
    }
    KafkaSink sink(config);
    QVERIFY(sink.start());
    sink.publishBatch(produced);
    QCOMPARE(sink.flush(10000), 0);
    QVERIFY(runner.waitForEvents(produced.size(), 20000));
    runner.stop();
    QVERIFY(test::exactlyOnce(produced, runner.events).isEmpty());

    std::map<std::string, std::vector<std::string>> sent, got;
    for (const auto& e : produced)
        sent[e.wiki].push_back(e.metaId);
    for (const auto& e : runner.events)
        got[e.wiki].push_back(e.metaId);
    QVERIFY(sent.size() > 20);
    QVERIFY(sent == got); // key = wiki: one partition per wiki, so per-wiki order is kept
}

void tst_KafkaTransport::producerCountsDeliveryFailures()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("fail", 1));
    KafkaConfig config = configFor(broker, "fail");
    QVERIFY(config.addProperty("message.timeout.ms=1000"));
    KafkaSink sink(config);
    QVERIFY(sink.start());
    QCOMPARE(rd_kafka_mock_broker_set_down(broker.cluster(), 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    const auto events = test::recordingEvents(QStringLiteral("polars_definitive_guide.ndjson"));
    sink.publishBatch(events);
    QVERIFY(test::waitFor([&] { return sink.counters().deliveryFailed == events.size(); }, 10000));
    QCOMPARE(sink.counters().delivered, 0u);
    QVERIFY2(sink.counters().lastError.contains(QLatin1String("timed out")), qPrintable(sink.counters().lastError));
    rd_kafka_mock_broker_set_up(broker.cluster(), 1);
}

void tst_KafkaTransport::sourceIgnoresBadMessagesAndDuplicates()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("bad", 2));
    const KafkaConfig config = configFor(broker, "bad");
    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    test::SourceRunner runner(source);
    runner.start();
    QVERIFY(test::waitFor([&] { return runner.assigned == 2; }, 10000));

    const auto events = test::recordingEvents(QStringLiteral("sat99496_wikistream_lakehouse.ndjson"));
    KafkaSink sink(config);
    QVERIFY(sink.start());
    sink.publishBatch(events);
    sink.publishBatch(events); // every event twice: the source must drop the copies
    QCOMPARE(sink.flush(10000), 0);

    // Garbage from another producer on the same topic: counted, never a crash.
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", config.brokers.c_str(), err, sizeof err);
    rd_kafka_t* other = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    for (const char* junk : {"", "not json", "{\"v\":1}", "[1,2,3]", "{\"v\":99,\"meta_id\":\"x\"}", "\xff\xfe"}) {
        rd_kafka_producev(other, RD_KAFKA_V_TOPIC("bad"), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_VALUE(const_cast<char*>(junk), strlen(junk)), RD_KAFKA_V_END);
    }
    rd_kafka_flush(other, 5000);
    rd_kafka_destroy(other);

    QVERIFY(test::waitFor([&] { return runner.counters.messages >= 2 * events.size() + 6; }, 20000));
    runner.stop();
    QCOMPARE(runner.events.size(), events.size());
    QVERIFY(test::exactlyOnce(events, runner.events).isEmpty());
    QCOMPARE(runner.counters.duplicates, events.size());
    QCOMPARE(runner.counters.events, events.size());
    QCOMPARE(runner.counters.badMessages, 6u);
    QVERIFY(!runner.counters.lastError.isEmpty());
}

QTEST_GUILESS_MAIN(tst_KafkaTransport)
#include "tst_KafkaTransport.moc"
