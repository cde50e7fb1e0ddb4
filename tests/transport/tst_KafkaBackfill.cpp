// Backfill by time: message timestamps are event times, and a new dashboard starts at
// now - lookback (or an explicit time), getting exactly the events inside it, then everything new.

#include <QDateTime>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include "support/KafkaHarness.h"
#include "transport/EmbeddedBroker.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

using namespace wt;
using namespace wt::transport;

class tst_KafkaBackfill : public QObject {
    Q_OBJECT
private slots:
    void startsAtExplicitEventTime();
    void lookbackFromNowThenLiveEvents();
};

namespace {

KafkaConfig configFor(const EmbeddedBroker& broker, const char* topic)
{
    KafkaConfig c;
    c.brokers = broker.bootstraps();
    c.topic = topic;
    return c;
}

void produceAll(const KafkaConfig& config, const event::EventBatch& events)
{
    KafkaSink sink(config);
    QVERIFY(sink.start());
    sink.publishBatch(events);
    QCOMPARE(sink.flush(20000), 0);
    QCOMPARE(sink.counters().delivered, events.size());
}

} // namespace

void tst_KafkaBackfill::startsAtExplicitEventTime()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("backfill", 3));
    const KafkaConfig config = configFor(broker, "backfill");
    const auto events = test::recordingEvents(QStringLiteral("editgroups.ndjson"));
    QCOMPARE(events.size(), std::size_t(5815));
    produceAll(config, events);

    std::vector<std::int64_t> times;
    for (const auto& e : events)
        times.push_back(e.timeMs);
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    const std::int64_t cutoff = times[times.size() / 2];
    event::EventBatch inside;
    for (const auto& e : events)
        if (e.timeMs >= cutoff)
            inside.push_back(e);
    QVERIFY(inside.size() > 1000 && inside.size() < events.size() - 1000);

    auto* source = new KafkaSource(config);
    source->setStartTimeMs(cutoff);
    test::SourceRunner runner(source);
    runner.start();
    QVERIFY(test::waitFor([&] { return runner.counters.messages >= events.size(); }, 20000));
    runner.stop();
    // The mock kept the whole backlog (its retention is small: keep this volume modest).
    QCOMPARE(runner.counters.messages, events.size());
    QCOMPARE(runner.counters.olderThanLookback, events.size() - inside.size());
    const QString verdict = test::exactlyOnce(inside, runner.events);
    QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
}

void tst_KafkaBackfill::lookbackFromNowThenLiveEvents()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("lookback", 2));
    const KafkaConfig config = configFor(broker, "lookback");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Real events re-timed: the first half two hours ago, the second ten minutes ago.
    auto events = test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"));
    const std::size_t half = events.size() / 2;
    for (std::size_t i = 0; i < events.size(); ++i)
        events[i].timeMs = (i < half ? now - 2 * 3600 * 1000 : now - 10 * 60 * 1000) + static_cast<qint64>(i);
    produceAll(config, events);

    auto* source = new KafkaSource(config);
    source->setLookbackMs(3600 * 1000);
    test::SourceRunner runner(source);
    runner.start();
    QVERIFY(test::waitFor([&] { return runner.events.size() >= events.size() - half; }, 20000));
    QTest::qWait(300);
    QCOMPARE(runner.events.size(), events.size() - half);
    QVERIFY(test::exactlyOnce(event::EventBatch(events.begin() + half, events.end()), runner.events).isEmpty());

    // After start, everything produced is live, whatever its event time (a replay of 2018 data).
    const auto replay = test::recordingEvents(QStringLiteral("amommendes_wikimedia_stream.ndjson"));
    produceAll(config, replay);
    QVERIFY(runner.waitForEvents(events.size() - half + replay.size(), 20000));
    runner.stop();
    QCOMPARE(runner.counters.olderThanLookback, half);
    QCOMPARE(runner.events.size(), events.size() - half + replay.size());
}

QTEST_GUILESS_MAIN(tst_KafkaBackfill)
#include "tst_KafkaBackfill.moc"
